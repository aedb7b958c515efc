import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { closeDatabase, countRows, fingerprintRows } from "./fixtures/database";
import { postFormAction } from "./fixtures/server-actions";
import { createAssignmentViaAction, createReadingViaActions, createTokenViaAction, TOKEN_ACTIONS } from "./fixtures/teaching";

// The permission matrix of the courses issue (lib/server/permissions/annotation-scope
// .integration.test.ts proves it on the services) replayed over HTTP: every route that takes an
// id, called with ids from a course the caller is not in, or from a group they are not in. Each
// answers 404 — the same 404, word for word, as an id that does not exist, so nothing tells
// "forbidden" from "absent" — leaks none of the post, and writes nothing. The live stream is
// checked too: a post outside your scope never reaches your EventSource.

const DEMO_COURSE = "demo-course";
const DEMO_ASSIGNMENT = "demo-assignment-sco-2006";
const SECRET = "Group A only: the secret is 7f3c";
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const seeded = (email: string): TestAccount => ({ name: email, email, password: "scholia-demo" });

type Ids = { readingId: string; coursePost: string; groupPost: string; privateNote: string; notification: string };

/** Every id-taking request an outsider could try, with what a member would send. */
const PROBES: {
  name: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: (ids: Ids, target: string) => string;
  body?: unknown;
}[] = [
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

async function person(
  browser: Browser,
  account: TestAccount | string,
): Promise<{ page: Page; request: APIRequestContext; account: TestAccount }> {
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
  return (JSON.parse(text) as { error: { message: string } }).error.message;
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
    const coursePost = await create({
      courseId: DEMO_COURSE,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 4 },
      body: doc("Ana asks the whole course"),
      isQuestion: true,
    });
    const groupPost = await create({
      courseId: DEMO_COURSE,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 4 },
      body: doc(SECRET),
      visibility: "GROUP",
    });
    const privateNote = await create({
      courseId: null,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 4 },
      body: doc("Ana's private note 7f3c"),
    });
    expect(
      (await instructor.request.post(`/api/annotations/${coursePost}/replies`, { data: { body: doc("Instructor answers") } })).status(),
    ).toBe(201);
    const notifications = (await (await ana.request.get("/api/notifications")).json()) as { items: { id: string; isRead: boolean }[] };
    ids = { readingId, coursePost, groupPost, privateNote, notification: notifications.items.find((item) => !item.isRead)!.id };
  });

  test("[IDOR] an instructor of another course gets the same 404 as for a missing id, on every route, and changes nothing", async ({
    browser,
  }) => {
    const outsider = await person(browser, "Other Instructor");
    expect((await outsider.request.post("/api/courses", { data: { title: "Outsider's own course" } })).status()).toBe(201);
    const before = await countRows();
    for (const probe of PROBES) {
      const missing = await body404(
        await outsider.request.fetch(probe.path(ids, "does-not-exist"), { method: probe.method, data: probe.body }),
        `${probe.name} missing`,
      );
      for (const target of [ids.coursePost, ids.groupPost, ids.privateNote]) {
        const message = await body404(
          await outsider.request.fetch(probe.path(ids, target), { method: probe.method, data: probe.body }),
          `${probe.name} ${target}`,
        );
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
      const missing = await body404(
        await chen.request.fetch(probe.path(ids, "does-not-exist"), { method: probe.method, data: probe.body }),
        `${probe.name} missing`,
      );
      const message = await body404(
        await chen.request.fetch(probe.path(ids, ids.groupPost), { method: probe.method, data: probe.body }),
        `chen: ${probe.name}`,
      );
      expect(message).toBe(missing);
      await body404(
        await chen.request.fetch(probe.path(ids, ids.privateNote), { method: probe.method, data: probe.body }),
        `chen: ${probe.name} (private)`,
      );
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

  test("[IDOR] an instructor of another course gets a 404 on this course's assignment pages, insights, grades, rubric and grades.csv — the same as for a missing assignment", async ({
    browser,
  }) => {
    const outsider = await person(browser, "Other Course Instructor");
    expect((await outsider.request.post("/api/courses", { data: { title: "Outsider's teaching" } })).status()).toBe(201);
    const instructor = await person(browser, seeded("instructor@scholia.test"));
    const before = await countRows();
    for (const suffix of ["", "/insights", "/grades", "/rubric", "/my-grade", "/grades?student=x"]) {
      const headings: string[] = [];
      for (const assignment of [DEMO_ASSIGNMENT, "does-not-exist"]) {
        const path = `/courses/${DEMO_COURSE}/assignments/${assignment}${suffix}`;
        const response = await outsider.page.goto(path);
        expect(response?.status(), path).toBe(404);
        headings.push(await outsider.page.getByRole("heading", { level: 1 }).innerText());
        const html = await outsider.page.content();
        expect(html, path).not.toContain("Read and annotate the 2006 SCO statement");
        expect(html, path).not.toContain("ana@scholia.test");
      }
      // The assignment that exists and the one that does not look the same.
      expect(headings[0], suffix).toMatch(/not found/i);
      expect(headings[0], suffix).toBe(headings[1]);
    }
    const csv = (assignment: string, course = DEMO_COURSE) => `/api/courses/${course}/assignments/${assignment}/grades.csv`;
    const missing = await body404(await outsider.request.get(csv("does-not-exist")), "grades.csv missing");
    expect(await body404(await outsider.request.get(csv(DEMO_ASSIGNMENT)), "grades.csv of another course")).toBe(missing);
    // Students of the course are not staff: the 404 of an assignment that does not exist.
    const ana = await person(browser, seeded("ana@scholia.test"));
    const missingForAna = await body404(await ana.request.get(csv("does-not-exist")), "grades.csv missing, as a student");
    expect(await body404(await ana.request.get(csv(DEMO_ASSIGNMENT)), "grades.csv as a student")).toBe(missingForAna);
    for (const suffix of ["/insights", "/grades", "/rubric"])
      expect((await ana.page.goto(`/courses/${DEMO_COURSE}/assignments/${DEMO_ASSIGNMENT}${suffix}`))?.status(), suffix).toBe(404);
    expect(await countRows()).toEqual(before);
    // Positive control: the course's own instructor has them.
    for (const suffix of ["", "/insights", "/grades", "/rubric"])
      expect((await instructor.page.goto(`/courses/${DEMO_COURSE}/assignments/${DEMO_ASSIGNMENT}${suffix}`))?.status(), suffix).toBe(200);
    expect((await instructor.request.get(csv(DEMO_ASSIGNMENT))).status()).toBe(200);
  });

  test("[IDOR] a group-only assignment: a student of another group gets a 404 on it and its grade; its group sees it", async ({
    browser,
  }) => {
    const instructor = await person(browser, seeded("instructor@scholia.test"));
    const course = (await (await instructor.request.get(`/api/courses/${DEMO_COURSE}`)).json()) as {
      staff: { groups: { id: string; name: string }[] };
    };
    const groupA = course.staff.groups.find((group) => group.name === "Group A")!.id;
    const assignmentId = await createAssignmentViaAction(instructor.request, DEMO_COURSE, ids.readingId, {
      title: "Group A only: 7f3c",
      audience: "groups",
      groupIds: groupA,
    });
    const chen = await person(browser, seeded("chen@scholia.test"));
    const ana = await person(browser, seeded("ana@scholia.test"));
    const base = `/courses/${DEMO_COURSE}/assignments/${assignmentId}`;
    for (const suffix of ["", "/my-grade", "/insights", "/grades"]) {
      const response = await chen.page.goto(`${base}${suffix}`);
      expect(response?.status(), `chen ${suffix}`).toBe(404);
      expect(await chen.page.content()).not.toContain("7f3c");
    }
    await chen.page.goto(`/courses/${DEMO_COURSE}`);
    await expect(chen.page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await chen.page.content()).not.toContain("7f3c");
    expect((await chen.request.get(`/api${base}/grades.csv`)).status()).toBe(404);
    for (const suffix of ["", "/my-grade"]) {
      expect((await ana.page.goto(`${base}${suffix}`))?.status(), `ana ${suffix}`).toBe(200);
      await expect(ana.page.getByRole("heading", { level: 1 })).toContainText("Group A only: 7f3c");
    }
  });

  test("[IDOR] someone else's private reading is a 404 everywhere (page, edit, export, container, threads), word for word a missing reading's", async ({
    browser,
  }) => {
    const owner = await person(browser, "Reading Owner");
    expect((await owner.request.post("/api/courses", { data: { title: "Owner's course" } })).status()).toBe(201);
    const readingId = await createReadingViaActions(
      owner.request,
      "Private reading 7f3c",
      "Private paragraph 7f3c.\n\nAnother private paragraph.",
    );
    const stranger = await person(browser, "Reading Stranger");
    const before = await countRows();
    for (const suffix of ["", "/edit"]) {
      for (const id of [readingId, "does-not-exist"]) {
        const response = await stranger.page.goto(`/readings/${id}${suffix}`);
        expect(response?.status(), `${id}${suffix}`).toBe(404);
        expect(await stranger.page.content()).not.toContain("7f3c");
      }
    }
    const w3c = (id: string) => ({
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      motivation: "commenting",
      bodyValue: "sneaky",
      target: `/readings/${id}#p-1`,
    });
    const probes: { name: string; method: "GET" | "POST" | "HEAD"; path: (id: string) => string; data?: (id: string) => unknown }[] = [
      ...["md", "jsonld", "csv"].map((format) => ({
        name: `export ${format}`,
        method: "GET" as const,
        path: (id: string) => `/api/readings/${id}/export?format=${format}`,
      })),
      { name: "container", method: "GET", path: (id) => `/api/readings/${id}/annotations` },
      { name: "container page", method: "GET", path: (id) => `/api/readings/${id}/annotations?page=1` },
      { name: "views", method: "GET", path: (id) => `/api/readings/${id}/annotations/views` },
      { name: "thread", method: "GET", path: (id) => `/api/readings/${id}/paragraphs/1/thread` },
      { name: "post a W3C annotation", method: "POST", path: (id) => `/api/readings/${id}/annotations`, data: w3c },
      {
        name: "post a note",
        method: "POST",
        path: (id) => `/api/readings/${id}/annotations`,
        data: () => ({ courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc("sneaky") }),
      },
    ];
    for (const probe of probes) {
      const missing = await body404(
        await stranger.request.fetch(probe.path("does-not-exist"), { method: probe.method, data: probe.data?.("does-not-exist") }),
        `${probe.name} missing`,
      );
      const message = await body404(
        await stranger.request.fetch(probe.path(readingId), { method: probe.method, data: probe.data?.(readingId) }),
        `${probe.name} private`,
      );
      expect(message, probe.name).toBe(missing);
    }
    const search = await stranger.request.get(`/api/search?q=7f3c&reading=${readingId}`);
    expect(search.status()).toBe(200);
    expect(await search.text()).not.toContain("Private paragraph");
    expect(await countRows()).toEqual(before);
    // Positive control: its owner reads it.
    expect((await owner.page.goto(`/readings/${readingId}`))?.status()).toBe(200);
    expect((await owner.request.get(`/api/readings/${readingId}/export?format=md`)).status()).toBe(200);
  });

  test("[IDOR] nobody can revoke another person's API token; it keeps working", async ({ browser }) => {
    const owner = await person(browser, "Token Owner");
    const thief = await person(browser, "Token Thief");
    const token = await createTokenViaAction(owner.request, "Owner's script");
    await createTokenViaAction(thief.request, "Thief's own token");
    const before = { rows: await countRows(), content: await fingerprintRows() };
    const response = await postFormAction(thief.request, TOKEN_ACTIONS.revoke, { id: token.id });
    expect(await response.text()).toMatch(/"status":"error","message":"[^"]+"/);
    const missing = await postFormAction(thief.request, TOKEN_ACTIONS.revoke, { id: "does-not-exist" });
    const messageOf = async (answer: typeof response) => /"message":"([^"]+)"/.exec(await answer.text())?.[1];
    expect(await messageOf(response)).toBe(await messageOf(missing));
    expect({ rows: await countRows(), content: await fingerprintRows() }).toEqual(before);
    expect((await thief.page.goto("/settings/tokens"))?.status()).toBe(200);
    expect(await thief.page.content()).not.toContain("Owner's script");
    const anonymous = await browser.newContext();
    expect((await anonymous.request.get("/api/courses", { headers: { Authorization: `Bearer ${token.secret}` } })).status()).toBe(200);
    await anonymous.close();
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
