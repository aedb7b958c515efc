import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { statement } from "./fixtures/reading";
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

const doc = (...paragraphs: string[]) => ({ type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });

/**
 * The ways a comment body reaches the API. A new body form (full W3C Web Annotation bodies, say)
 * is one more entry: `payloads` picks the corpus entries worth sending that way, `encode` builds
 * the body. Each request must answer 201 (and then what it stored is checked on the pages
 * below) or a 4xx with a message — never a 5xx.
 */
const BODY_FORMS: { name: string; payloads: typeof XSS_CORPUS; encode: (payload: string) => unknown }[] = [
  { name: "tiptap text node", payloads: XSS_CORPUS, encode: (payload) => doc(payload) },
  {
    name: "tiptap link mark with a hostile href",
    payloads: XSS_HREFS,
    encode: (payload) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "a link", marks: [{ type: "link", attrs: { href: payload } }] }] }] }),
  },
  {
    name: "tiptap unknown nodes, marks and attributes",
    payloads: XSS_CORPUS.filter((entry) => entry.category === "event-handler"),
    encode: (payload) => ({
      type: "doc",
      content: [
        { type: "paragraph", attrs: { onclick: payload, style: payload }, content: [{ type: "text", text: "attrs", marks: [{ type: "link", attrs: { href: "https://example.com/", onclick: payload, target: payload } }] }] },
        { type: "image", attrs: { src: payload } },
      ],
    }),
  },
  {
    name: "tiptap unknown mark",
    payloads: XSS_CORPUS.filter((entry) => entry.category === "css"),
    encode: (payload) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "styled", marks: [{ type: "textStyle", attrs: { style: payload } }] }] }] }),
  },
  { name: "W3C TextualBody (text/plain)", payloads: XSS_CORPUS, encode: (payload) => ({ type: "TextualBody", value: payload, format: "text/plain", purpose: "commenting" }) },
  { name: "W3C TextualBody (text/html)", payloads: XSS_CORPUS, encode: (payload) => ({ type: "TextualBody", value: payload, format: "text/html", purpose: "commenting" }) },
  { name: "W3C body array", payloads: XSS_CORPUS.filter((entry) => entry.category === "script"), encode: (payload) => [{ type: "TextualBody", value: payload }, { type: "TextualBody", value: payload, purpose: "tagging" }] },
  { name: "plain string body", payloads: XSS_CORPUS, encode: (payload) => payload },
];

type Context = { readingId: string; courseId: string; joinCode: string; threadParagraph: number; paragraphsUsed: number[] };

type HostilePage = {
  name: string;
  /** Whose browser opens it: the writer, or the classmate who receives the replies. */
  viewer: "mallory" | "victor";
  path: (context: Context) => string;
  /** Brings the hostile content on screen (opens threads, loads more…). */
  reveal?: (page: Page, context: Context) => Promise<void>;
  /** Elements holding user content, checked strictly; the whole page is checked loosely. */
  userContent: string;
};

/**
 * Every page that shows the corpus. Add a page (search results, insights, an export opened in
 * the browser) with one more line: where it is, who looks, and where the user content sits.
 */
const PAGES: HostilePage[] = [
  { name: "reading page, margin (notes)", viewer: "mallory", path: (c) => `/readings/${c.readingId}`, reveal: loadWholeMargin, userContent: ".annotation-card .annotation-body, .annotation-card .annotation-meta > span[id]" },
  { name: "reading page, paragraph threads (notes)", viewer: "mallory", path: (c) => `/readings/${c.readingId}`, reveal: openEveryThread, userContent: ".thread .annotation-body, .thread .annotation-meta > span[id]" },
  { name: "reading page, course thread (replies)", viewer: "victor", path: (c) => `/readings/${c.readingId}?course=${DEMO_COURSE}`, reveal: openThreadOfPost, userContent: ".thread .annotation-body, .thread .annotation-meta > span[id]" },
  { name: "notifications", viewer: "victor", path: () => "/notifications", userContent: ".notification-list blockquote, .notification-list li > p > strong" },
  { name: "my courses", viewer: "mallory", path: () => "/courses", userContent: "main .title" },
  { name: "course page", viewer: "mallory", path: (c) => `/courses/${c.courseId}`, userContent: "main h1, .course-header p.meta" },
  { name: "join preview", viewer: "victor", path: (c) => `/join/${c.joinCode}`, userContent: "main h1, main p.meta" },
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
      (window as unknown as { __violations: string[] }).__violations.push(`${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`);
    });
  });
}

