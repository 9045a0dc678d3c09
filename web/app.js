// ordo booking page: sign in with a token, find ranked proposals, book one,
// see the first resource's week, reschedule or cancel. Talks only to /v1.
"use strict";
// $, api, say, signInWith and signInForm come from common.js.
let current = null;   // the booking shown

function hush() { say(""); }

function localText(rfc) {   // "2026-12-07T08:00:00+01:00" -> "Mon 7 Dec 08:00" (the site's local time)
  const d = rfc.slice(0, 10), t = rfc.slice(11, 16);
  const day = new Date(d + "T12:00:00Z");
  return day.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }) + " " + t;
}

async function services() {
  const s = await api("GET", "/v1/services");
  const sel = $("service"); sel.innerHTML = "";
  for (const sv of s.services) {
    const o = document.createElement("option");
    o.value = sv.id; o.textContent = `${sv.name} (${sv.duration_minutes} min)`;
    sel.appendChild(o);
  }
}

async function signIn(t) {
  if (!(await signInWith(t, "desk", services))) return;
  $("who").textContent = "signed in";
  if (!$("after").value) $("after").value = new Date().toISOString().slice(0, 10);
}

async function find(ev) {
  ev.preventDefault(); hush();
  const q = new URLSearchParams({ service: $("service").value, participants: $("participants").value,
                                  after: $("after").value, count: $("count").value || "5" });
  const list = $("proposals"); list.innerHTML = "";
  try {
    const r = await api("GET", "/v1/find-times?" + q);
    if (!r.proposals.length) { say("No free time: " + r.reason); return; }
    r.proposals.forEach((p) => {
      const li = document.createElement("li");
      li.className = "proposal";
      li.textContent = `${localText(p.start)}–${p.end.slice(11, 16)} at ${p.site}: ${p.resources.join(", ")}`;
      const b = document.createElement("button");
      b.textContent = "Book"; b.type = "button";
      b.onclick = () => book(p);
      li.appendChild(b); list.appendChild(li);
    });
  } catch (e) { say(e.message); }
}

async function book(p) {
  hush();
  try {
    const b = await api("POST", "/v1/bookings", { service: $("service").value, start: p.start,
                                                   resources: p.resources, participants: Number($("participants").value) });
    await show(b);                       /* the week first: the message says it is done */
    say(`Booked ${b.id}: ${localText(b.start)} with ${b.resources.join(", ")}.`, true);
  } catch (e) {
    say(e.status === 409 ? "That slot was just taken: " + e.message : e.message);
  }
}

function monday(dateText) {
  const d = new Date(dateText + "T12:00:00Z");
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

async function show(b) {
  current = b;
  $("booked").hidden = false;
  $("booking-id").textContent = b.id;
  $("booking-summary").textContent = `${b.status}: ${localText(b.start)}–${b.end.slice(11, 16)}, ${b.site}, ` +
    `${b.resources.join(", ")} (sequence ${b.sequence})`;
  $("move-start").value = b.start.slice(0, 16);
  const res = b.resources[0];
  $("week-resource").textContent = res;
  const mon = monday(b.start.slice(0, 10));
  const days = [...Array(7).keys()].map((i) => { const d = new Date(mon); d.setUTCDate(mon.getUTCDate() + i); return d; });
  const iso = (d) => d.toISOString().slice(0, 10);
  const end = new Date(mon); end.setUTCDate(mon.getUTCDate() + 7);
  const r = await api("GET", `/v1/bookings?resource=${encodeURIComponent(res)}&from=${iso(mon)}&to=${iso(end)}`);
  const head = $("week").tHead, body = $("week").tBodies[0];
  head.innerHTML = "<tr>" + days.map((d) => `<th>${d.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" })}</th>`).join("") + "</tr>";
  const row = document.createElement("tr");
  days.forEach((d) => {
    const td = document.createElement("td");
    td.dataset.date = iso(d);
    r.bookings.filter((x) => x.start && x.start.slice(0, 10) === iso(d)).forEach((x) => {
      const div = document.createElement("div");
      div.className = "event" + (x.id === b.id ? " new" : "") + (x.conflict ? " conflict" : "");
      div.dataset.booking = x.id;
      div.textContent = `${x.start.slice(11, 16)}–${x.end.slice(11, 16)} ${x.title || x.course || x.id}`;
      td.appendChild(div);
    });
    row.appendChild(td);
  });
  body.innerHTML = ""; body.appendChild(row);
}

async function move(ev) {
  ev.preventDefault(); hush();
  try {
    const b = await api("PATCH", "/v1/bookings/" + encodeURIComponent(current.id), { start: $("move-start").value });
    await show(b);
    say(`Moved ${b.id} to ${localText(b.start)}.`, true);
  } catch (e) { say(e.status === 409 ? "Cannot move there: " + e.message : e.message); }
}

async function cancelBooking() {
  hush();
  try {
    const b = await api("POST", "/v1/bookings/" + encodeURIComponent(current.id) + "/cancel", {});
    await show(b);
    $("booking-summary").textContent = `${b.status}: ${b.id}`;
    say(`Cancelled ${b.id}.`, true);
  } catch (e) { say(e.message); }
}

$("find-form").addEventListener("submit", find);
$("move-form").addEventListener("submit", move);
$("cancel-booking").addEventListener("click", cancelBooking);
signInForm(signIn);
