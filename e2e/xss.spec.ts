import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { statement } from "./fixtures/reading";
import { postFormAction } from "./fixtures/server-actions";
import { findDangerousMarkup, XSS_CORPUS, XSS_HREFS, type XssCategory } from "./fixtures/xss-corpus";

// The XSS corpus (e2e/fixtures/xss-corpus.ts) sent through every way in — the API's body forms
// and the editor (typing, pasting HTML) — and then looked at on every page that shows it, in
// Chromium, with traps for script execution (alert/confirm/prompt, window.__xss), CSP violation
// reports and a DOM inspection of the user content.
//
// One person ("Mallory", whose name is a payload too) writes everything: private notes on the
// statement (so the shared demo course is not flooded), a course with a hostile title, and a
// handful of replies in the demo course to a classmate ("Victor"), who then sees them in his
// thread and his notifications.

const DEMO_COURSE = "demo-course";
const DEMO_JOIN_CODE = "DEMO-CODE-2006";
const HOSTILE_NAME = `<img src=x onerror=alert(1)>"'><svg onload=alert(1)>`;
const HOSTILE_TITLE = `<script>alert(1)</script><iframe src=javascript:alert(1)>`;

const doc = (...paragraphs: string[]) => ({
  type: "doc",
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

/**
 * The ways a comment body reaches the API. A new body form is one more entry: `payloads` picks
 * the corpus entries worth sending that way, `encode` builds the body. Scholia's own shape
 * (`envelope: "scholia"`) carries it as `body`; the Web Annotation Protocol's (`"w3c"`) is a full
 * W3C Annotation on a paragraph (`…/readings/:id#p-N`), and `encode` gives its `body` or
 * `bodyValue`. Each request must answer 201 (and then what it stored is checked on the pages
 * below) or a 4xx with a message — never a 5xx.
 */
type BodyForm = { name: string; payloads: typeof XSS_CORPUS } & (
  | { envelope: "scholia"; encode: (payload: string) => unknown }
  | { envelope: "w3c"; encode: (payload: string) => { body: unknown } | { bodyValue: string } }
);

const BODY_FORMS: BodyForm[] = [
  { name: "tiptap text node", envelope: "scholia", payloads: XSS_CORPUS, encode: (payload) => doc(payload) },
  {
    name: "tiptap link mark with a hostile href",
    envelope: "scholia",
    payloads: XSS_HREFS,
    encode: (payload) => ({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "a link", marks: [{ type: "link", attrs: { href: payload } }] }] }],
    }),
  },
  {
    name: "tiptap unknown nodes, marks and attributes",
    envelope: "scholia",
    payloads: XSS_CORPUS.filter((entry) => entry.category === "event-handler"),
    encode: (payload) => ({
      type: "doc",
      content: [
        {
          type: "paragraph",
          attrs: { onclick: payload, style: payload },
          content: [
            {
              type: "text",
              text: "attrs",
              marks: [{ type: "link", attrs: { href: "https://example.com/", onclick: payload, target: payload } }],
            },
          ],
        },
        { type: "image", attrs: { src: payload } },
      ],
    }),
  },
  {
    name: "tiptap unknown mark",
    envelope: "scholia",
    payloads: XSS_CORPUS.filter((entry) => entry.category === "css"),
    encode: (payload) => ({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "styled", marks: [{ type: "textStyle", attrs: { style: payload } }] }] },
      ],
    }),
  },
  { name: "plain string body", envelope: "scholia", payloads: XSS_CORPUS, encode: (payload) => payload },
  // W3C bodies inside Scholia's own shape are refused (its body is tiptap JSON); the protocol takes them as annotations.
  {
    name: "W3C TextualBody in Scholia's shape",
    envelope: "scholia",
    payloads: XSS_CORPUS.filter((entry) => entry.category === "script"),
    encode: (payload) => ({ type: "TextualBody", value: payload, format: "text/plain" }),
  },
  {
    name: "W3C TextualBody (text/plain)",
    envelope: "w3c",
    payloads: XSS_CORPUS,
    encode: (payload) => ({ body: { type: "TextualBody", value: payload, format: "text/plain", purpose: "commenting" } }),
  },
  {
    name: "W3C TextualBody (text/html)",
    envelope: "w3c",
    payloads: XSS_CORPUS,
    encode: (payload) => ({ body: { type: "TextualBody", value: payload, format: "text/html", purpose: "commenting" } }),
  },
  {
    name: "W3C bodyValue",
    envelope: "w3c",
    payloads: XSS_CORPUS.filter((entry) => entry.category !== "url"),
    encode: (payload) => ({ bodyValue: payload }),
  },
  {
    name: "W3C body array with a hostile tag",
    envelope: "w3c",
    payloads: XSS_CORPUS.filter((entry) => entry.category === "script"),
    encode: (payload) => ({
      body: [
        { type: "TextualBody", value: payload },
        { type: "TextualBody", value: payload.slice(0, 40), purpose: "tagging" },
      ],
    }),
  },
];

