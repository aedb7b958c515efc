import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { closeDatabase, countRows } from "./fixtures/database";
import { postFormAction, postValueAction } from "./fixtures/server-actions";

// Every API route and server action fed what no well-behaved client sends: broken JSON, wrong
// types, missing and extra fields, 1 MB strings, JSON 10,000 levels deep, foreign or absurd ids,
// selections outside the text, reversed ranges, numbers JSON cannot even mean. The rule: always
// a 4xx with a JSON message (server actions: their error state), never a 5xx, and not one row
// written — the row counts of every table a request could touch are the same before and after.
//
// The tables below are the list of routes (app/api/**/route.ts) and actions (app/**/actions.ts):
// a new route or action is one more entry.

const DEMO_COURSE = "demo-course";
const DEMO_JOIN_CODE = "DEMO-CODE-2006";
const MEGABYTE = "x".repeat(1024 * 1024);
const DEEP_ARRAY = "[".repeat(10_000) + "]".repeat(10_000);
const DEEP_OBJECT = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

type Ids = { readingId: string; annotationId: string; otherCourseId: string; otherAnnotationId: string; notificationIdOfOther: string };

/** Path ids that are not ours to use: absent, foreign, SQL-ish, traversal, NUL, oversized. */
const badIds = (ids: Ids, foreign: string) => [
  "does-not-exist",
  foreign,
  "1'%20OR%20'1'%3D'1",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "%00",
  "a".repeat(65),
  "%F0%9F%98%80",
  "%E2%80%AE",
  "9".repeat(30),
];

type JsonRoute = {
  name: string;
  method: "POST" | "PATCH" | "PUT";
  path: (ids: Ids) => string;
  /** Each entry is invalid on its own: a field set to a bad value, or removed (undefined). */
  badBodies: (ids: Ids) => Record<string, unknown>[];
  /** Raw JSON texts specific to this route (numbers JSON.stringify cannot write). */
  rawBodies?: string[];
  badPaths?: (ids: Ids) => string[];
};

const wrongTypes = [null, 42, true, [], {}, "", MEGABYTE];

function eachField(valid: Record<string, unknown>, bad: Record<string, unknown[]>, required: string[]): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  for (const [field, values] of Object.entries(bad)) {
    // The extra field names the case, for the failure message.
    for (const [index, value] of values.entries()) bodies.push({ ...valid, [field]: value, unexpected: `${field} #${index}`, ["__proto__"]: { isAdmin: true } });
  }
  for (const field of required) {
    const { [field]: _removed, ...rest } = valid;
    bodies.push({ ...rest, unexpected: `without ${field}` });
  }
  return bodies;
}

