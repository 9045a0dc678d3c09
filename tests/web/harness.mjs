// harness.mjs — what the page tests (booking_page.mjs, pipeline_page.mjs, plan_page.mjs)
// share: start `ordo serve` on 127.0.0.1 (a free port), call the API with a
// token, launch Debian's headless chromium, and count named steps.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";

// Starts ordo serve on db; resolves to { server, base } once it listens.
export async function startServer(ordo, db) {
  const server = spawn(ordo, ["serve", "--db", db, "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => { const m = /:(\d+)\/\s*$/m.exec(d.toString()); if (m) resolve(Number(m[1])); });
    server.on("exit", (c) => reject(new Error("ordo serve exited " + c)));
  });
  return { server, base: `http://127.0.0.1:${port}` };
}

// SIGTERM and wait for the exit.
export async function stopServer(server) {
  server.kill("SIGTERM");
  await new Promise((r) => server.on("exit", r));
}

// api(method, path, body) -> { status, body } with the given token.
export function apiClient(base, token) {
  return async (method, path, body) => {
    const r = await fetch(base + path, { method, headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
                                          body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, body: await r.json() };
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// steps.run(name, fn) prints ok/FAIL; steps.passed / steps.failed count them.
export function makeSteps() {
  const s = { passed: 0, failed: 0 };
  s.run = async (name, fn) => {
    try { await fn(); s.passed++; console.log("ok   " + name); }
    catch (e) { s.failed++; console.log("FAIL " + name + ": " + e.message); }
  };
  return s;
}
