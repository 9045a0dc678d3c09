// plan_page.mjs ORDO EXAMPLES OUTDIR — the plan score page in headless
// chromium, against the API it reads: the example is imported and
// scheduled; the desk page links to the page; signed in as a planner it
// shows the cost, the proved bound, the gap and the sessions placed exactly
// as GET /v1/score reports them, one row per goal (weighted goals by cost,
// highest first) whose costs add up to the total, each goal's causes in the
// API's own words; nothing is cut off or wider than the window; without the
// bound it says "not proved"; a reversed window gets the server's message
// naming the field; an agent is told the page needs a planner; a database
// never scheduled says there is no plan yet; no request leaves the server.
// Screenshot in OUTDIR.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { startServer, stopServer, apiClient, launchBrowser, makeSteps } from "./harness.mjs";

const [ordo, example, outdir] = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), "ordo-web-plan-"));
const db = join(tmp, "t.db"), fresh = join(tmp, "fresh.db");
for (const d of [db, fresh]) execFileSync(ordo, ["import", example, "--db", d]);
execFileSync(ordo, ["schedule", "--db", db, "--from", "2026-10-12", "--to", "2026-11-20", "--quiet",
                    "--work", "50000", "--time-limit", "120"]);
const tok = (d, role) => execFileSync(ordo, ["token", "add", "--db", d, "--role", role, "--name", role]).toString().trim();
const planner = tok(db, "planner"), agent = tok(db, "agent"), freshPlanner = tok(fresh, "planner");
const fixed = (x) => x.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = (t) => Number(t.replace(/,/g, ""));

const { server, base } = await startServer(ordo, db);
const { server: server2, base: base2 } = await startServer(ordo, fresh);
const api = apiClient(base, planner);

