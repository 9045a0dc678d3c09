// common.js — what the pages (index.html, pipeline.html, plan.html) share:
// the API token, kept in sessionStorage under one key so signing in on one
// page signs in on all; api(), which sends it and turns an error reply into
// an Error carrying the HTTP status and the JSON field the server named; the
// message line; and signing in. Same-origin only: nothing here talks to
// another host.
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

// Sign in with token t on a page whose main part is the element `section`:
// load() is the page's first read with the token. On success the sign-in
// card gives way to the section and the message line is cleared (true). A
// 401 forgets the token ("unknown or revoked"), and so does any other error,
// said as "Sign-in failed" (false) — unless the page passes stayIn(error):
// then the token is kept, the section shown and stayIn's text said (a page
// still usable after that read failed, true).
async function signInWith(t, section, load, stayIn) {
  token = t;
  let err = null;
  try { await load(); } catch (e) { err = e; }
  if (err && (err.status === 401 || !stayIn)) {
    setToken("");
    say(err.status === 401 ? "That token is unknown or revoked." : "Sign-in failed: " + err.message);
    return false;
  }
  setToken(t);
  $("signin").hidden = true;
  $(section).hidden = false;
  say(err ? stayIn(err) : "");
  return true;
}

// The sign-in card's form calls signIn(token typed); a token kept from an
// earlier page (sessionStorage) signs in at once.
function signInForm(signIn) {
  $("signin-form").addEventListener("submit", (e) => { e.preventDefault(); signIn($("token").value.trim()); });
  if (token) signIn(token);
}
