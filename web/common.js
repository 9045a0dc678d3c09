// common.js — what the pages (index.html, pipeline.html, plan.html) share:
// the API token, kept in sessionStorage under one key so signing in on one
// page signs in on all; api(), which sends it and turns an error reply into
// an Error carrying the HTTP status and the JSON field the server named; and
// the message line. Same-origin only: nothing here talks to another host.
"use strict";
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("ordo-token") || "";

function setToken(t) {
  token = t;
  if (t) sessionStorage.setItem("ordo-token", t);
  else sessionStorage.removeItem("ordo-token");
}

async function api(method, path, body) {
  const opts = { method, headers: { Authorization: "Bearer " + token } };
  if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    if (method === "POST") opts.headers["Idempotency-Key"] = crypto.randomUUID ? crypto.randomUUID() : String(Math.random());
    opts.body = JSON.stringify(body);
  }
  const res = await fetch(path, opts);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = (data && data.error) || {};
    const err = new Error(e.message || res.statusText);
    err.status = res.status; err.field = e.field;
    throw err;
  }
  return data;
}

// The message line: text in red, or in green when ok; "" hides it.
function say(text, ok) {
  const m = $("message");
  m.textContent = text || "";
  m.className = ok ? "ok" : "";
  m.hidden = !text;
}