type Context = {
  readingId: string;
  courseId: string;
  joinCode: string;
  threadParagraph: number;
  paragraphsUsed: number[];
  assignmentPath: string;
  malloryId: string;
};

type Viewer = "mallory" | "victor" | "instructor";

type HostilePage = {
  name: string;
  /** Whose browser opens it: the writer, the classmate who receives the replies, or the demo course's instructor. */
  viewer: Viewer;
  path: (context: Context) => string;
  /** Brings the hostile content on screen (opens threads, loads more…). */
  reveal?: (page: Page, context: Context) => Promise<void>;
  /** Elements holding user content, checked strictly; the whole page is checked loosely. */
  userContent: string;
  /** Our own elements inside the user content (search's <mark>s), unwrapped before the strict check. */
  ownMarkup?: string;
};

/**
 * Every page that shows the corpus. Add a page with one more line: where it is, who looks, and
 * where the user content sits. The hostile assignment (its title is a payload) is in the demo
 * course, with a rubric, so Mallory's name and posts are on its insights and grades.
 */
const PAGES: HostilePage[] = [
  {
    name: "reading page, margin (notes)",
    viewer: "mallory",
    path: (c) => `/readings/${c.readingId}`,
    reveal: loadWholeMargin,
    userContent: ".annotation-card .annotation-body, .annotation-card .annotation-meta > span[id]",
  },
  {
    name: "reading page, paragraph threads (notes)",
    viewer: "mallory",
    path: (c) => `/readings/${c.readingId}`,
    reveal: openEveryThread,
    userContent: ".thread .annotation-body, .thread .annotation-meta > span[id]",
  },
  {
    name: "reading page, course thread (replies)",
    viewer: "victor",
    path: (c) => `/readings/${c.readingId}?course=${DEMO_COURSE}`,
    reveal: openThreadOfPost,
    userContent: ".thread .annotation-body, .thread .annotation-meta > span[id]",
  },
  {
    name: "notifications",
    viewer: "victor",
    path: () => "/notifications",
    userContent: ".notification-list blockquote, .notification-list li > p > strong",
  },
  { name: "my courses", viewer: "mallory", path: () => "/courses", userContent: "main .title" },
  { name: "course page", viewer: "mallory", path: (c) => `/courses/${c.courseId}`, userContent: "main h1, .course-header p.meta" },
  { name: "join preview", viewer: "victor", path: (c) => `/join/${c.joinCode}`, userContent: "main h1, main p.meta" },
  {
    name: "search results",
    viewer: "mallory",
    path: () => "/search?q=alert",
    userContent: ".search-result .search-snippet, .search-result .annotation-quote, .search-result p.meta > strong",
    ownMarkup: "mark.search-match",
  },
  {
    name: "assignment insights (staff)",
    viewer: "instructor",
    path: (c) => `${c.assignmentPath}/insights`,
    userContent: "main h1, [data-testid='student-insights'] tbody th, [data-testid='unanswered-questions'] li > a",
  },
  {
    name: "assignment grades (staff)",
    viewer: "instructor",
    path: (c) => `${c.assignmentPath}/grades?student=${c.malloryId}`,
    userContent: "main h1, [data-testid='grade-detail'] h2, [data-testid='grade-detail'] td li > span.meta",
  },
  {
    name: "my grade (student)",
    viewer: "mallory",
    path: (c) => `${c.assignmentPath}/my-grade`,
    userContent: "main h1, main td li > span.meta",
  },
  {
    name: "course page with the hostile assignment",
    viewer: "victor",
    path: () => `/courses/${DEMO_COURSE}`,
    userContent: "main a.title[href*='/assignments/']",
  },
  { name: "assignment page (student)", viewer: "victor", path: (c) => c.assignmentPath, userContent: "main h1, main .instructions" },
  {
    name: "assignment page (instructor, with the edit form)",
    viewer: "instructor",
    path: (c) => c.assignmentPath,
    userContent: "main h1, main .instructions",
  },
];

