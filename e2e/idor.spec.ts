import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { closeDatabase, countRows } from "./fixtures/database";

// The permission matrix of the courses issue (lib/server/permissions/annotation-scope
// .integration.test.ts proves it on the services) replayed over HTTP: every route that takes an
// id, called with ids from a course the caller is not in, or from a group they are not in. Each
// answers 404 — the same 404, word for word, as an id that does not exist, so nothing tells
// "forbidden" from "absent" — leaks none of the post, and writes nothing. The live stream is
// checked too: a post outside your scope never reaches your EventSource.

const DEMO_COURSE = "demo-course";
const DEMO_JOIN_CODE = "DEMO-CODE-2006";
const SECRET = "Group A only: the secret is 7f3c";
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const seeded = (email: string): TestAccount => ({ name: email, email, password: "scholia-demo" });

type Ids = { readingId: string; coursePost: string; groupPost: string; privateNote: string; notification: string };

/** Every id-taking request an outsider could try, with what a member would send. */
const PROBES: { name: string; method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE"; path: (ids: Ids, target: string) => string; body?: unknown }[] = [
  { name: "read a post", method: "GET", path: (_ids, id) => `/api/annotations/${id}` },
  { name: "edit a post", method: "PATCH", path: (_ids, id) => `/api/annotations/${id}`, body: { body: doc("taken over") } },
  { name: "replace a post", method: "PUT", path: (_ids, id) => `/api/annotations/${id}`, body: { tags: ["taken"] } },
  { name: "delete a post", method: "DELETE", path: (_ids, id) => `/api/annotations/${id}` },
  { name: "reply", method: "POST", path: (_ids, id) => `/api/annotations/${id}/replies`, body: { body: doc("sneaky reply") } },
  { name: "upvote", method: "POST", path: (_ids, id) => `/api/annotations/${id}/upvote` },
  ...(["hide", "unhide", "pin", "endorse", "mark-answer"] as const).map((action) => ({
    name: `moderate: ${action}`,
    method: "POST" as const,
    path: (_ids: Ids, id: string) => `/api/annotations/${id}/moderation`,
    body: action === "hide" ? { action, reason: "because" } : { action },
  })),
];

const COURSE_PROBES: { name: string; path: (ids: Ids) => string }[] = [
  { name: "the course", path: () => `/api/courses/${DEMO_COURSE}` },
  { name: "its members", path: () => `/api/courses/${DEMO_COURSE}/members` },
  { name: "its annotations (W3C)", path: (ids) => `/api/readings/${ids.readingId}/annotations?course=${DEMO_COURSE}` },
  { name: "its annotations (views)", path: (ids) => `/api/readings/${ids.readingId}/annotations/views?course=${DEMO_COURSE}` },
  { name: "a paragraph thread", path: (ids) => `/api/readings/${ids.readingId}/paragraphs/4/thread?course=${DEMO_COURSE}` },
  { name: "the live stream", path: (ids) => `/api/readings/${ids.readingId}/events?course=${DEMO_COURSE}` },
];

async function person(browser: Browser, account: TestAccount | string): Promise<{ page: Page; request: APIRequestContext; account: TestAccount }> {
  const page = await (await browser.newContext()).newPage();
  const signedUp = typeof account === "string" ? await createAccount(page.request, account) : account;
  await signInViaApi(page, signedUp);
  return { page, request: page.request, account: signedUp };
}

async function body404(response: Awaited<ReturnType<APIRequestContext["fetch"]>>, label: string): Promise<string> {
  expect(response.status(), label).toBe(404);
  const text = await response.text();
  expect(text, label).not.toContain("7f3c");
  expect(text, label).not.toContain("Ana");
  return ((JSON.parse(text) as { error: { message: string } }).error.message);
}

