// booking_page.mjs ORDO EXAMPLES OUTDIR — the booking page as a person uses it,
// in headless chromium: sign in with a token, find times, book the first
// proposal, see it in the resource's week, reschedule it, see a conflict
// message when moving onto a taken slot, cancel it. Checks the DOM at each
// step and the store through the API; screenshots go to OUTDIR.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { startServer, stopServer, apiClient, launchBrowser, makeSteps } from "./harness.mjs";

const [ordo, example, outdir] = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), "ordo-web-"));
const db = join(tmp, "t.db");
execFileSync(ordo, ["import", example, "--db", db]);
const token = execFileSync(ordo, ["token", "add", "--db", db, "--role", "agent", "--name", "web"]).toString().trim();

const { server, base } = await startServer(ordo, db);
const api = apiClient(base, token);

let browser;
const steps = makeSteps();
const step = steps.run;
try {
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const external = [];
  page.on("request", (r) => { if (!r.url().startsWith(base)) external.push(r.url()); });

  await step("the page loads without a token and asks to sign in", async () => {
    await page.goto(base + "/");
    assert.equal(await page.isVisible("#signin"), true);
    assert.equal(await page.isVisible("#desk"), false);
  });
  await step("a wrong token is refused with a message", async () => {
    await page.fill("#token", "ordo_wrong");
    await page.click("#signin-form button");
    await page.waitForSelector("#message:not([hidden])");
    assert.match(await page.textContent("#message"), /unknown or revoked/);
  });
  await step("signing in shows the services", async () => {
    await page.fill("#token", token);
    await page.click("#signin-form button");
    await page.waitForSelector("#desk:not([hidden])");
    const options = await page.$$eval("#service option", (o) => o.map((x) => x.value));
    assert.ok(options.includes("excel"), options.join(","));
  });
  let booked;
  await step("find times lists ranked proposals", async () => {
    await page.selectOption("#service", "excel");
    await page.fill("#participants", "6");
    await page.fill("#after", "2026-12-07");
    await page.fill("#count", "3");
    await page.click("#find-form button");
    await page.waitForSelector("#proposals li");
    assert.equal(await page.locator("#proposals li").count(), 3);
    await page.screenshot({ path: join(outdir, "1-proposals.png") });
  });
  await step("booking the first proposal shows it in the resource's week", async () => {
    await page.click("#proposals li:first-child button");
    await page.waitForFunction(() => /^Booked booking-\d+/.test(document.getElementById("message").textContent));
    assert.equal(await page.isVisible("#booked"), true);
    const id = (await page.textContent("#booking-id")).trim();
    const r = await api("GET", "/v1/bookings/" + id);
    assert.equal(r.status, 200);
    booked = r.body;
    const cell = page.locator(`#week td[data-date="${booked.start.slice(0, 10)}"] .event.new`);
    assert.equal(await cell.count(), 1);
    assert.match(await cell.textContent(), new RegExp("^" + booked.start.slice(11, 16)));
    await page.screenshot({ path: join(outdir, "2-booked.png") });
  });
  await step("rescheduling moves it (same uid, higher sequence)", async () => {
    await page.fill("#move-start", "2026-12-08T14:00");
    await page.click("#move-form button[type=submit]");
    await page.waitForFunction(() => /^Moved/.test(document.getElementById("message").textContent));
    const r = await api("GET", "/v1/bookings/" + booked.id);
    assert.equal(r.body.uid, booked.uid);
    assert.ok(r.body.sequence > booked.sequence);
    assert.match(r.body.start, /^2026-12-08T14:00:00/);
    assert.equal(await page.locator('#week td[data-date="2026-12-08"] .event.new').count(), 1);
  });
  await step("moving onto a taken slot gives a clear conflict message and changes nothing", async () => {
    const other = await api("POST", "/v1/bookings", { service: "excel", start: "2026-12-09T14:00", resources: booked.resources });
    assert.equal(other.status, 201);
    await page.fill("#move-start", "2026-12-09T14:00");
    await page.click("#move-form button[type=submit]");
    await page.waitForFunction(() => /^Cannot move there/.test(document.getElementById("message").textContent));
    assert.match(await page.textContent("#message"), new RegExp(other.body.id));
    const r = await api("GET", "/v1/bookings/" + booked.id);
    assert.match(r.body.start, /^2026-12-08T14:00:00/);
    await page.screenshot({ path: join(outdir, "3-conflict.png") });
  });
  await step("cancelling it", async () => {
    await page.click("#cancel-booking");
    await page.waitForFunction(() => /^Cancelled/.test(document.getElementById("message").textContent));
    const r = await api("GET", "/v1/bookings/" + booked.id);
    assert.equal(r.body.status, "cancelled");
    assert.equal(await page.locator('#week .event.new').count(), 0);
  });
  await step("the page made no request outside the server", async () => {
    assert.deepEqual(external, []);
  });
} finally {
  if (browser) await browser.close();
  await stopServer(server);
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${steps.passed} passed, ${steps.failed} failed`);
process.exit(steps.failed ? 1 : 0);