/**
 * Files holding the corpus, opened in the browser: each must be a download (an attachment, a
 * type no browser renders as a page, nosniff), never a document the payloads could run in.
 */
const DOWNLOADS: { name: string; viewer: Viewer; path: (context: Context) => string }[] = [
  { name: "Markdown export (notes)", viewer: "mallory", path: (c) => `/api/readings/${c.readingId}/export?format=md` },
  { name: "JSON-LD export (notes)", viewer: "mallory", path: (c) => `/api/readings/${c.readingId}/export?format=jsonld` },
  { name: "CSV export (notes)", viewer: "mallory", path: (c) => `/api/readings/${c.readingId}/export?format=csv` },
  {
    name: "Markdown export (course)",
    viewer: "victor",
    path: (c) => `/api/readings/${c.readingId}/export?format=md&course=${DEMO_COURSE}`,
  },
  { name: "grades CSV", viewer: "instructor", path: (c) => `/api${c.assignmentPath}/grades.csv` },
];

/** Installed before any page script: records what a payload would do if it ran. */
async function installTraps(context: BrowserContext) {
  // The checker as a page global: page.evaluate cannot close over an import, and rebuilding it
  // with new Function would itself be refused by the CSP (no 'unsafe-eval').
  await context.addInitScript({ content: `window.__findDangerousMarkup = ${findDangerousMarkup.toString()};` });
  await context.addInitScript(() => {
    const record = (what: string) => ((window as unknown as { __xssFired: string[] }).__xssFired ??= []).push(what);
    (window as unknown as { __xssFired: string[] }).__xssFired = [];
    (window as unknown as { __violations: string[] }).__violations = [];
    window.alert = () => record("alert");
    window.confirm = () => (record("confirm"), false);
    window.prompt = () => (record("prompt"), null);
    Object.defineProperty(window, "__xss", { set: () => record("__xss"), get: () => undefined, configurable: true });
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __violations: string[] }).__violations.push(
        `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`,
      );
    });
  });
}