test.describe("authorization over HTTP: no IDOR", () => {
  test.describe.configure({ timeout: 120_000 });
  let ids: Ids;

  test.afterAll(async () => {
    await closeDatabase();
  });

  test.beforeAll(async ({ browser }) => {
    const ana = await person(browser, seeded("ana@scholia.test"));
    const instructor = await person(browser, seeded("instructor@scholia.test"));
    const html = await (await ana.request.get("/")).text();
    const readingId = /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
    const create = async (data: object) => {
      const response = await ana.request.post(`/api/readings/${readingId}/annotations`, { data });
      expect(response.status()).toBe(201);
      return ((await response.json()) as { id: string }).id.split("/").at(-1)!;
    };
    const coursePost = await create({ courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 4 }, body: doc("Ana asks the whole course"), isQuestion: true });
    const groupPost = await create({ courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 4 }, body: doc(SECRET), visibility: "GROUP" });
    const privateNote = await create({ courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 4 }, body: doc("Ana's private note 7f3c") });
    expect((await instructor.request.post(`/api/annotations/${coursePost}/replies`, { data: { body: doc("Instructor answers") } })).status()).toBe(201);
    const notifications = (await (await ana.request.get("/api/notifications")).json()) as { items: { id: string; isRead: boolean }[] };
    ids = { readingId, coursePost, groupPost, privateNote, notification: notifications.items.find((item) => !item.isRead)!.id };
  });

  test("[IDOR] an instructor of another course gets the same 404 as for a missing id, on every route, and changes nothing", async ({ browser }) => {
    const outsider = await person(browser, "Other Instructor");
    expect((await outsider.request.post("/api/courses", { data: { title: "Outsider's own course" } })).status()).toBe(201);
    const before = await countRows();
    for (const probe of PROBES) {
      const missing = await body404(await outsider.request.fetch(probe.path(ids, "does-not-exist"), { method: probe.method, data: probe.body }), `${probe.name} missing`);
      for (const target of [ids.coursePost, ids.groupPost, ids.privateNote]) {
        const message = await body404(await outsider.request.fetch(probe.path(ids, target), { method: probe.method, data: probe.body }), `${probe.name} ${target}`);
        expect(message, probe.name).toBe(missing);
      }
    }
    for (const probe of COURSE_PROBES) await body404(await outsider.request.get(probe.path(ids), { timeout: 10_000 }), probe.name);
    const marked = await outsider.request.post("/api/notifications/read", { data: { ids: [ids.notification] } });
    expect(((await marked.json()) as { marked: number }).marked).toBe(0);
    expect(await countRows()).toEqual(before);
    const ana = await person(browser, seeded("ana@scholia.test"));
    const stillUnread = (await (await ana.request.get("/api/notifications")).json()) as { items: { id: string; isRead: boolean }[] };
    expect(stillUnread.items.find((item) => item.id === ids.notification)?.isRead).toBe(false);
  });

  test("[IDOR] inside the course, a student of another group cannot reach a group post; the group's TA can", async ({ browser }) => {
    const chen = await person(browser, seeded("chen@scholia.test"));
    const ta = await person(browser, seeded("ta@scholia.test"));
    const before = await countRows();
    for (const probe of PROBES) {
      const missing = await body404(await chen.request.fetch(probe.path(ids, "does-not-exist"), { method: probe.method, data: probe.body }), `${probe.name} missing`);
      const message = await body404(await chen.request.fetch(probe.path(ids, ids.groupPost), { method: probe.method, data: probe.body }), `chen: ${probe.name}`);
      expect(message).toBe(missing);
      await body404(await chen.request.fetch(probe.path(ids, ids.privateNote), { method: probe.method, data: probe.body }), `chen: ${probe.name} (private)`);
    }
    const thread = await chen.request.get(`/api/readings/${ids.readingId}/paragraphs/4/thread?course=${DEMO_COURSE}`);
    expect(thread.status()).toBe(200);
    expect(await thread.text()).not.toContain("7f3c");
    expect(await countRows()).toEqual(before);
    // Positive control: the permission is real, not a route that refuses everyone.
    const readable = await ta.request.get(`/api/annotations/${ids.groupPost}`);
    expect(readable.status()).toBe(200);
    expect(await readable.text()).toContain("7f3c");
    expect((await ta.request.get(`/api/annotations/${ids.privateNote}`)).status()).toBe(404);
  });

  test("[IDOR] the live stream carries a group post to its group and to no one else", async ({ browser }) => {
    const ana = await person(browser, seeded("ana@scholia.test"));
    const ben = await person(browser, seeded("ben@scholia.test"));
    const dara = await person(browser, seeded("dara@scholia.test"));
    const outsider = await person(browser, "Stream Outsider");
    const listeners = [
      { who: ben, course: DEMO_COURSE, shouldSee: true },
      { who: dara, course: DEMO_COURSE, shouldSee: false },
      { who: outsider, course: null, shouldSee: false },
    ];
    for (const listener of listeners) {
      await listener.who.page.goto("/");
      await listener.who.page.evaluate(
        ({ readingId, course }) =>
          new Promise<void>((resolve) => {
            const events: string[] = [];
            (window as unknown as { __live: string[] }).__live = events;
            const source = new EventSource(`/api/readings/${readingId}/events${course ? `?course=${course}` : ""}`);
            source.addEventListener("annotation", (event) => events.push((event as MessageEvent<string>).data));
            source.onopen = () => resolve();
          }),
        { readingId: ids.readingId, course: listener.course },
      );
    }
    const marker = `stream secret ${Date.now()}`;
    const posted = await ana.request.post(`/api/readings/${ids.readingId}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 4 }, body: doc(marker), visibility: "GROUP" },
    });
    expect(posted.status()).toBe(201);
    const live = (page: Page) => page.evaluate(() => (window as unknown as { __live: string[] }).__live.join("\n"));
    await expect.poll(() => live(ben.page), { timeout: 15_000 }).toContain(marker);
    // Ben has it, so the event went out; the others had the same chance to receive it.
    for (const listener of listeners.filter((candidate) => !candidate.shouldSee)) {
      expect(await live(listener.who.page)).not.toContain(marker);
    }
  });
});
