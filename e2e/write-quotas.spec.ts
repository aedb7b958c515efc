import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { startAppInstance, type AppInstance } from "./fixtures/fault-harness";
import { readApiError } from "./fixtures/json";

// Write quotas (issue 14, item 8) on an app instance of their own, started with small figures
// (the shared server runs with quotas far above what the hostile-input suites post), against the
// run's database. Every test makes its own accounts, so their quotas start whole.
// One write comes back every 20 seconds: each test spends the allowance right before it checks
// the refusal, so none comes back in between.
const WRITES_PER_MINUTE = 3;
const MAX_POSTS_PER_READING = 1;

let app: AppInstance;

test.describe.configure({ mode: "serial", timeout: 150_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const databaseUrl = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("Set E2E_DATABASE_URL to the database of the app under test.");
  app = await startAppInstance(databaseUrl, {
    env: {
      SCHOLIA_WRITES_PER_MINUTE: String(WRITES_PER_MINUTE),
      SCHOLIA_MAX_POSTS_PER_READING: String(MAX_POSTS_PER_READING),
      // So each test can speak from an address of its own (X-Forwarded-For's last entry).
      TRUSTED_PROXY_HOPS: "1",
    },
  });
});

test.afterAll(async () => {
  await app?.stop();
});

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function readingIdOf(request: APIRequestContext): Promise<string> {
  const html = await (await request.get("/")).text();
  return /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
}

/** A new account signed in, in a browser context of its own on the quota instance. */
async function newPerson(browser: Browser, name: string): Promise<{ page: Page; readingId: string }> {
  const context = await browser.newContext({ baseURL: app.origin });
  const page = await context.newPage();
  const account = await createAccount(page.request, name);
  await signInViaApi(page, account);
  return { page, readingId: await readingIdOf(page.request) };
}

async function postNote(request: APIRequestContext, readingId: string, paragraph: number, text: string) {
  return request.post(`/api/readings/${readingId}/annotations`, {
    data: { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph }, body: doc(text) },
  });
}

async function countMyNotes(request: APIRequestContext, readingId: string): Promise<number> {
  const response = await request.get(`/api/readings/${readingId}/annotations?page=1&pageSize=100`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: unknown[] }).items.length;
}

/** A person's note on the reading (their one post there), to spend writes on. */
async function firstNote(request: APIRequestContext, readingId: string): Promise<string> {
  const created = await postNote(request, readingId, 1, "A note, edited again and again");
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id.split("/").at(-1)!;
}

/** Edits the note until the per-minute allowance is spent (the first refusal); returns the last saved text. */
async function spendWriteQuota(request: APIRequestContext, noteId: string): Promise<string> {
  let saved = "";
  for (let edit = 1; edit <= WRITES_PER_MINUTE + 1; edit += 1) {
    const edited = await request.patch(`/api/annotations/${noteId}`, { data: { body: doc(`Edit ${edit}`) } });
    if (edited.status() === 429) return saved;
    expect(edited.status(), await edited.text()).toBe(200);
    saved = `Edit ${edit}`;
  }
  throw new Error(`${WRITES_PER_MINUTE + 1} edits in a row were all accepted`);
}

test("[QUOTA] writes past the per-minute limit are a 429 with Retry-After and a message, and save nothing", async ({ browser }) => {
  const { page, readingId } = await newPerson(browser, "Quick Writer");
  const noteId = await firstNote(page.request, readingId);
  const lastSaved = await spendWriteQuota(page.request, noteId);

  const refused = await postNote(page.request, readingId, 2, "One too many");
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  // One write comes back every 60 / WRITES_PER_MINUTE = 20 seconds.
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60 / WRITES_PER_MINUTE);
  const error = await readApiError(refused);
  expect(error.code).toBe("RATE_LIMITED");
  expect(error.message).toMatch(
    /^You are saving faster than Scholia allows \(3 changes a minute\)\. Nothing was saved: wait \d+ seconds?, then try again\.$/,
  );
  // Every kind of write is counted: an edit, a delete, a form's server action, a new course.
  expect((await page.request.patch(`/api/annotations/${noteId}`, { data: { body: doc("late edit") } })).status()).toBe(429);
  expect((await page.request.delete(`/api/annotations/${noteId}`)).status()).toBe(429);
  expect((await page.request.post("/api/courses", { data: { title: "Too fast a course", term: "Now" } })).status()).toBe(429);
  // Reads are not.
  expect(await countMyNotes(page.request, readingId)).toBe(1);
  const kept = await page.request.get(`/api/annotations/${noteId}`);
  expect(kept.status()).toBe(200);
  expect(JSON.stringify(await kept.json())).toContain(lastSaved);
  await page.context().close();
});

