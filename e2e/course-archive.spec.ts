import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { openStatement } from "./fixtures/reading";
import { createAssignmentViaAction } from "./fixtures/teaching";

// Issue 13, item 17: an instructor archives a course (read-only for everyone, still exportable,
// hidden from "My courses" unless asked for) and deletes it (typing its title; everything goes).

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function signedInPage(browser: Browser, account: TestAccount): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInViaApi(page, account);
  return page;
}

async function statementId(page: Page): Promise<string> {
  return (await openStatement(page)).split("/").at(-1)!;
}

test.describe("archiving and deleting a course", () => {
  test.describe.configure({ timeout: 240_000 });

  test("[COURSES] keyboard only: an archived course is read-only for everyone, still exportable, and hidden from My courses until asked for; deleting it takes its title and removes everything", async ({
    browser,
    request,
  }) => {
    const instructor = await signedInPage(browser, await createAccount(request, "Archiving Instructor"));
    const title = "Archive Course ar17";
    const created = await instructor.request.post("/api/courses", { data: { title } });
    expect(created.status()).toBe(201);
    const { id: courseId, joinCode } = (await created.json()) as { id: string; joinCode: string };
    const student = await signedInPage(browser, await createAccount(request, "Archived Student"));
    expect((await student.request.post("/api/courses/join", { data: { code: joinCode } })).status()).toBe(201);
    const readingId = await statementId(instructor);
    await createAssignmentViaAction(instructor.request, courseId, readingId, { title: "Before the archive" });
    const posted = await student.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: doc("Written before the archive ar71") },
    });
    expect(posted.status()).toBe(201);
    const postId = ((await posted.json()) as { id: string }).id.split("/").at(-1)!;

    // The instructor archives the course from its page, keyboard only.
    await instructor.goto(`/courses/${courseId}`);
    await expectNoSeriousAxeViolations(instructor);
    await instructor.getByRole("button", { name: "Archive this course" }).focus();
    await instructor.keyboard.press("Enter");
    await expect(instructor.getByText("The course is archived: read-only for everyone, still exportable.")).toBeVisible();
    await instructor.reload();
    await expect(instructor.getByTestId("archived-note")).toBeVisible();
    await expect(instructor.getByRole("link", { name: "New assignment" })).toHaveCount(0);
    await expect(instructor.getByRole("button", { name: "Split into groups" })).toHaveCount(0);
    await expect(instructor.getByRole("button", { name: "Restore this course" })).toBeVisible();
    await expectNoSeriousAxeViolations(instructor);

    // My courses hides it until asked for.
    await student.goto("/courses");
    await expect(student.getByRole("link", { name: new RegExp(title) })).toHaveCount(0);
    await student.getByRole("link", { name: "Show archived courses (1)" }).focus();
    await student.keyboard.press("Enter");
    await student.waitForURL(/\/courses\?archived=1$/);
    await expect(student.getByRole("link", { name: new RegExp(title) })).toContainText("Archived (read-only)");

    // Read-only for everyone: the page offers nothing to post, and the server refuses every change.
    await student.goto(`/readings/${readingId}?course=${courseId}`);
    await expect(student.getByTestId("archived-note")).toBeVisible();
    await expect(student.locator(".annotation-card", { hasText: "ar71" })).toBeVisible();
    await expect(student.getByRole("button", { name: /^Comment on paragraph/ })).toHaveCount(0);
    const refusals = [
      await student.request.post(`/api/readings/${readingId}/annotations`, {
        data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: doc("ar72") },
      }),
      await student.request.post(`/api/annotations/${postId}/replies`, { data: { body: doc("ar73") } }),
      await student.request.patch(`/api/annotations/${postId}`, { data: { body: doc("ar74") } }),
      await student.request.delete(`/api/annotations/${postId}`),
      await instructor.request.post(`/api/annotations/${postId}/upvote`),
      await instructor.request.post(`/api/annotations/${postId}/moderation`, { data: { action: "pin" } }),
    ];
    for (const refused of refusals) {
      expect(refused.status()).toBe(403);
      expect(await refused.text()).toContain("This course is archived, so it is read-only.");
    }
    // Nobody new joins it.
    const newcomer = await signedInPage(browser, await createAccount(request, "Too Late Newcomer"));
    expect((await newcomer.request.post("/api/courses/join", { data: { code: joinCode } })).status()).toBe(400);
    // Still exportable.
    const csv = await student.request.get(`/api/readings/${readingId}/export?format=csv&course=${courseId}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("ar71");

    // Deleting: a wrong title is refused and kept; the right one, typed, removes everything.
    await instructor.goto(`/courses/${courseId}`);
    const confirm = instructor.getByLabel(/Type the course's title/);
    await confirm.focus();
    await instructor.keyboard.type("Archive Course");
    await instructor.getByRole("button", { name: "Delete this course" }).focus();
    await instructor.keyboard.press("Enter");
    await expect(instructor.getByText("Type the course's title exactly as shown to delete it.")).toBeVisible();
    await expect(confirm).toHaveValue("Archive Course");
    await confirm.focus();
    await instructor.keyboard.press("End");
    await instructor.keyboard.type(" ar17");
    await instructor.getByRole("button", { name: "Delete this course" }).focus();
    await instructor.keyboard.press("Enter");
    await instructor.waitForURL(/\/courses\?deleted=1$/);
    await expect(instructor.getByText("The course was deleted, with everything in it.")).toBeVisible();
    expect((await student.goto(`/courses/${courseId}`))?.status()).toBe(404);
    expect((await student.request.get(`/api/annotations/${postId}`)).status()).toBe(404);
    await student.goto("/courses?archived=1");
    await expect(student.getByRole("link", { name: new RegExp(title) })).toHaveCount(0);
  });
});
