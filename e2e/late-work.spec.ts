import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { statement } from "./fixtures/reading";
import { postFormAction } from "./fixtures/server-actions";
import { assignmentActions } from "./fixtures/teaching";

// Issue 13, items 7 and 8: late work is counted and marked late (or refused, when the instructor
// says so), and a half-typed date is a field error, never saved as "no due date".

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function signedInPage(browser: Browser, account: TestAccount): Promise<Page> {
  const page = await (await browser.newContext({ timezoneId: "UTC", locale: "en-GB" })).newPage();
  await signInViaApi(page, account);
  await page.goto("/");
  await expect.poll(async () => (await page.context().cookies()).some((cookie) => cookie.name === "scholia_tz")).toBe(true);
  return page;
}

/** A day `days` from now at 08:00 UTC, as a `datetime-local` value. */
function dayAt8(days: number): string {
  return `${new Date(Date.now() + days * 24 * 3_600_000).toISOString().slice(0, 10)}T08:00`;
}

async function courseWithStudent(browser: Browser, request: Parameters<typeof createAccount>[0], label: string) {
  const instructor = await signedInPage(browser, await createAccount(request, `${label} Instructor`));
  const created = await instructor.request.post("/api/courses", { data: { title: `${label} Course` } });
  expect(created.status()).toBe(201);
  const { id: courseId, joinCode } = (await created.json()) as { id: string; joinCode: string };
  const student = await signedInPage(browser, await createAccount(request, `${label} Student`));
  expect((await student.request.post("/api/courses/join", { data: { code: joinCode } })).status()).toBe(201);
  return { instructor, student, courseId };
}