let browser;
const steps = makeSteps();
const step = steps.run;
try {
  const r = await api("GET", "/v1/score");
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const score = r.body;
  assert.ok(score.goals.some((g) => g.cost > 0), "the example's plan has some cost to show");
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const external = [];
  page.on("request", (q) => { if (!q.url().startsWith(base) && !q.url().startsWith(base2)) external.push(q.url()); });

  await step("the desk page links to the plan score", async () => {
    await page.goto(base + "/");
    await page.click("#plan-link");
    await page.waitForURL(base + "/plan.html");
    assert.equal(await page.isVisible("#signin"), true);
    assert.equal(await page.isVisible("#plan"), false);
  });
  await step("signed in as a planner: cost, bound, gap and sessions as the API reports them", async () => {
    await page.fill("#token", planner);
    await page.click("#signin-form button");
    await page.waitForSelector("#summary:not([hidden])");
    assert.equal(await page.textContent("#cost"), fixed(score.cost));
    assert.equal(await page.textContent("#bound"), fixed(score.bound));
    assert.equal(await page.textContent("#gap"), (100 * score.gap).toFixed(1) + " %");
    assert.match(await page.textContent("#placed"), new RegExp(`^${score.placed} of ${score.total}`));
    assert.ok((await page.textContent("#bound-text")).startsWith(score.bound_text));
    assert.equal(await page.inputValue("#from"), score.from);
    assert.equal(await page.inputValue("#to"), score.to);
    assert.equal(await page.isVisible("#message"), false);
  });
  await step("one row per goal, weighted ones by cost, adding up to the total", async () => {
    const rows = await page.$$eval("#goals tbody tr", (l) => l.map((tr) => ({
      key: tr.dataset.goal, cost: tr.querySelector("td.cost").textContent, off: tr.classList.contains("off") })));
    assert.equal(rows.length, score.goals.length);
    assert.deepEqual(new Set(rows.map((x) => x.key)), new Set(score.goals.map((g) => g.key)));
    const on = rows.filter((x) => !x.off).map((x) => num(x.cost));
    assert.deepEqual(on, [...on].sort((a, b) => b - a), "weighted goals, highest cost first");
    assert.ok(rows.findIndex((x) => x.off) === -1 || rows.slice(rows.findIndex((x) => x.off)).every((x) => x.off),
              "unweighted goals last");
    const sum = rows.reduce((a, x) => a + num(x.cost), 0);
    assert.ok(Math.abs(sum - score.cost) < 0.01 * rows.length, `rows add up to ${sum}, total ${score.cost}`);
  });
  await step("each goal's causes in the API's words, with how many more", async () => {
    for (const g of score.goals.filter((x) => x.items.length)) {
      const shown = await page.$$eval(`#goals tr[data-goal="${g.key}"] li:not(.more)`, (l) => l.map((li) => li.textContent));
      assert.deepEqual(shown, g.items.map((it) => it.text), g.key);
      const more = await page.$$eval(`#goals tr[data-goal="${g.key}"] li.more`, (l) => l.map((li) => li.textContent));
      assert.deepEqual(more, g.items_total > g.items.length ? [`… and ${g.items_total - g.items.length} more`] : []);
    }
  });
  await step("as a person sees it: nothing cut off, nothing wider than the window", async () => {
    await page.screenshot({ path: join(outdir, "plan.png"), fullPage: true });
    const m = await page.evaluate(() => ({
      page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
      clipped: [...document.querySelectorAll("#summary dd, #goals td, #goals th")]
        .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
      hidden: [...document.querySelectorAll("#goals tbody tr")].filter((tr) => tr.getBoundingClientRect().height < 10).length,
    }));
    assert.ok(m.page[0] <= m.page[1], `page ${m.page[0]} px wide in a ${m.page[1]} px window`);
    assert.deepEqual(m.clipped, []);
    assert.equal(m.hidden, 0);
  });
  await step("without the bound: 'not proved', the same cost", async () => {
    await page.uncheck("#prove");
    await page.click("#window-form button");
    await page.waitForFunction(() => document.getElementById("bound").textContent === "not proved");
    assert.equal(await page.textContent("#gap"), "—");
    assert.equal(await page.textContent("#cost"), fixed(score.cost));
  });
  await step("a reversed window: the server's message, naming the field", async () => {
    await page.fill("#from", "2026-11-20");
    await page.fill("#to", "2026-10-12");
    await page.click("#window-form button");
    await page.waitForSelector("#message:not([hidden]):has-text('No score')");
    const bad = await api("GET", "/v1/score?from=2026-11-20&to=2026-10-12&bound=0");
    assert.equal(bad.status, 400);
    assert.equal(await page.textContent("#message"), `No score: ${bad.body.error.message} (${bad.body.error.field})`);
  });
  await step("an agent is told the score needs a planner", async () => {
    await page.evaluate((t) => sessionStorage.setItem("ordo-token", t), agent);
    await page.reload();
    /* not the "Scoring the plan…" line (class ok) that load() shows while the request runs */
    await page.waitForSelector("#message:not([hidden]):not(.ok)");
    assert.match(await page.textContent("#message"), /planner/);
    assert.equal(await page.isVisible("#summary"), false);
  });
  await step("a database never scheduled: no plan yet", async () => {
    const p2 = await browser.newPage();
    p2.on("request", (q) => { if (!q.url().startsWith(base2)) external.push(q.url()); });
    await p2.goto(base2 + "/plan.html");
    await p2.fill("#token", freshPlanner);
    await p2.click("#signin-form button");
    await p2.waitForSelector("#message:not([hidden]):not(.ok)");
    assert.match(await p2.textContent("#message"), /No plan yet/);
    assert.equal(await p2.isVisible("#summary"), false);
  });
  await step("no request left the server", async () => assert.deepEqual(external, []));
} catch (e) {
  steps.failed++;
  console.log("FAIL setup: " + e.message);
} finally {
  if (browser) await browser.close();
  await stopServer(server);
  await stopServer(server2);
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${steps.passed} passed, ${steps.failed} failed`);
process.exit(steps.failed ? 1 : 0);