const JSON_ROUTES: JsonRoute[] = [
  {
    name: "POST /api/accounts",
    method: "POST",
    path: () => "/api/accounts",
    badBodies: () =>
      eachField(
        { name: "Someone", email: "bad-input@example.test", password: "long-enough-password" },
        { name: wrongTypes, email: [...wrongTypes, "not-an-email", `${MEGABYTE}@example.test`], password: [...wrongTypes, "short"] },
        ["name", "email", "password"],
      ),
  },
  {
    name: "POST /api/courses",
    method: "POST",
    path: () => "/api/courses",
    badBodies: () => eachField({ title: "Title", term: "" }, { title: [...wrongTypes, "   "], term: [42, [], {}, MEGABYTE] }, ["title"]),
  },
  {
    name: "POST /api/courses/join",
    method: "POST",
    path: () => "/api/courses/join",
    badBodies: () => eachField({ code: "NOPE-NOPE" }, { code: [...wrongTypes, "NOPE-NOPE", "' OR 1=1 --", "\u0000"] }, ["code"]),
  },
  {
    name: "POST /api/readings/:id/annotations",
    method: "POST",
    path: (ids) => `/api/readings/${ids.readingId}/annotations`,
    badBodies: (ids) =>
      eachField(
        { courseId: DEMO_COURSE, kind: "COMMENT", target: { start: 0, end: 12 }, body: doc("valid text") },
        {
          courseId: [42, [], {}, "", MEGABYTE, ids.otherCourseId, "does-not-exist", "' OR 1=1 --", "\u0000"],
          kind: [...wrongTypes, "comment", "REPLY", "ADMIN"],
          target: [
            ...wrongTypes,
            { start: -1, end: 5 },
            { start: 50, end: 10 },
            { start: 5, end: 5 },
            { start: 1e9, end: 1e9 + 5 },
            { start: 0, end: 1e9 },
            { start: 0.5, end: 3 },
            { start: "0", end: "5" },
            { start: 9007199254740993, end: 9007199254740999 },
            { start: 0 },
            { paragraph: 1 },
            { paragraph: 0 },
            { paragraph: -1 },
            { paragraph: 1.5 },
            { paragraph: 1e9 },
            { paragraph: "1" },
          ],
          body: [null, 42, "", [], {}, MEGABYTE, { type: "doc", content: [] }],
          visibility: [42, "PUBLIC", "private", MEGABYTE],
          groupId: [42, ["x"], "\u0000"],
          tags: [42, "tag", [42], [MEGABYTE], ["<script>"], Array.from({ length: 50 }, (_, index) => `t${index}`)],
          color: [42, "red", MEGABYTE],
          isQuestion: ["yes", 1, MEGABYTE],
          mentionedUserIds: [42, "someone", [42], ["' OR 1=1 --"], Array.from({ length: 50 }, (_, index) => `u${index}`)],
        },
        ["kind", "target", "body"],
      ).concat([
        { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 99_999 }, body: doc("x") },
        // A group only matters for GROUP visibility (elsewhere it is ignored); the prober has none.
        { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc("x"), visibility: "GROUP", groupId: "does-not-exist" },
        { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc("x"), visibility: "COURSE" }, { courseId: DEMO_COURSE, kind: "HIGHLIGHT", target: { start: 0, end: 12 }, body: doc("highlights have no body") }]),
    rawBodies: [
      `{"courseId":"${DEMO_COURSE}","kind":"COMMENT","target":{"start":1e309,"end":2e309},"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}}`,
      `{"courseId":"${DEMO_COURSE}","kind":"COMMENT","target":{"start":-1e309,"end":5},"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}}`,
      `{"courseId":"${DEMO_COURSE}","kind":"COMMENT","target":{"start":0,"end":12},"body":${DEEP_OBJECT}}`,
      `{"courseId":"${DEMO_COURSE}","kind":"COMMENT","target":${DEEP_OBJECT},"body":{"type":"doc"}}`,
      `{"courseId":"${DEMO_COURSE}","kind":"PARAGRAPH_POST","target":{"paragraph":1e400},"body":{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}}`,
    ],
    badPaths: (ids) => badIds(ids, "does-not-exist").map((id) => `/api/readings/${id}/annotations`),
  },
  {
    name: "PATCH /api/annotations/:id",
    method: "PATCH",
    path: (ids) => `/api/annotations/${ids.annotationId}`,
    badBodies: () => [
      {},
      { unexpected: "only" },
      ...eachField({ tags: ["ok"] }, { body: [null, 42, "", {}, MEGABYTE, { type: "doc", content: [] }], visibility: [42, "PUBLIC"], tags: [42, [MEGABYTE]], color: ["red"], isQuestion: ["yes"] }, []),
    ],
    badPaths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}`),
  },
  {
    name: "PUT /api/annotations/:id",
    method: "PUT",
    path: (ids) => `/api/annotations/${ids.annotationId}`,
    badBodies: () => [{}, { body: 42 }, { visibility: "EVERYONE" }],
    badPaths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}`),
  },
  {
    name: "POST /api/annotations/:id/replies",
    method: "POST",
    path: (ids) => `/api/annotations/${ids.annotationId}/replies`,
    badBodies: () => eachField({ body: doc("reply") }, { body: [null, 42, "", [], {}, MEGABYTE], mentionedUserIds: [42, [42], ["' OR 1=1"], Array.from({ length: 11 }, (_, index) => `u${index}`)] }, ["body"]),
    rawBodies: [`{"body":${DEEP_OBJECT}}`, `{"body":{"type":"doc","content":${DEEP_ARRAY}}}`],
    badPaths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}/replies`),
  },
  {
    name: "POST /api/annotations/:id/moderation",
    method: "POST",
    path: (ids) => `/api/annotations/${ids.annotationId}/moderation`,
    // The prober is a student: well-formed actions are refused too (403), so every body is "bad".
    badBodies: () => eachField({ action: "pin" }, { action: [...wrongTypes, "delete", "HIDE"], reason: [42, MEGABYTE] }, ["action"]).concat([{ action: "hide", reason: "" }]),
    badPaths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}/moderation`),
  },
  {
    name: "POST /api/notifications/read",
    method: "POST",
    path: () => "/api/notifications/read",
    badBodies: (ids) => [{ ids: 42 }, { ids: "all" }, { ids: [42] }, { ids: ["' OR 1=1 --"] }, { ids: [MEGABYTE] }, { ids: Array.from({ length: 501 }, (_, index) => `n${index}`) }, { ids: [ids.notificationIdOfOther] }].map((body) => ({ ...body, unexpected: true })),
  },
];