test.describe("late work and dates", () => {
  test.describe.configure({ timeout: 360_000 });

  test('[LATE WORK] keyboard only: a post after the due date reads "1 of 2 posts (1 late)" everywhere; with late posts refused, posting is refused with a message and the text is kept', async ({
    browser,
    request,
  }) => {
    const { instructor, student, courseId } = await courseWithStudent(browser, request, "Late");

    // The instructor assigns the statement, keyboard only, with a due date that has passed.
    await instructor.goto(`/courses/${courseId}/assignments/new`);
    await instructor.getByLabel("Reading").focus();
    await instructor.getByLabel("Reading").selectOption({ label: statement.title! });
    await instructor.keyboard.press("Tab");
    await instructor.keyboard.type("Late work counts");
    await instructor.getByLabel("Due", { exact: true }).fill(dayAt8(-1));
    await instructor.getByLabel("Minimum number of posts").focus();
    await instructor.keyboard.press("Control+A");
    await instructor.keyboard.type("2");
    await expect(instructor.getByRole("radio", { name: /^Yes, and mark them late/ })).toBeChecked();
    await expectNoSeriousAxeViolations(instructor);
    await instructor.getByRole("button", { name: "Assign" }).focus();
    await instructor.keyboard.press("Enter");
    await instructor.waitForURL(/\?created=1$/);
    const assignmentUrl = new URL(instructor.url()).pathname;
    await expect(instructor.locator(".details")).toContainText("Accepted after the due date, and marked late");
    // Item 9: the rubric's minimum-posts criterion starts at the assignment's minimum.
    await instructor.goto(`${new URL(instructor.url()).pathname}/rubric`);
    const postsCriterion = instructor.getByRole("group", { name: "Minimum posts before the due date" });
    await expect(postsCriterion.getByLabel("Posts needed")).toHaveValue("2");
    await expect(postsCriterion).toContainText("Follows the assignment's minimum (2).");

    // The student posts on paragraph 2 after the due date, with the keyboard.
    await student.goto("/courses");
    const readingLink = student.getByRole("link", { name: "Open the reading for Late work counts" });
    const readingPath = (await readingLink.getAttribute("href")) ?? "";
    await readingLink.focus();
    await student.keyboard.press("Enter");
    await student.waitForURL(/\/readings\//);
    await student.getByRole("button", { name: /^Comment on paragraph 2/ }).focus();
    await student.keyboard.press("Enter");
    await student.getByRole("textbox", { name: "Post on paragraph 2" }).focus();
    await student.keyboard.type("A late thought lw71");
    await student.keyboard.press("Control+Enter");
    await expect(student.locator(".annotation-card", { hasText: "lw71" })).toBeVisible();

    // Counted and marked late: dashboard, assignment page, insights and grades.
    await student.goto("/courses");
    const card = student.locator(".assignment-list li", { hasText: "Late work counts" });
    await expect(card).toContainText("1 of 2 posts (1 late)");
    await expect(card).toContainText("Past due — late posts are marked late");
    await expect(card).not.toContainText("Closed");
    await student.goto(assignmentUrl);
    const progress = student.getByRole("region", { name: "Your progress" });
    await expect(progress).toContainText("1 of 2 posts (1 late)");
    await expect(progress).toContainText("Past due — late posts are marked late");
    await instructor.goto(`${assignmentUrl}/insights`);
    await expect(instructor.getByTestId("student-insights").locator("tbody tr").first()).toContainText("1 of 2 posts (1 late)");
    await instructor.goto(`${assignmentUrl}/grades`);
    await expect(instructor.getByTestId("grades-table").locator("tbody tr").first()).toContainText("1 of 2 posts (1 late)");

    // The instructor stops accepting late posts, keyboard only.
    await instructor.goto(assignmentUrl);
    const editForm = instructor.getByRole("region", { name: "Edit" });
    await editForm.getByRole("radio", { name: /^No, students cannot post/ }).focus();
    await instructor.keyboard.press("Space");
    await expect(editForm.getByRole("radio", { name: /^No, students cannot post/ })).toBeChecked();
    await editForm.getByRole("button", { name: "Save changes" }).focus();
    await instructor.keyboard.press("Enter");
    await expect(instructor.getByText("Changes saved.")).toBeVisible();
    await expect(instructor.locator(".details")).toContainText("Not accepted after the due date");

    // The student's next post is refused with a clear message; what they typed stays in the editor.
    await student.goto(readingPath);
    await student.getByRole("button", { name: /^Comment on paragraph 3/ }).focus();
    await student.keyboard.press("Enter");
    const editor = student.getByRole("textbox", { name: "Post on paragraph 3" });
    await editor.focus();
    await student.keyboard.type("Too late now lw72");
    await student.keyboard.press("Control+Enter");
    await expect(student.getByText(/is past its due date and does not accept late posts/)).toBeVisible();
    await expect(editor).toContainText("Too late now lw72");
    await expect(student.locator(".annotation-card", { hasText: "lw72" })).toHaveCount(0);
    // The rule is in the write path: the API refuses it too, a reply as well; the instructor may still post.
    const readingId = /\/readings\/([^?]+)/.exec(readingPath)![1]!;
    const refused = await student.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph: 4 }, body: doc("lw73") },
    });
    expect(refused.status()).toBe(403);
    const staffPost = await instructor.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph: 4 }, body: doc("Staff note lw74") },
    });
    expect(staffPost.status()).toBe(201);
    const staffPostId = ((await staffPost.json()) as { id: string }).id.split("/").pop()!;
    const reply = await student.request.post(`/api/annotations/${staffPostId}/replies`, { data: { body: doc("lw75") } });
    expect(reply.status()).toBe(403);
    // Nor can a post made before be changed now (a placeholder filled in after the deadline).
    await student.goto(readingPath);
    const ownCard = student.locator(".annotation-card", { hasText: "lw71" });
    await ownCard.getByRole("button", { name: "Edit" }).click();
    const editBox = student.getByRole("textbox", { name: "Edit your post" });
    await editBox.click();
    await student.keyboard.press("ControlOrMeta+End");
    await student.keyboard.type(" filled in later lw76");
    await student.getByRole("button", { name: "Save" }).click();
    await expect(student.getByText(/does not accept late posts, so this post can no longer be changed/)).toBeVisible();
    await expect(editBox).toContainText("filled in later lw76");
    await student.goto("/courses");
    await expect(card).toContainText("Closed — late posts are not accepted");
    await expect(card).toContainText("1 of 2 posts (1 late)");
  });

  test("[DATES] a half-typed due or opening date is a field error on submit, in the browser and on the server, and never saved as no due date", async ({
    browser,
    request,
  }) => {
    const { instructor, courseId } = await courseWithStudent(browser, request, "Dates");
    await instructor.goto(`/courses/${courseId}/assignments/new`);
    await instructor.getByLabel("Reading").selectOption({ label: statement.title! });
    await instructor.getByLabel("Title").fill("Half-typed dates");
    // Only the day of the due date is typed (en-GB: day first); the rest is left blank.
    await instructor.getByLabel("Due", { exact: true }).focus();
    await instructor.keyboard.type("15");
    expect(await instructor.getByLabel("Due", { exact: true }).evaluate((input: HTMLInputElement) => input.validity.badInput)).toBe(true);
    await instructor.getByRole("button", { name: "Assign" }).focus();
    await instructor.keyboard.press("Enter");
    const dueError = instructor.locator("#field-dueAt-error");
    await expect(dueError).toHaveText(/Finish the date and time/);
    await expect(instructor.getByLabel("Due", { exact: true })).toBeFocused();
    await expect(instructor.getByLabel("Due", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(instructor).toHaveURL(/\/assignments\/new$/);
    await expect(instructor.getByLabel("Title")).toHaveValue("Half-typed dates");
    await expectNoSeriousAxeViolations(instructor);

    // Finished, it saves with that due date.
    await instructor.getByLabel("Due", { exact: true }).fill(dayAt8(3));
    await instructor.getByRole("button", { name: "Assign" }).click();
    await instructor.waitForURL(/\?created=1$/);
    await expect(instructor.locator(".details")).not.toContainText("No due date");
    const assignmentId = /\/assignments\/([^/?]+)/.exec(instructor.url())![1]!;

    // Editing: a half-typed opening date does not clear anything.
    const editForm = instructor.getByRole("region", { name: "Edit" });
    await editForm.getByLabel("Opens").focus();
    await instructor.keyboard.type("0203");
    await editForm.getByRole("button", { name: "Save changes" }).click();
    await expect(editForm.locator("#field-opensAt-error")).toHaveText(/Finish the date and time/);
    await instructor.reload();
    await expect(instructor.locator(".details")).not.toContainText("No due date");

    // The server refuses a partial or impossible value with a field error, whatever sends it.
    for (const dueAt of ["2026-12-01", "2026-12-01T", "2026-02-30T10:00", "12/01/2026 10:00"]) {
      const response = await postFormAction(instructor.request, assignmentActions(courseId, assignmentId).update, {
        courseId,
        assignmentId,
        title: "Half-typed dates",
        minPosts: "0",
        audience: "class",
        timeZone: "UTC",
        dueAt,
      });
      expect(await response.text(), dueAt).toContain("Finish the date and time");
    }
    await instructor.reload();
    await expect(instructor.locator(".details")).not.toContainText("No due date");
  });
});
