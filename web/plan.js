// ordo plan score: the saved plan's cost, goal by goal, with the courses,
// people, cohorts and rooms causing most of it in the planner's words, each
// goal's own lower bound, and the plan's whole bound and gap
// (GET /v1/score, planner role). The window defaults to the last
// `ordo schedule`'s; proving the bound takes the schedule's bound phases, so
// it can be switched off for a quick look (bound=0: no bound, no gap).
"use strict";
// $, api, say, signInWith and signInForm come from common.js.

const fixed = (x) => x.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function cell(row, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  row.append(td);
  return td;
}

// One row per goal, the costly ones first; a goal nobody weighted is shown
// last, greyed, so the table always lists every goal the engine knows.
function goalRow(g) {
  const tr = document.createElement("tr");
  tr.dataset.goal = g.key;
  if (!g.weight) tr.className = "off";
  cell(tr, g.label, "goal");
  cell(tr, String(g.weight), "num");
  cell(tr, fixed(g.cost), "num cost");
  cell(tr, fixed(g.bound), "num");
  const why = cell(tr, g.weight ? g.text : "not weighted: not part of the cost");
  if (g.items.length) {
    const ul = document.createElement("ul");
    for (const it of g.items) {
      const li = document.createElement("li");
      li.dataset.subject = it.subject;
      li.dataset.id = it.id;
      li.textContent = it.text;
      ul.append(li);
    }
    if (g.items_total > g.items.length) {
      const li = document.createElement("li");
      li.className = "more";
      li.textContent = `… and ${g.items_total - g.items.length} more`;
      ul.append(li);
    }
    why.append(ul);
  }
  return tr;
}

function render(s) {
  if (s.from) $("from").value = s.from;
  if (s.to) $("to").value = s.to;
  $("cost").textContent = fixed(s.cost);
  $("bound").textContent = s.bound === null ? "not proved" : fixed(s.bound);
  $("gap").textContent = s.bound === null ? "—" : (100 * s.gap).toFixed(1) + " %";
  $("placed").textContent = `${s.placed} of ${s.total}` + (s.unmatched ? ` (${s.unmatched} not matched)` : "");
  let text = s.bound === null ? "No bound asked: the cost alone says nothing about how far the best plan is" : s.bound_text;
  if (s.bound !== null && s.together > 0.005)
    text += `. The goals' own bounds add up to ${fixed(s.goals_bound)}; competing for the same people, rooms, ` +
            `days and cohorts, every plan costs at least ${fixed(s.together)} more.`;
  $("bound-text").textContent = text + ".";
  const body = $("goals").tBodies[0];
  body.replaceChildren(...[...s.goals].sort((a, b) => (!a.weight - !b.weight) || b.cost - a.cost).map(goalRow));
  $("summary").hidden = false;
  $("goals").hidden = false;
}

async function load() {
  const q = new URLSearchParams({ bound: $("prove").checked ? "1" : "0" });
  if ($("from").value || $("to").value) {
    q.set("from", $("from").value);
    q.set("to", $("to").value);
  }
  say($("prove").checked ? "Scoring the plan and proving its bound…" : "Scoring the plan…", true);
  const s = await api("GET", "/v1/score?" + q);
  render(s);
  say("");
}

function why(e) {
  if (e.status === 403) return "The score needs a planner token.";
  if (e.status === 400 && e.field === "from" && !$("from").value)
    return "No plan yet: run `ordo schedule` first, or give a window.";
  return "No score: " + e.message + (e.field ? ` (${e.field})` : "");
}

$("window-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  try { await load(); } catch (err) { say(why(err)); }
});
/* signed in even when there is no score to show yet: the window form stays */
signInForm((t) => signInWith(t, "plan", load, why));
