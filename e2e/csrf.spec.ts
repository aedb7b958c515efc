import { expect, test, type Page } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { doc } from "./fixtures/classroom";
import { closeDatabase, countRows, fingerprintRows } from "./fixtures/database";
import { DEMO_COURSE, DEMO_JOIN_CODE } from "./fixtures/demo-course";
import { postFormAction, serverActionId } from "./fixtures/server-actions";
import {
  assignmentActions,
  createAssignmentViaAction,
  createReadingViaActions,
  createTokenViaAction,
  READING_ACTIONS,
  TOKEN_ACTIONS,
} from "./fixtures/teaching";

// Cross-site request forgery: a page on another site makes a signed-in reader's browser post to
// Scholia. SameSite=Lax keeps the session cookie off such posts; the proxy's Origin /
// Sec-Fetch-Site check (lib/domain/request-security.ts) refuses them anyway, with a 403 that
// holds even where the cookie would travel (a sibling subdomain, an older browser). next-auth's
// endpoints keep their own CSRF token. Every case: refused, and not one row written.

const ATTACKER = "http://attacker.test";

type Ids = { readingId: string; annotationId: string };

/** Every cookie-authenticated mutation of the API, with a body it would otherwise accept. */
const MUTATIONS: { method: "POST" | "PATCH" | "PUT" | "DELETE"; path: (ids: Ids) => string; body?: unknown }[] = [
  { method: "POST", path: () => "/api/accounts", body: { name: "Forged", email: "forged@example.test", password: "forged-password-123" } },
  { method: "POST", path: () => "/api/courses", body: { title: "Forged course" } },
  { method: "POST", path: () => "/api/courses/join", body: { code: DEMO_JOIN_CODE } },
  {
    method: "POST",
    path: (ids) => `/api/readings/${ids.readingId}/annotations`,
    body: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc("forged") },
  },
  { method: "PATCH", path: (ids) => `/api/annotations/${ids.annotationId}`, body: { body: doc("forged edit") } },
  { method: "PUT", path: (ids) => `/api/annotations/${ids.annotationId}`, body: { body: doc("forged edit") } },
  { method: "DELETE", path: (ids) => `/api/annotations/${ids.annotationId}` },
  { method: "POST", path: (ids) => `/api/annotations/${ids.annotationId}/replies`, body: { body: doc("forged reply") } },
  { method: "POST", path: (ids) => `/api/annotations/${ids.annotationId}/upvote` },
  { method: "POST", path: (ids) => `/api/annotations/${ids.annotationId}/moderation`, body: { action: "pin" } },
  { method: "POST", path: () => "/api/notifications/read", body: {} },
  // The Web Annotation Protocol: a W3C Annotation posted to the container, and a W3C replacement.
  {
    method: "POST",
    path: (ids) => `/api/readings/${ids.readingId}/annotations?course=${DEMO_COURSE}`,
    body: {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      motivation: "commenting",
      bodyValue: "forged",
      target: "/readings/READING#p-1",
    },
  },
  {
    method: "PUT",
    path: (ids) => `/api/annotations/${ids.annotationId}`,
    body: {
      "@context": "http://www.w3.org/ns/anno.jsonld",
      type: "Annotation",
      motivation: "commenting",
      bodyValue: "forged replacement",
      target: "/readings/READING#p-2",
    },
  },
];

