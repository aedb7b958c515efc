import { expect, test, type Browser, type Page } from "@playwright/test";
import { parseLocalDateTime } from "../lib/domain/zoned-time";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { statement } from "./fixtures/reading";

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function signedInPage(browser: Browser, account: TestAccount, timezoneId: string): Promise<Page> {
  // A 24-hour locale, so that the wall-clock times below read as "17:00" whatever the machine's default.
  const page = await (await browser.newContext({ timezoneId, locale: "en-GB" })).newPage();
  await signInViaApi(page, account);
  // The first page reports the browser's zone in a cookie and re-renders once.
  await page.goto("/");
  await expect.poll(async () => (await page.context().cookies()).some((cookie) => cookie.name === "scholia_tz")).toBe(true);
  return page;
}

async function statementId(page: Page): Promise<string> {
  const html = await (await page.request.get("/")).text();
  return /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
}

/** Tomorrow at 17:00 on the wall clock of `zone`, as the form wants it and as an instant. */
function tomorrowAt17(zone: string): { input: string; instant: Date } {
  const tomorrow = new Date(Date.now() + 24 * 3_600_000);
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(tomorrow);
  const input = `${day}T17:00`;
  return { input, instant: parseLocalDateTime(input, zone)! };
}

const clock = (instant: Date, zone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);