/** Generic breakage every JSON route must survive, whatever its fields. */
const RAW_BODIES: { label: string; contentType: string | null; data: string }[] = [
  { label: "empty body", contentType: "application/json", data: "" },
  { label: "truncated JSON", contentType: "application/json", data: '{"a":' },
  { label: "single quotes", contentType: "application/json", data: "{'a':1}" },
  { label: "trailing comma", contentType: "application/json", data: '{"a":1,}' },
  { label: "NUL byte", contentType: "application/json", data: "\u0000" },
  { label: "NaN literal", contentType: "application/json", data: '{"a":NaN}' },
  { label: "null", contentType: "application/json", data: "null" },
  { label: "number", contentType: "application/json", data: "42" },
  { label: "string", contentType: "application/json", data: '"text"' },
  { label: "array", contentType: "application/json", data: "[]" },
  { label: "deep array (10,000)", contentType: "application/json", data: DEEP_ARRAY },
  { label: "deep object (10,000)", contentType: "application/json", data: DEEP_OBJECT },
  { label: "1 MB string", contentType: "application/json", data: JSON.stringify({ a: MEGABYTE }) },
  { label: "text/plain JSON", contentType: "text/plain", data: '{"title":"x","code":"x","action":"pin"}' },
  { label: "form encoded", contentType: "application/x-www-form-urlencoded", data: "title=x&code=x&action=pin" },
  { label: "no content type", contentType: null, data: '{"title":"x"}' },
  { label: "multipart", contentType: "multipart/form-data; boundary=zzz", data: '--zzz\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--zzz--\r\n' },
];

type GetRoute = { name: string; paths: (ids: Ids) => string[] };

const GET_ROUTES: GetRoute[] = [
  { name: "GET /api/courses/:id", paths: (ids) => badIds(ids, ids.otherCourseId).map((id) => `/api/courses/${id}`) },
  { name: "GET /api/courses/:id/members", paths: (ids) => badIds(ids, ids.otherCourseId).map((id) => `/api/courses/${id}/members`) },
  { name: "GET /api/annotations/:id", paths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}`) },
  {
    name: "GET /api/readings/:id/annotations",
    paths: (ids) => [
      ...badIds(ids, "does-not-exist").map((id) => `/api/readings/${id}/annotations`),
      ...["page=0", "page=-1", "page=abc", "page=1e999", "page=NaN", "page=Infinity", "pageSize=0", "pageSize=100000", "pageSize=1.5", `course=${ids.otherCourseId}`, "course=..%2F..", "course=%00", "course=' OR 1=1", `course=${"a".repeat(65)}`, "page=99999999999999999999"].map(
        (query) => `/api/readings/${ids.readingId}/annotations?${query}`,
      ),
    ],
  },
  {
    name: "GET /api/readings/:id/annotations/views",
    paths: (ids) => [
      ...badIds(ids, "does-not-exist").map((id) => `/api/readings/${id}/annotations/views`),
      ...["page=-1", "pageSize=1e9", "course=%00", `course=${ids.otherCourseId}`].map((query) => `/api/readings/${ids.readingId}/annotations/views?${query}`),
    ],
  },
  {
    name: "GET /api/readings/:id/paragraphs/:n/thread",
    paths: (ids) => [
      ...badIds(ids, "does-not-exist").map((id) => `/api/readings/${id}/paragraphs/1/thread?course=${DEMO_COURSE}`),
      ...["0", "-1", "1.5", "abc", "1e3", "99999", "99999999999999999999", "NaN", "Infinity", "%00"].map((n) => `/api/readings/${ids.readingId}/paragraphs/${n}/thread?course=${DEMO_COURSE}`),
      ...["sort=drop", "sort=", `course=${ids.otherCourseId}`, "course=%00"].map((query) => `/api/readings/${ids.readingId}/paragraphs/1/thread?${query}`),
    ],
  },
  {
    name: "GET /api/readings/:id/events",
    paths: (ids) => [
      ...badIds(ids, "does-not-exist").map((id) => `/api/readings/${id}/events?course=${DEMO_COURSE}`),
      ...["after=-1", "after=abc", "after=99999999999999999999", `course=${ids.otherCourseId}`, "course=%00"].map((query) => `/api/readings/${ids.readingId}/events?course=${DEMO_COURSE}&${query}`),
    ],
  },
];

/** Bodiless mutations that take only an id. */
const ID_ONLY_MUTATIONS: GetRoute[] = [
  { name: "POST /api/annotations/:id/upvote", paths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}/upvote`) },
  { name: "DELETE /api/annotations/:id", paths: (ids) => badIds(ids, ids.otherAnnotationId).map((id) => `/api/annotations/${id}`) },
];