test("[QUOTA] one person's posts on a reading stop at the cap (replies too) with a 409 and a message", async ({ browser }) => {
  const { page, readingId } = await newPerson(browser, "Prolific Writer");
  const first = await firstNote(page.request, readingId);
  const refused = await postNote(page.request, readingId, 4, "Over the cap");
  expect(refused.status()).toBe(409);
  expect((await readApiError(refused)).message).toBe(
    "You already have 1 post on this reading in your notes, the most one person may have. Nothing was saved: delete some before adding more.",
  );
  const reply = await page.request.post(`/api/annotations/${first}/replies`, { data: { body: doc("A reply over the cap") } });
  expect(reply.status()).toBe(409);
  expect(await countMyNotes(page.request, readingId)).toBe(MAX_POSTS_PER_READING);
  await page.context().close();
});

test("[QUOTA] keyboard only: a refused post shows the message in the composer, focused, and keeps the typed text; a refused form keeps its fields", async ({
  browser,
}) => {
  const { page, readingId } = await newPerson(browser, "Typing Writer");
  const noteId = await firstNote(page.request, readingId);

  await page.goto(`/readings/${readingId}`);
  await page.getByRole("button", { name: /^Comment on paragraph 2( \(|$)/ }).focus();
  await page.keyboard.press("Enter");
  const editor = page.getByRole("textbox", { name: "Post on paragraph 2" });
  await expect(editor).toBeFocused();
  await page.keyboard.type("A thought I do not want to lose");
  await spendWriteQuota(page.request, noteId);
  await page.keyboard.press("Control+Enter");
  const alert = page.locator(".composer [role=alert]");
  await expect(alert).toHaveText(
    /^You are saving faster than Scholia allows \(3 changes a minute\)\. Nothing was saved: wait \d+ seconds?, then try again\. Your text is kept; try again\.$/,
  );
  await expect(alert).toBeFocused();
  await expect(editor).toHaveText("A thought I do not want to lose");
  await expectNoSeriousAxeViolations(page);

  // A form through a server action (runFormAction): the message in the form, the fields kept.
  await page.goto("/courses");
  const title = page.getByLabel("Title");
  await title.focus();
  await page.keyboard.type("Rushed course");
  await spendWriteQuota(page.request, noteId);
  await page.keyboard.press("Enter");
  const status = page.locator("form", { has: title }).getByRole("alert");
  await expect(status).toHaveText(/^You are saving faster than Scholia allows/);
  await expect(status).toBeFocused();
  await expect(title).toHaveValue("Rushed course");
  await expectNoSeriousAxeViolations(page);
  await page.context().close();
});

test("[QUOTA] unknown API tokens from one address are limited: past the limit a 429 with Retry-After before any lookup, even for a valid token; other addresses are unaffected", async ({
  browser,
}) => {
  const { page } = await newPerson(browser, "Token Owner");
  await page.goto("/settings/tokens");
  await page.getByLabel("Token name").fill("quota script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Token", { exact: true }).inputValue();
  expect(token).toMatch(/^sch_/);

  const octet = () => 1 + Math.floor(Math.random() * 250);
  // With TRUSTED_PROXY_HOPS=1 the address is X-Forwarded-For's last entry; the first is the client's own claim.
  const guesser = `198.51.100.${octet()}, 203.0.113.${octet()}`;
  const from = (address: string, secret: string) => ({ Authorization: `Bearer ${secret}`, "X-Forwarded-For": address });
  const guess = () => `sch_${randomUUID().replaceAll("-", "")}${"A".repeat(11)}`;
  // The limit: 30 failures in 15 minutes (API_TOKEN_FAILURE_POLICY).
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const response = await page.request.get("/api/courses", { headers: from(guesser, guess()) });
    expect(response.status(), `attempt ${attempt + 1}`).toBe(401);
  }
  const limited = await page.request.get("/api/courses", { headers: from(guesser, guess()) });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect((await readApiError(limited)).message).toMatch(/^Too many requests from your address with unknown or revoked API tokens\. Wait /);
  expect((await page.request.get("/api/courses", { headers: from(guesser, token) })).status()).toBe(429);
  // A malformed token can never match and costs no lookup: still a plain 401.
  expect((await page.request.get("/api/courses", { headers: from(guesser, "sch_short") })).status()).toBe(401);
  // Someone else, at another address, is not locked out by the guesser.
  expect((await page.request.get("/api/courses", { headers: from(`192.0.2.${octet()}`, token) })).status()).toBe(200);
  await page.context().close();
});
