// pipeline_page.mjs ORDO EXAMPLES OUTDIR — the Kanban board in headless
// chromium: two qualified leads give two open opportunities; the board shows
// one card each in Qualify; dragging one onto Develop moves it (the API then
// reports stage develop, the other card did not move); with an agent token
// the drag is refused (403 message) and the stage stays; the desk page links
// to the board; no request leaves the server. Screenshot in OUTDIR.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { startServer, stopServer, apiClient, launchBrowser, makeSteps } from "./harness.mjs";

const [ordo, example, outdir] = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), "ordo-web-pipe-"));
const db = join(tmp, "t.db");
execFileSync(ordo, ["import", example, "--db", db]);
const tok = (role) => execFileSync(ordo, ["token", "add", "--db", db, "--role", role, "--name", role]).toString().trim();
const planner = tok("planner"), agent = tok("agent");

const { server, base } = await startServer(ordo, db);
const api = apiClient(base, planner);
const stage = async (id) => (await api("GET", "/v1/opportunities/" + id)).body.stage;

let browser;
const steps = makeSteps();
const step = steps.run;
try {
  for (const [id, company] of [["P1", "Initech"], ["P2", "Hooli"]]) {
    let r = await api("POST", "/v1/leads", { id, topic: "Excel", first_name: "Pat" + id, company, channel: "web" });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    r = await api("POST", `/v1/leads/${id}/qualify`, { value: 250000, create_new: true });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const external = [];
  page.on("request", (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });

  await step("the desk page links to the board", async () => {
    await page.goto(base + "/");
    await page.click("#pipeline-link");
    await page.waitForURL(base + "/pipeline.html");
    assert.equal(await page.isVisible("#signin"), true);
  });
  await step("signed in, one card per open opportunity, in Qualify", async () => {
    await page.fill("#token", planner);
    await page.click("#signin-form button");
    await page.waitForSelector("#board:not([hidden]) #opp-P2-opp");
    assert.deepEqual(await page.$$eval('.column[data-stage="qualify"] .opp', (l) => l.map((x) => x.dataset.id)),
                     ["P1-opp", "P2-opp"]);
    assert.equal(await page.locator('.column:not([data-stage="qualify"]) .opp').count(), 0);
  });
  await step("dragging P1's card onto Develop moves it in the store", async () => {
    await page.dragAndDrop("#opp-P1-opp", '.column[data-stage="develop"]');
    await page.waitForSelector('.column[data-stage="develop"] #opp-P1-opp');
    assert.equal(await stage("P1-opp"), "develop");
    assert.equal(await stage("P2-opp"), "qualify");
    await page.screenshot({ path: join(outdir, "pipeline.png") });
  });
  await step("reloaded, the board shows the stored stages", async () => {
    await page.reload();
    await page.waitForSelector('.column[data-stage="develop"] #opp-P1-opp');
    assert.equal(await page.locator('.column[data-stage="qualify"] #opp-P2-opp').count(), 1);
  });
  await step("an agent's drag is refused with a message; the stage stays", async () => {
    await page.evaluate((t) => sessionStorage.setItem("ordo-token", t), agent);
    await page.reload();
    await page.waitForSelector("#board:not([hidden]) #opp-P2-opp");
    await page.dragAndDrop("#opp-P2-opp", '.column[data-stage="develop"]');
    await page.waitForSelector("#message:not([hidden])");
    assert.match(await page.textContent("#message"), /planner/);
    assert.equal(await stage("P2-opp"), "qualify");
    await page.waitForSelector('.column[data-stage="qualify"] #opp-P2-opp');
  });
  await step("no request left the server", async () => assert.deepEqual(external, []));
} catch (e) {
  steps.failed++;
  console.log("FAIL setup: " + e.message);
} finally {
  if (browser) await browser.close();
  await stopServer(server);
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${steps.passed} passed, ${steps.failed} failed`);
process.exit(steps.failed ? 1 : 0);