async function expectRefused(response: Awaited<ReturnType<APIRequestContext["fetch"]>>, label: string) {
  const status = response.status();
  expect(status, `${label} → ${status}`).toBeGreaterThanOrEqual(400);
  expect(status, `${label} → ${status}`).toBeLessThan(500);
  const text = await response.text();
  let message: unknown;
  try {
    message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
  } catch {
    message = undefined;
  }
  expect(typeof message === "string" && message.length > 0, `${label} → ${status} without a JSON message: ${text.slice(0, 200)}`).toBe(true);
}

async function signedIn(browser: Browser, name: string) {
  const page = await (await browser.newContext()).newPage();
  const account = await createAccount(page.request, name);
  await signInViaApi(page, account);
  return { request: page.request, account };
}

test.describe("hostile input: malformed requests", () => {
  test.describe.configure({ timeout: 180_000 });
  let ids: Ids;
  let prober: APIRequestContext;

  test.beforeAll(async ({ browser }) => {
    const me = await signedIn(browser, "Prober");
    prober = me.request;
    expect((await prober.post("/api/courses/join", { data: { code: DEMO_JOIN_CODE } })).status()).toBe(201);
    const html = await (await prober.get("/")).text();
    const readingId = /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
    const mine = await prober.post(`/api/readings/${readingId}/annotations`, { data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: doc("Prober's own post") } });
    expect(mine.status()).toBe(201);
    // Someone else's course, with a post and a notification in it, for the "other course's id" cases.
    const other = await signedIn(browser, "Outsider");
    const course = (await (await other.request.post("/api/courses", { data: { title: "Outsider's course" } })).json()) as { id: string };
    const theirs = await other.request.post(`/api/readings/${readingId}/annotations`, { data: { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc("Outsider's private note") } });
    expect(theirs.status()).toBe(201);
    ids = {
      readingId,
      annotationId: ((await mine.json()) as { id: string }).id.split("/").at(-1)!,
      otherCourseId: course.id,
      otherAnnotationId: ((await theirs.json()) as { id: string }).id.split("/").at(-1)!,
      notificationIdOfOther: "does-not-exist",
    };
  });

  test.afterAll(async () => {
    await closeDatabase();
  });

  for (const route of JSON_ROUTES) {
    test(`[MALFORMED] ${route.name}: broken, mistyped, oversized and foreign input is a 4xx with a message, and writes nothing`, async () => {
      const before = await countRows();
      for (const raw of RAW_BODIES) {
        const headers: Record<string, string> = raw.contentType ? { "Content-Type": raw.contentType } : {};
        await expectRefused(await prober.fetch(route.path(ids), { method: route.method, headers, data: raw.data }), `${route.name} ${raw.label}`);
      }
      for (const [index, body] of route.badBodies(ids).entries()) {
        const response = await prober.fetch(route.path(ids), { method: route.method, headers: { "Content-Type": "application/json" }, data: JSON.stringify(body) });
        await expectRefused(response, `${route.name} body #${index} (${String(body.unexpected)}) ${JSON.stringify(body).slice(0, 100)}`);
      }
      for (const raw of route.rawBodies ?? []) {
        await expectRefused(await prober.fetch(route.path(ids), { method: route.method, headers: { "Content-Type": "application/json" }, data: raw }), `${route.name} ${raw.slice(0, 120)}`);
      }
      for (const path of route.badPaths?.(ids) ?? []) {
        const response = await prober.fetch(path, { method: route.method, headers: { "Content-Type": "application/json" }, data: JSON.stringify({ body: doc("x"), action: "pin", tags: ["x"], courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 1 } }) });
        await expectRefused(response, `${route.method} ${path.slice(0, 120)}`);
      }
      expect(await countRows()).toEqual(before);
    });
  }

  for (const route of [...GET_ROUTES, ...ID_ONLY_MUTATIONS]) {
    test(`[MALFORMED] ${route.name}: bad ids and query parameters are a 4xx with a message`, async () => {
      const method = route.name.split(" ")[0]!;
      const before = await countRows();
      for (const path of route.paths(ids)) await expectRefused(await prober.fetch(path, { method, timeout: 10_000 }), `${method} ${path.slice(0, 120)}`);
      expect(await countRows()).toEqual(before);
    });
  }

  test("[MALFORMED] extra fields cannot set what the server decides (author, id, pinned, role)", async () => {
    const response = await prober.post(`/api/readings/${ids.readingId}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: doc("mass assignment"), id: "chosen-id", authorId: "someone-else", isPinned: true, isEndorsed: true, upvoteCount: 999 },
    });
    expect(response.status()).toBe(201);
    const created = (await response.json()) as { id: string };
    expect(created.id).not.toContain("chosen-id");
    const view = await prober.get(`/api/readings/${ids.readingId}/paragraphs/3/thread?course=${DEMO_COURSE}`);
    const thread = (await view.json()) as { roots: { id: string; author: { name: string }; isPinned: boolean; isEndorsed: boolean; upvoteCount: number }[] };
    const mine = thread.roots.find((root) => created.id.endsWith(`/${root.id}`))!;
    expect(mine.author.name).toMatch(/^Prober /);
    expect(mine).toMatchObject({ isPinned: false, isEndorsed: false, upvoteCount: 0 });
    const course = await prober.post("/api/courses", { data: { title: "Mine", id: DEMO_COURSE, joinCode: "CHOSEN-CODE" } });
    expect(course.status()).toBe(201);
    expect(((await course.json()) as { id: string; joinCode: string })).not.toMatchObject({ id: DEMO_COURSE });
  });

  test("[MALFORMED] next-auth's endpoints answer broken sign-in input without a 5xx", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const csrfToken = ((await (await anonymous.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
    const forms: Record<string, string>[] = [
      {},
      { csrfToken },
      { csrfToken, email: MEGABYTE, password: "x" },
      { csrfToken, email: "ana@scholia.test", password: MEGABYTE },
      { csrfToken, email: "' OR 1=1 --", password: "' OR 1=1 --" },
      { csrfToken, email: "\u0000", password: "\u0000" },
      { csrfToken: "forged", email: "ana@scholia.test", password: "scholia-demo" },
    ];
    for (const form of forms) {
      const response = await anonymous.post("/api/auth/callback/credentials", { form: { ...form, json: "true" }, maxRedirects: 0 });
      expect(response.status(), JSON.stringify(form).slice(0, 100)).toBeLessThan(500);
    }
    for (const raw of RAW_BODIES) {
      const response = await anonymous.fetch("/api/auth/callback/credentials", { method: "POST", headers: raw.contentType ? { "Content-Type": raw.contentType } : {}, data: raw.data, maxRedirects: 0 });
      expect(response.status(), raw.label).toBeLessThan(500);
    }
    expect((await (await anonymous.get("/api/auth/session")).json()) as object).toEqual({});
    await anonymous.dispose();
  });
});

// Server actions, called as Next's client calls them. Their contract is a form state, not an
// HTTP status: a refused input answers 200 with {status: "error", message} (or {ok: false} for
// sign-up) in the RSC payload, and nothing is written.
const COURSE_PAGE = "/courses";
const ACTIONS: { name: string; page: (ids: { courseId: string }) => string; filename: string; cases: (ids: { courseId: string; otherCourseId: string }) => Record<string, string>[] }[] = [
  { name: "createCourseAction", page: () => COURSE_PAGE, filename: "app/courses/actions.ts", cases: (): Record<string, string>[] => [{}, { title: "" }, { title: "   " }, { title: MEGABYTE }, { title: "ok", term: MEGABYTE }] },
  { name: "joinCourseAction", page: () => COURSE_PAGE, filename: "app/courses/actions.ts", cases: (): Record<string, string>[] => [{}, { code: "" }, { code: MEGABYTE }, { code: "' OR 1=1 --" }, { code: "\u0000" }] },
  { name: "markReadAction", page: () => "/notifications", filename: "app/notifications/actions.ts", cases: (): Record<string, string>[] => [{ id: "' OR 1=1 --" }, { id: MEGABYTE }, { id: "%00" }] },
  ...(
    [
      ["regenerateJoinCodeAction", {}],
      ["setJoinEnabledAction", { enabled: "maybe" }],
      ["changeMemberRoleAction", { membershipId: "does-not-exist", role: "ADMIN" }],
      ["removeMemberAction", { membershipId: "' OR 1=1 --" }],
      ["leaveCourseAction", {}],
      ["createGroupAction", { name: MEGABYTE }],
      ["renameGroupAction", { groupId: "does-not-exist", name: "" }],
      ["deleteGroupAction", { groupId: "../../etc" }],
      ["moveMemberAction", { membershipId: "x", groupId: "\u0000" }],
      ["splitIntoGroupsAction", { groupSize: "NaN" }],
      ["splitIntoGroupsAction", { groupSize: "Infinity" }],
      ["splitIntoGroupsAction", { groupSize: "-5" }],
      ["splitIntoGroupsAction", { groupSize: "1e400" }],
    ] as const
  ).map(([name, fields]) => ({
    name,
    page: (ids: { courseId: string }) => `/courses/${ids.courseId}`,
    filename: "app/courses/[id]/actions.ts",
    cases: (ids: { courseId: string; otherCourseId: string }) => [
      { ...fields },
      { ...fields, courseId: "' OR 1=1 --" },
      { ...fields, courseId: MEGABYTE },
      // Well-formed fields aimed at a course the caller is not staff in: the service refuses.
      { ...fields, courseId: ids.otherCourseId },
    ] as Record<string, string>[],
  })),
];

/** The action's own error state, or (over 1 MB) the proxy's 413 with a JSON message. */
async function expectActionRefused(response: Awaited<ReturnType<APIRequestContext["fetch"]>>, label: string, errorState: RegExp) {
  if (response.status() === 413) {
    await expectRefused(response, label);
    return;
  }
  expect(response.status(), label).toBe(200);
  expect(await response.text(), label).toMatch(errorState);
}

test.describe("hostile input: malformed server action calls", () => {
  test.describe.configure({ timeout: 180_000 });

  test.afterAll(async () => {
    await closeDatabase();
  });

  test("[MALFORMED] every server action answers bad form data with its error state and writes nothing", async ({ browser }) => {
    const me = await signedIn(browser, "Action Prober");
    const other = await signedIn(browser, "Action Outsider");
    const mine = (await (await me.request.post("/api/courses", { data: { title: "Prober's course" } })).json()) as { id: string };
    const theirs = (await (await other.request.post("/api/courses", { data: { title: "Outsider's course" } })).json()) as { id: string };
    const ids = { courseId: mine.id, otherCourseId: theirs.id };
    const before = await countRows();
    for (const action of ACTIONS) {
      for (const fields of action.cases(ids)) {
        const withCourse = action.filename === "app/courses/[id]/actions.ts" && !("courseId" in fields) ? { courseId: ids.otherCourseId, ...fields } : fields;
        const response = await postFormAction(me.request, { page: action.page(ids), filename: action.filename, name: action.name }, withCourse);
        await expectActionRefused(response, `${action.name} ${JSON.stringify(withCourse).slice(0, 120)}`, /"status":"error","message":"[^"]+"/);
      }
    }
    const signUp = { page: "/sign-up", filename: "app/sign-up/actions.ts", name: "signUpAction" };
    for (const input of [{}, { name: 42, email: [], password: null }, { name: MEGABYTE, email: "a@example.test", password: "long-enough-password" }, { name: "x", email: "not-an-email", password: "x" }]) {
      await expectActionRefused(await postValueAction(me.request, signUp, [input]), JSON.stringify(input).slice(0, 80), /"ok":false,"message":"[^"]+"/);
    }
    for (const raw of ["not json", "[", '{"a":1}', DEEP_ARRAY]) {
      const response = await me.request.post("/sign-up", { data: raw, headers: { "Content-Type": "text/plain;charset=UTF-8", "Next-Action": "0".repeat(42) }, maxRedirects: 0 });
      expect(response.status(), `unknown action with ${raw.slice(0, 20)}`).toBeLessThan(500);
    }
    expect(await countRows()).toEqual(before);
  });
});