async function personIn(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page; account: TestAccount; consoleErrors: string[] }> {
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
  const account = await createAccount(page.request, name);
  await signInViaApi(page, account);
  return { context, page, account, consoleErrors };
}

async function readingIdOf(request: APIRequestContext): Promise<string> {
  const html = await (await request.get("/")).text();
  return /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
}

async function expectCleanPage(page: Page, consoleErrors: string[], userContent: string, label: string) {
  const report = await page.evaluate(
    (selector) => {
      const check = (window as unknown as { __findDangerousMarkup: typeof findDangerousMarkup }).__findDangerousMarkup;
      const userNodes = Array.from(document.querySelectorAll(selector));
      return {
        fired: (window as unknown as { __xssFired: string[] }).__xssFired,
        violations: (window as unknown as { __violations: string[] }).__violations,
        page: check(document, "page"),
        user: userNodes.flatMap((node) => check(node, "user-content")),
        userNodes: userNodes.length,
      };
    },
    userContent,
  );
  expect(report.fired, `${label}: script ran`).toEqual([]);
  expect(report.violations, `${label}: CSP violations`).toEqual([]);
  expect(consoleErrors, `${label}: console`).toEqual([]);
  expect(report.page, `${label}: page markup`).toEqual([]);
  expect(report.user, `${label}: user content`).toEqual([]);
  expect(report.userNodes, `${label}: user content shown`).toBeGreaterThan(0);
}

async function loadWholeMargin(page: Page) {
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

  test("[XSS] the corpus through the API, the editor and every page that shows it: nothing runs, nothing dangerous is in the DOM", async ({ browser }) => {
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
        const response = await mallory.page.request.post(`/api/readings/${readingId}/annotations`, {
          data: { courseId: null, kind: "PARAGRAPH_POST", target: { paragraph }, body: form.encode(entry.payload) },
        });
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
    // Every payload as text was accepted (and so is shown below), except the null character.
    expect(accepted.filter((label) => label.startsWith("tiptap text node")).length).toBe(XSS_CORPUS.filter((entry) => !entry.payload.includes("\u0000")).length);

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
    const html = XSS_CORPUS.filter((entry) => markupCategories.includes(entry.category))
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
    expect(await editor.evaluate((element) => (window as unknown as { __findDangerousMarkup: typeof findDangerousMarkup }).__findDangerousMarkup(element, "page"))).toEqual([]);
    await mallory.page.keyboard.press("Control+Enter");
    await expect(mallory.page.locator(".annotation-card", { hasText: "onerror=alert(1)" }).first()).toBeVisible();
    used.add(1);

    // Replies in the demo course: Victor's post, Mallory's hostile replies mentioning him.
    for (const person of [mallory, victor]) {
      expect((await person.page.request.post("/api/courses/join", { data: { code: DEMO_JOIN_CODE } })).status()).toBe(201);
    }
    const threadParagraph = 5;
    const post = await victor.page.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: threadParagraph }, body: doc("Victor asks something harmless") },
    });
    expect(post.status()).toBe(201);
    const postId = ((await post.json()) as { id: string }).id.split("/").at(-1)!;
    const members = (await (await mallory.page.request.get(`/api/courses/${DEMO_COURSE}/members`)).json()) as { members: { id: string; name: string }[] };
    const victorId = members.members.find((member) => member.name === victor.account.name)!.id;
    for (const category of new Set(XSS_CORPUS.map((entry) => entry.category))) {
      const payloads = XSS_CORPUS.filter((entry) => entry.category === category && !entry.payload.includes("\u0000")).map((entry) => entry.payload);
      const reply = await mallory.page.request.post(`/api/annotations/${postId}/replies`, { data: { body: doc(...payloads), mentionedUserIds: [victorId] } });
      expect(reply.status(), category).toBe(201);
    }

    const context: Context = { readingId, courseId: course.id, joinCode: course.joinCode, threadParagraph, paragraphsUsed: [...used].sort((a, b) => a - b) };
    for (const hostile of PAGES) {
      const viewer = hostile.viewer === "mallory" ? mallory : victor;
      const page = await viewer.context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) viewer.consoleErrors.push(message.text());
      });
      page.on("dialog", (dialog) => {
        viewer.consoleErrors.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await page.goto(hostile.path(context));
      await hostile.reveal?.(page, context);
      await expectCleanPage(page, viewer.consoleErrors, hostile.userContent, hostile.name);
      await page.close();
    }
  });
});