async function personIn(
  browser: Browser,
  name: string | TestAccount,
): Promise<{ context: BrowserContext; page: Page; account: TestAccount; consoleErrors: string[] }> {
  const context = await browser.newContext();
  await installTraps(context);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) consoleErrors.push(message.text());
  });
  page.on("dialog", (dialog) => {
    consoleErrors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const account = typeof name === "string" ? await createAccount(page.request, name) : name;
  await signInViaApi(page, account);
  return { context, page, account, consoleErrors };
}

async function readingIdOf(request: APIRequestContext): Promise<string> {
  const html = await (await request.get("/")).text();
  return /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
}

async function expectCleanPage(page: Page, consoleErrors: string[], userContent: string, label: string, ownMarkup?: string) {
  const report = await page.evaluate(
    ({ selector, own }) => {
      const check = (window as unknown as { __findDangerousMarkup: typeof findDangerousMarkup }).__findDangerousMarkup;
      const userNodes = Array.from(document.querySelectorAll(selector));
      const unwrapOwn = (node: Element): Element => {
        if (!own) return node;
        const copy = node.cloneNode(true) as Element;
        for (const element of Array.from(copy.querySelectorAll(own))) element.replaceWith(...Array.from(element.childNodes));
        return copy;
      };
      return {
        fired: (window as unknown as { __xssFired: string[] }).__xssFired,
        violations: (window as unknown as { __violations: string[] }).__violations,
        page: check(document, "page"),
        user: userNodes.flatMap((node) => check(unwrapOwn(node), "user-content")),
        userNodes: userNodes.length,
        // The corpus itself is on screen (as text), so the check looked at what it meant to.
        showsCorpus: userNodes.some((node) => (node.textContent ?? "").includes("alert(1)")),
      };
    },
    { selector: userContent, own: ownMarkup ?? null },
  );
  expect(report.fired, `${label}: script ran`).toEqual([]);
  expect(report.violations, `${label}: CSP violations`).toEqual([]);
  expect(consoleErrors, `${label}: console`).toEqual([]);
  expect(report.page, `${label}: page markup`).toEqual([]);
  expect(report.user, `${label}: user content`).toEqual([]);
  expect(report.userNodes, `${label}: user content shown`).toBeGreaterThan(0);
  expect(report.showsCorpus, `${label}: the corpus is on the page`).toBe(true);
}

async function loadWholeMargin(page: Page) {
  // Every card shown (beside the text, a busy paragraph's cards collapse into a summary).
  await page.getByRole("button", { name: "As a list" }).click();
  const more = page.getByRole("button", { name: /^Load more/ });
  while (await more.isVisible()) {
    await more.click();
    await expect(page.getByRole("button", { name: /^Loading/ })).toHaveCount(0);
  }
  await expect(page.locator(".annotation-card").first()).toBeVisible();
}

async function openEveryThread(page: Page, context: Context) {
  for (const paragraph of context.paragraphsUsed) {
    await page.getByRole("button", { name: new RegExp(`^Open the discussion on paragraph ${paragraph} \\(`) }).click();
    await expect(page.getByRole("heading", { name: `Discussion on paragraph ${paragraph}` })).toBeVisible();
    await expect(page.locator(".thread .annotation-body").first()).toBeVisible();
    const problems = await page.evaluate(() => {
      const check = (window as unknown as { __findDangerousMarkup: typeof findDangerousMarkup }).__findDangerousMarkup;
      return Array.from(document.querySelectorAll(".thread .annotation-body")).flatMap((node) => check(node, "user-content"));
    });
    expect(problems, `thread on paragraph ${paragraph}`).toEqual([]);
    await page.getByRole("button", { name: "Close discussion" }).click();
  }
  // Leave the last one open for the page-wide check.
  await page.getByRole("button", { name: new RegExp(`^Open the discussion on paragraph ${context.paragraphsUsed[0]} \\(`) }).click();
  await expect(page.locator(".thread .annotation-body").first()).toBeVisible();
}

async function openThreadOfPost(page: Page, context: Context) {
  await page.getByRole("button", { name: new RegExp(`^Open the discussion on paragraph ${context.threadParagraph} \\(`) }).click();
  await expect(page.locator(".thread .annotation-body", { hasText: "onerror=alert(1)" }).first()).toBeVisible();
}

test.describe("hostile input: the XSS corpus", () => {
  test.describe.configure({ timeout: 240_000 });

  test("[XSS] the corpus through the API, the editor and every page that shows it: nothing runs, nothing dangerous is in the DOM", async ({
    browser,
    baseURL,
  }) => {
    const mallory = await personIn(browser, HOSTILE_NAME);
    const victor = await personIn(browser, "Victor");
    const readingId = await readingIdOf(mallory.page.request);
    const paragraphCount = statement.paragraphs.length;

    // (a, b) Every body form through the API, as private notes spread over the paragraphs.
    const accepted: string[] = [];
    const used = new Set<number>();
    let n = 0;
    for (const form of BODY_FORMS) {
      for (const entry of form.payloads) {
        const paragraph = (n++ % Math.min(paragraphCount, 6)) + 1;
        const data =
          form.envelope === "w3c"
            ? {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                type: "Annotation",
                motivation: "commenting",
                target: `${baseURL}/readings/${readingId}#p-${paragraph}`,
                ...form.encode(entry.payload),
              }
            : { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph }, body: form.encode(entry.payload) };
        const response = await mallory.page.request.post(`/api/readings/${readingId}/annotations`, { data });
        const label = `${form.name} ${entry.id}`;
        expect(response.status(), label).toBeLessThan(500);
        if (response.status() === 201) {
          accepted.push(label);
          used.add(paragraph);
        } else {
          expect(response.status(), label).toBeGreaterThanOrEqual(400);
          const body = (await response.json()) as { error?: { message?: string } };
          expect(body.error?.message, label).toBeTruthy();
        }
      }
    }
    // Every payload as text was accepted (and so is shown below), except the null character —
    // through the protocol's W3C Annotations as through Scholia's own shape.
    const asText = XSS_CORPUS.filter((entry) => !entry.payload.includes("\u0000")).length;
    expect(accepted.filter((label) => label.startsWith("tiptap text node ")).length).toBe(asText);
    expect(accepted.filter((label) => label.startsWith("W3C TextualBody (text/plain) ")).length).toBe(asText);
    expect(accepted.filter((label) => label.startsWith("W3C TextualBody in Scholia's shape "))).toEqual([]);

    // Names and titles are user content too.
    const created = await mallory.page.request.post("/api/courses", { data: { title: HOSTILE_TITLE, term: HOSTILE_NAME.slice(0, 60) } });
    expect(created.status()).toBe(201);
    const course = (await created.json()) as { id: string; joinCode: string };

    // (c) The editor: type some payloads, then paste the markup ones as HTML.
    await mallory.page.goto(`/readings/${readingId}`);
    await mallory.page.getByRole("button", { name: /^Comment on paragraph 1( \(|$)/ }).click();
    const editor = mallory.page.getByRole("textbox", { name: "Post on paragraph 1" });
    await editor.click();
    for (const entry of XSS_CORPUS.filter((item) => ["xss-001", "xss-010", "xss-028", "xss-054", "xss-086"].includes(item.id))) {
      await mallory.page.keyboard.type(entry.payload);
      await mallory.page.keyboard.press("Enter");
    }
    const markupCategories: XssCategory[] = ["script", "event-handler", "svg-mathml", "broken-markup", "css"];
    const html =
      XSS_CORPUS.filter((entry) => markupCategories.includes(entry.category))
        .map((entry) => `<p>${entry.id}</p>${entry.payload}`)
        .join("") + `<p><a href="javascript:alert(1)">js link</a> <a href="https://example.com/" onclick="alert(1)">ok link</a></p>`;
    await editor.evaluate((element, pasted) => {
      const data = new DataTransfer();
      data.setData("text/html", pasted);
      data.setData("text/plain", "pasted");
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, html);
    await expect(editor).toContainText("xss-010");
    // ProseMirror parses pasted HTML in an inert document (no browsing context: nothing in it
    // can run, as the traps confirm), yet Chromium checks its inline handlers against the page's
    // CSP and reports each refusal (script-src-attr) to the page. Those, and only those, are
    // expected while pasting; the editor's DOM must hold none of it.
    const afterPaste = await mallory.page.evaluate(() => {
      const state = window as unknown as { __xssFired: string[]; __violations: string[] };
      const violations = state.__violations.filter((line) => !line.startsWith("script-src-attr inline "));
      state.__violations.length = 0;
      return { fired: state.__xssFired, violations };
    });
    expect(afterPaste).toEqual({ fired: [], violations: [] });
    expect(mallory.consoleErrors.every((line) => line.startsWith("Executing inline event handler"))).toBe(true);
    mallory.consoleErrors.length = 0;
    expect(
      await editor.evaluate((element) =>
        (window as unknown as { __findDangerousMarkup: typeof findDangerousMarkup }).__findDangerousMarkup(element, "page"),
      ),
    ).toEqual([]);
    await mallory.page.keyboard.press("Control+Enter");
    await expect(mallory.page.locator(".annotation-card", { hasText: "onerror=alert(1)" }).first()).toBeVisible();
    used.add(1);

    // Replies in the demo course: Victor's post, Mallory's hostile replies mentioning him.
    for (const person of [mallory, victor]) {
      expect((await person.page.request.post("/api/courses/join", { data: { code: DEMO_JOIN_CODE } })).status()).toBe(201);
    }
    const threadParagraph = 5;
    const post = await victor.page.request.post(`/api/readings/${readingId}/annotations`, {
      data: {
        courseId: DEMO_COURSE,
        kind: "PARAGRAPH_POST",
        target: { paragraph: threadParagraph },
        body: doc("Victor asks something harmless"),
      },
    });
    expect(post.status()).toBe(201);
    const postId = ((await post.json()) as { id: string }).id.split("/").at(-1)!;
    const members = (await (await mallory.page.request.get(`/api/courses/${DEMO_COURSE}/members`)).json()) as {
      members: { id: string; name: string }[];
    };
    const victorId = members.members.find((member) => member.name === victor.account.name)!.id;
    for (const category of new Set(XSS_CORPUS.map((entry) => entry.category))) {
      const payloads = XSS_CORPUS.filter((entry) => entry.category === category && !entry.payload.includes("\u0000")).map(
        (entry) => entry.payload,
      );
      const reply = await mallory.page.request.post(`/api/annotations/${postId}/replies`, {
        data: { body: doc(...payloads), mentionedUserIds: [victorId] },
      });
      expect(reply.status(), category).toBe(201);
    }

    // Insights and grades: a question of Mallory's in the course, and an assignment with a
    // hostile title and instructions (and a rubric, so her posts are its evidence), created by
    // the demo instructor through the app's own actions.
    const question = await mallory.page.request.post(`/api/readings/${readingId}/annotations`, {
      data: {
        courseId: DEMO_COURSE,
        kind: "PARAGRAPH_POST",
        target: { paragraph: threadParagraph },
        body: doc(...XSS_CORPUS.filter((entry) => entry.category === "event-handler").map((entry) => entry.payload)),
        isQuestion: true,
      },
    });
    expect(question.status()).toBe(201);
    const instructor = await personIn(browser, { name: "Instructor", email: "instructor@scholia.test", password: "scholia-demo" });
    const instructions = {
      type: "doc",
      content: [
        ...XSS_CORPUS.filter((entry) => entry.category === "script" || entry.category === "svg-mathml").map((entry) => ({
          type: "paragraph",
          content: [{ type: "text", text: entry.payload }],
        })),
        // (A javascript: link is refused by the form, with a message: an attribute-breaking https one is not.)
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "read this",
              marks: [{ type: "link", attrs: { href: `https://example.com/"><script>alert(1)</script>` } }],
            },
          ],
        },
      ],
    };
    const assigned = await postFormAction(
      instructor.page.request,
      {
        page: `/courses/${DEMO_COURSE}/assignments/new`,
        filename: "app/courses/[id]/assignments/actions.ts",
        name: "createAssignmentAction",
      },
      {
        courseId: DEMO_COURSE,
        readingId,
        title: HOSTILE_TITLE,
        instructions: JSON.stringify(instructions),
        minPosts: "1",
        audience: "class",
        timeZone: "UTC",
      },
    );
    const assignmentPath = /^(\/courses\/[^/?]+\/assignments\/[^/?]+)/.exec(assigned.headers()["x-action-redirect"] ?? "")?.[1];
    expect(assignmentPath, await assigned.text()).toBeTruthy();
    const assignmentId = assignmentPath!.split("/").at(-1)!;
    const rubric = await postFormAction(
      instructor.page.request,
      {
        page: `${assignmentPath}/rubric`,
        filename: "app/courses/[id]/assignments/[assignmentId]/rubric/actions.ts",
        name: "saveRubricAction",
      },
      {
        courseId: DEMO_COURSE,
        assignmentId,
        "REPLIES_TO_CLASSMATE.enabled": "on",
        "REPLIES_TO_CLASSMATE.points": "1",
        "ASKS_QUESTION.enabled": "on",
        "ASKS_QUESTION.points": "1",
      },
    );
    expect(await rubric.text()).toContain("Rubric saved with 2 criteria");
    const malloryId = members.members.find((member) => member.name === mallory.account.name)!.id;

    const context: Context = {
      readingId,
      courseId: course.id,
      joinCode: course.joinCode,
      threadParagraph,
      paragraphsUsed: [...used].sort((a, b) => a - b),
      assignmentPath: assignmentPath!,
      malloryId,
    };
    const viewers = { mallory, victor, instructor };
    for (const hostile of PAGES) {
      const viewer = viewers[hostile.viewer];
      const page = await viewer.context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text()))
          viewer.consoleErrors.push(message.text());
      });
      page.on("dialog", (dialog) => {
        viewer.consoleErrors.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await page.goto(hostile.path(context));
      await hostile.reveal?.(page, context);
      await expectCleanPage(page, viewer.consoleErrors, hostile.userContent, hostile.name, hostile.ownMarkup);
      await page.close();
    }

    for (const file of DOWNLOADS) {
      const viewer = viewers[file.viewer];
      const served = await viewer.page.request.get(file.path(context));
      expect(served.status(), file.name).toBe(200);
      const headers = served.headers();
      expect(headers["content-disposition"], file.name).toMatch(/^attachment; filename="[^"]+"$/);
      expect(headers["content-type"], file.name).not.toMatch(/html|xml|svg|javascript|ecmascript/i);
      expect(headers["x-content-type-options"], file.name).toBe("nosniff");
      // (Markdown escapes it — \<img src\=x onerror… — the others carry it as data.)
      expect(await served.text(), `${file.name} holds the corpus`).toContain("onerror");
      // Opened in the browser, it downloads: no document is made of it, so nothing in it runs.
      const page = await viewer.context.newPage();
      const download = page.waitForEvent("download");
      await page
        .goto(file.path(context))
        .catch((error: Error) => expect(error.message, file.name).toMatch(/Download is starting|net::ERR_ABORTED/));
      expect((await download).suggestedFilename(), file.name).toMatch(/\.(md|jsonld|json|csv)$/);
      expect(page.url(), file.name).toBe("about:blank");
      expect(await page.evaluate(() => (window as unknown as { __xssFired: string[] }).__xssFired), file.name).toEqual([]);
      await page.close();
    }
    expect([...mallory.consoleErrors, ...victor.consoleErrors, ...instructor.consoleErrors]).toEqual([]);
  });
});