/** Serves a page on the attacker's origin that posts a form to `target` as soon as it loads. */
async function attackerPostsForm(page: Page, target: string, fields: Record<string, string>, enctype = "text/plain") {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name='${name.replace(/'/g, "&#39;")}' value='${value.replace(/'/g, "&#39;")}'>`)
    .join("");
  await page.route(`${ATTACKER}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>Win a prize</title><form id="f" method="POST" action="${target}" enctype="${enctype}">${inputs}</form><script>document.getElementById("f").submit()</script>`,
    }),
  );
  const response = page.waitForResponse((candidate) => candidate.url() === target && candidate.request().method() === "POST");
  await page.goto(`${ATTACKER}/prize`);
  return response;
}

test.describe("hostile input: cross-site request forgery", () => {
  test.describe.configure({ timeout: 120_000 });
  let ids: Ids;

  test.afterAll(async () => {
    await closeDatabase();
  });

  test.beforeEach(async ({ page }) => {
    const account = await createAccount(page.request, "Csrf Victim");
    await signInViaApi(page, account);
    expect((await page.request.post("/api/courses/join", { data: { code: DEMO_JOIN_CODE } })).status()).toBe(201);
    const html = await (await page.request.get("/")).text();
    const readingId = /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
    const post = await page.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: doc("victim's note") },
    });
    expect(post.status()).toBe(201);
    ids = { readingId, annotationId: ((await post.json()) as { id: string }).id.split("/").at(-1)! };
  });

  test("[CSRF] a cross-site HTML form posting to any API mutation is refused with a 403 and writes nothing", async ({ page, baseURL }) => {
    const before = await countRows();
    // A form can only POST; text/plain lets it smuggle a JSON-looking body.
    for (const mutation of MUTATIONS.filter((candidate) => candidate.method === "POST")) {
      const target = `${baseURL}${mutation.path(ids)}`;
      const json = JSON.stringify(mutation.body ?? {}).replace("READING", ids.readingId);
      const response = await attackerPostsForm(page, target, { [`${json.slice(0, -1)},"pad":"`]: `"}` });
      expect(response.status(), target).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/Cross-site/);
      await page.unrouteAll();
    }
    expect(await countRows()).toEqual(before);
  });

  test("[CSRF] a fetch carrying the session cookie but a foreign Origin (or a sibling site) is refused for every mutation", async ({
    page,
    baseURL,
  }) => {
    const before = await countRows();
    for (const mutation of MUTATIONS) {
      const foreign: Record<string, string>[] = [
        { Origin: ATTACKER },
        { Origin: "null" },
        { "Sec-Fetch-Site": "same-site", Origin: "http://evil.127.0.0.1.nip.io" },
        { "Sec-Fetch-Site": "cross-site" },
      ];
      for (const headers of foreign) {
        const data: unknown =
          mutation.body === undefined ? undefined : JSON.parse(JSON.stringify(mutation.body).replace("READING", ids.readingId));
        const response = await page.request.fetch(mutation.path(ids), { method: mutation.method, data, headers });
        expect(response.status(), `${mutation.method} ${mutation.path(ids)} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(await countRows()).toEqual(before);
    // The same requests from our own origin go through: the check refuses sites, not people.
    const own = await page.request.post("/api/courses", {
      data: { title: "Own course" },
      headers: { Origin: baseURL!, "Sec-Fetch-Site": "same-origin" },
    });
    expect(own.status()).toBe(201);
  });

  test("[CSRF] server actions: a cross-origin call and a cross-site plain form are refused, nothing is written", async ({
    page,
    baseURL,
  }) => {
    const before = await countRows();
    const createCourse = { page: "/courses", filename: "app/courses/actions.ts", name: "createCourseAction" };
    const forged = await postFormAction(page.request, createCourse, { title: "Forged by action" }, { Origin: ATTACKER });
    expect(forged.status()).toBe(403);
    // Without JavaScript a server action is a plain form naming the action in a field.
    const response = await attackerPostsForm(
      page,
      `${baseURL}/courses`,
      { [`$ACTION_ID_${serverActionId("app/courses/actions.ts", "createCourseAction")}`]: "", title: "Forged by form" },
      "multipart/form-data",
    );
    expect(response.status()).toBe(403);
    expect(await countRows()).toEqual(before);
    // From our own origin the same action works (Next's own Origin-against-Host check agrees).
    const own = await postFormAction(page.request, createCourse, { title: "Own action course" }, { Origin: baseURL! });
    expect(own.status()).toBe(200);
    expect(own.headers()["x-action-redirect"]).toMatch(/^\/courses\//);
  });

  test("[CSRF] the teaching, reading and token actions: cross-origin calls and cross-site plain forms are refused, nothing is written", async ({
    page,
    baseURL,
  }) => {
    const created = (await (await page.request.post("/api/courses", { data: { title: "Victim's teaching course" } })).json()) as {
      id: string;
    };
    const courseId = created.id;
    const myReadingId = await createReadingViaActions(page.request, "Victim's reading", "First.\n\nSecond.");
    const assignmentId = await createAssignmentViaAction(page.request, courseId, ids.readingId);
    const token = await createTokenViaAction(page.request, "Victim's token");
    const assignment = assignmentActions(courseId, assignmentId);
    // Each with a form it would accept from the page itself.
    const actions: {
      action: { page: string; filename: string; name: string };
      fields: Record<string, string>;
      state?: unknown;
      bound?: unknown[];
    }[] = [
      {
        action: assignment.create,
        fields: { courseId, readingId: ids.readingId, title: "Forged assignment", minPosts: "1", audience: "class", timeZone: "UTC" },
      },
      {
        action: assignment.update,
        fields: { courseId, assignmentId, title: "Forged title", minPosts: "9", audience: "class", timeZone: "UTC" },
      },
      { action: assignment.delete, fields: { courseId, assignmentId } },
      { action: assignment.rubric, fields: { courseId, assignmentId, "ASKS_QUESTION.enabled": "on", "ASKS_QUESTION.points": "5" } },
      { action: assignment.setOverride, fields: { courseId, assignmentId, studentId: "someone", score: "0", comment: "forged" } },
      { action: assignment.clearOverride, fields: { courseId, assignmentId, studentId: "someone" } },
      {
        action: READING_ACTIONS.create,
        fields: { intent: "preview", title: "Forged reading", format: "text", text: "Forged." },
        state: READING_ACTIONS.formState,
      },
      {
        action: READING_ACTIONS.edit(myReadingId),
        fields: { intent: "preview", title: "Forged", format: "paragraphs", text: "Forged." },
        state: READING_ACTIONS.formState,
        bound: [myReadingId],
      },
      { action: TOKEN_ACTIONS.create, fields: { name: "Forged token" }, state: TOKEN_ACTIONS.formState },
      { action: TOKEN_ACTIONS.revoke, fields: { id: token.id } },
    ];
    const before = { rows: await countRows(), content: await fingerprintRows() };
    for (const { action, fields, state, bound } of actions) {
      const foreign: Record<string, string>[] = [
        { Origin: ATTACKER },
        { Origin: "null" },
        { "Sec-Fetch-Site": "cross-site" },
        { "Sec-Fetch-Site": "same-site", Origin: "http://evil.127.0.0.1.nip.io" },
      ];
      for (const headers of foreign) {
        const forged = await postFormAction(page.request, action, fields, headers, { state, bound });
        expect(forged.status(), `${action.name} ${JSON.stringify(headers)}`).toBe(403);
      }
      const response = await attackerPostsForm(
        page,
        `${baseURL}${action.page}`,
        { [`$ACTION_ID_${serverActionId(action.filename, action.name)}`]: "", ...fields },
        "multipart/form-data",
      );
      expect(response.status(), `${action.name} as a cross-site form`).toBe(403);
      await page.unrouteAll();
    }
    expect({ rows: await countRows(), content: await fingerprintRows() }).toEqual(before);
    // The token still works, and from our own origin the same revoke goes through.
    expect((await page.request.get("/api/courses", { headers: { Authorization: `Bearer ${token.secret}` } })).status()).toBe(200);
    const own = await postFormAction(page.request, TOKEN_ACTIONS.revoke, { id: token.id }, { Origin: baseURL! });
    expect(await own.text()).toContain('"status":"success"');
  });

  test("[CSRF] next-auth: a cross-site form can neither sign the reader in as someone else nor sign them out", async ({
    page,
    browser,
    baseURL,
  }) => {
    const session = async () => ((await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } }).user?.email;
    const victimEmail = await session();
    expect(victimEmail).toBeTruthy();
    const attacker = await createAccount((await browser.newContext()).request, "Csrf Attacker");
    // Login CSRF: the attacker's own credentials, with a token the attacker fetched for themselves.
    const attackerContext = await browser.newContext();
    const { csrfToken } = (await (await attackerContext.request.get(`${baseURL}/api/auth/csrf`)).json()) as { csrfToken: string };
    await attackerPostsForm(
      page,
      `${baseURL}/api/auth/callback/credentials`,
      { csrfToken, email: attacker.email, password: attacker.password },
      "application/x-www-form-urlencoded",
    );
    await page.unrouteAll();
    expect(await session()).toBe(victimEmail);
    await attackerPostsForm(page, `${baseURL}/api/auth/signout`, { csrfToken }, "application/x-www-form-urlencoded");
    expect(await session()).toBe(victimEmail);
  });
});
