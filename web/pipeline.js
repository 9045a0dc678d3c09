// ordo pipeline board: the open opportunities as cards in four stage
// columns (GET /v1/opportunities?status=open). Dragging a card onto another
// column posts POST /v1/opportunities/{id}/stage; the board is then reloaded
// from the server, so a refused move (403, 422) leaves the card where the
// store has it and shows the server's message. Same-origin only, no network
// beyond the API. The token is kept in sessionStorage like the desk page's.
"use strict";
// $, api, say, signInWith and signInForm come from common.js.

function money(cents) {
  return (cents / 100).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function card(o) {
  const li = document.createElement("li");
  li.className = "opp";
  li.draggable = true;
  li.dataset.id = o.id;
  li.id = "opp-" + o.id;
  const title = document.createElement("strong");
  title.textContent = o.name || o.id;
  const meta = document.createElement("span");
  meta.textContent = `${o.account || o.contact || ""} · ${money(o.value)} · ${o.probability}% · ${o.close_date}`;
  li.append(title, document.createElement("br"), meta);
  li.addEventListener("dragstart", (e) => {
    e.dataTransfer.setData("text/plain", o.id);
    e.dataTransfer.effectAllowed = "move";
  });
  return li;
}

async function load() {
  const data = await api("GET", "/v1/opportunities?status=open");
  for (const col of document.querySelectorAll(".column ul")) col.replaceChildren();
  for (const o of data.opportunities) {
    const ul = document.querySelector(`.column[data-stage="${o.stage}"] ul`);
    if (ul) ul.append(card(o));
  }
}

async function move(id, stage) {
  try {
    await api("POST", `/v1/opportunities/${encodeURIComponent(id)}/stage`, { stage });
    say("");
  } catch (e) {
    say(e.status === 403 ? "Moving a card needs a planner token." : "Not moved: " + e.message);
  }
  await load();
}

for (const col of document.querySelectorAll(".column")) {
  col.addEventListener("dragover", (e) => { e.preventDefault(); e.dataTransfer.dropEffect = "move"; });
  col.addEventListener("drop", (e) => {
    e.preventDefault();
    const id = e.dataTransfer.getData("text/plain");
    const from = document.getElementById("opp-" + id);
    if (id && from && from.closest(".column") !== col) move(id, col.dataset.stage);
  });
}

signInForm((t) => signInWith(t, "board", load));