test.describe("assignments", () => {
  test.describe.configure({ timeout: 90_000 });

  test("[ASSIGNMENTS] keyboard only: an instructor assigns the statement due tomorrow with post first; students see it in their own time zone; post first hides a thread until the student posts", async ({
    browser,
    request,
  }) => {
    const instructorAccount = await createAccount(request, "Assigning Instructor");
    const instructor = await signedInPage(browser, instructorAccount, "America/New_York");
    const created = await instructor.request.post("/api/courses", { data: { title: "Assignments Course" } });
    expect(created.status()).toBe(201);
    const { id: courseId, joinCode } = (await created.json()) as { id: string; joinCode: string };
    const [anaAccount, benAccount] = await Promise.all([createAccount(request, "Ana Tokyo"), createAccount(request, "Ben Tokyo")]);
    const ana = await signedInPage(browser, anaAccount, "Asia/Tokyo");
    const ben = await signedInPage(browser, benAccount, "Asia/Tokyo");
    for (const student of [ana, ben])
      expect((await student.request.post("/api/courses/join", { data: { code: joinCode } })).status()).toBe(201);

    // The instructor, keyboard only, from the course page.
    await instructor.goto(`/courses/${courseId}`);
    await expect(instructor.getByText("No readings assigned yet.")).toBeVisible();
    await instructor.getByRole("link", { name: "New assignment" }).focus();
    await instructor.keyboard.press("Enter");
    await instructor.waitForURL(/\/assignments\/new$/);
    await expectNoSeriousAxeViolations(instructor);
    await instructor.getByLabel("Reading").focus();
    await instructor.getByLabel("Reading").selectOption({ label: statement.title! });
    await instructor.keyboard.press("Tab");
    await expect(instructor.getByLabel("Title")).toBeFocused();
    await instructor.keyboard.type("Read the 2006 statement");
    // The submit with nothing wrong in the title but a due date before the opening date: refused,
    // and what was typed is kept.
    const due = tomorrowAt17("America/New_York");
    await instructor.getByLabel("Opens").fill(due.input);
    await instructor.getByLabel("Due", { exact: true }).fill(due.input.replace("T17:00", "T09:00"));
    await instructor.getByRole("button", { name: "Assign" }).focus();
    await instructor.keyboard.press("Enter");
    await expect(instructor.getByText("The due date must come after the opening date.")).toBeVisible();
    await expect(instructor.getByLabel("Title")).toHaveValue("Read the 2006 statement");
    await instructor.getByLabel("Opens").fill("");
    await instructor.getByLabel("Due", { exact: true }).fill(due.input);
    await instructor.getByLabel("Minimum number of posts").fill("1");
    await instructor.getByLabel("Post first").focus();
    await instructor.keyboard.press("Space");
    await expect(instructor.getByLabel("Post first")).toBeChecked();
    await instructor.getByRole("button", { name: "Assign" }).focus();
    await instructor.keyboard.press("Enter");
    await instructor.waitForURL(new RegExp(`/courses/${courseId}/assignments/[^/?]+\\?created=1$`));
    await expect(instructor.getByRole("heading", { level: 1, name: "Read the 2006 statement" })).toBeVisible();
    await expect(instructor.locator(".details")).toContainText(clock(due.instant, "America/New_York"));
    await expect(instructor.locator(".details")).toContainText("The whole class");
    await expectNoSeriousAxeViolations(instructor);
    const assignmentUrl = new URL(instructor.url()).pathname;

    // Ana's dashboard: not started, due in Tokyo time.
    await ana.goto("/courses");
    const card = ana.locator(".assignment-list li", { hasText: "Read the 2006 statement" });
    await expect(card).toContainText("Not started");
    await expect(card).toContainText("0 of 1 post");
    await expect(card).toContainText(clock(due.instant, "Asia/Tokyo"));
    await expectNoSeriousAxeViolations(ana);

    // Ana posts on paragraph 2; Ben, who has not, does not see it — on the page or through the API.
    const readingId = await statementId(ana);
    const posted = await ana.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: doc("Ana thinks first pf81") },
    });
    expect(posted.status()).toBe(201);
    const threadFor = async (page: Page) =>
      JSON.stringify(await (await page.request.get(`/api/readings/${readingId}/paragraphs/2/thread?course=${courseId}`)).json());
    expect(await threadFor(ben)).not.toContain("pf81");
    expect(await threadFor(instructor)).toContain("pf81");
    await ben.goto(`/readings/${readingId}?course=${courseId}`);
    await expect(ben.getByTestId("post-first-note")).toBeVisible();
    await expect(ben.locator(".annotation-card", { hasText: "pf81" })).toHaveCount(0);
    // The page is interactive once its live channel is open (the keys below need the hydrated page).
    await expect(ben.locator(".live-status")).toHaveText("Live");

    // Ben posts on paragraph 2 with the keyboard; then the discussion opens to him.
    await ben.getByRole("button", { name: /^Comment on paragraph 2/ }).focus();
    await ben.keyboard.press("Enter");
    await ben.getByRole("textbox", { name: "Post on paragraph 2" }).click();
    await ben.keyboard.type("Ben posts before reading others pf82");
    await ben.keyboard.press("Control+Enter");
    await expect(ben.locator(".annotation-card", { hasText: "pf82" })).toBeVisible();
    await expect.poll(() => threadFor(ben)).toContain("pf81");
    await ben.reload();
    await expect(ben.locator(".annotation-card", { hasText: "pf81" })).toBeVisible();
    // Paragraph 3 is still closed to him.
    await ana.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: doc("Ana on three pf83") },
    });
    expect(await (await ben.request.get(`/api/readings/${readingId}/paragraphs/3/thread?course=${courseId}`)).text()).not.toContain("pf83");

    // Ana is complete.
    await ana.goto("/courses");
    await expect(card).toContainText("Complete");
    await expect(card).toContainText("1 of 1 post");

    // The instructor moves the due date into the past: Ben's post came after it, so he is late.
    await instructor.goto(assignmentUrl);
    const yesterday = new Date(Date.now() - 24 * 3_600_000);
    const yesterdayInput = `${new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" }).format(yesterday)}T08:00`;
    const editForm = instructor.getByRole("region", { name: "Edit" });
    await editForm.getByLabel("Due", { exact: true }).fill(yesterdayInput);
    await editForm.getByRole("button", { name: "Save changes" }).click();
    await expect(instructor.getByText("Changes saved.")).toBeVisible();
    await ben.goto(assignmentUrl);
    await expect(ben.getByRole("region", { name: "Your progress" })).toContainText("Late");

    // Unassigning keeps every post: Ana still reads hers in the course.
    await instructor.goto(assignmentUrl);
    instructor.once("dialog", (dialog) => void dialog.accept());
    await instructor.getByRole("button", { name: "Unassign" }).click();
    await instructor.waitForURL(new RegExp(`/courses/${courseId}\\?unassigned=1$`));
    await expect(instructor.getByText("Unassigned. Every post stays in the course.")).toBeVisible();
    expect(await threadFor(ana)).toContain("pf81");
    await ana.goto("/courses");
    await expect(ana.locator(".assignment-list li", { hasText: "Read the 2006 statement" })).toHaveCount(0);
  });

  test("[ASSIGNMENTS] a group's assignment is not shown to another group's student, and a student cannot open the new-assignment page", async ({
    browser,
    request,
  }) => {
    const instructorAccount = await createAccount(request, "Group Instructor");
    const instructor = await signedInPage(browser, instructorAccount, "UTC");
    const { id: courseId, joinCode } = (await (
      await instructor.request.post("/api/courses", { data: { title: "Grouped Course" } })
    ).json()) as { id: string; joinCode: string };
    const students = await Promise.all([createAccount(request, "Gia"), createAccount(request, "Hal")]);
    const pages: Page[] = [];
    for (const account of students) {
      const page = await signedInPage(browser, account, "UTC");
      expect((await page.request.post("/api/courses/join", { data: { code: joinCode } })).status()).toBe(201);
      pages.push(page);
    }
    // Two groups of one: each student in their own.
    await instructor.goto(`/courses/${courseId}`);
    await instructor.getByLabel("Students per group").fill("1");
    await instructor.getByRole("button", { name: "Split into groups" }).click();
    await expect(instructor.getByText("The class is now split into 2 groups.")).toBeVisible();

    await instructor.goto(`/courses/${courseId}/assignments/new`);
    await instructor.getByLabel("Reading").selectOption({ label: statement.title! });
    await instructor.getByLabel("Title").fill("Only for group 1");
    await instructor.getByRole("radio", { name: "Some groups" }).check();
    await instructor.getByRole("button", { name: "Assign" }).click();
    await expect(instructor.getByText("Choose at least one group, or assign the whole class.")).toBeVisible();
    await expect(instructor.getByLabel("Title")).toHaveValue("Only for group 1");
    const firstGroup = instructor.getByRole("list", { name: "Groups" }).getByRole("checkbox").first();
    const groupName = (await firstGroup.evaluate((input) => input.parentElement?.textContent ?? "")).trim();
    await firstGroup.check();
    await instructor.getByRole("button", { name: "Assign" }).click();
    await instructor.waitForURL(/\?created=1$/);
    await expect(instructor.locator(".details")).toContainText(groupName);
    const assignmentUrl = new URL(instructor.url()).pathname;

    const seen = await Promise.all(
      pages.map(async (page) => {
        const response = await page.goto(assignmentUrl);
        return response?.status();
      }),
    );
    expect(seen.sort()).toEqual([200, 404]);

    const forbidden = pages[0]!;
    await forbidden.goto(`/courses/${courseId}/assignments/new`);
    await expect(forbidden.getByText("Only the course’s instructors can assign readings.")).toBeVisible();
  });
});
