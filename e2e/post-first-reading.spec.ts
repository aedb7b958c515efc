import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { doc, openClassroom, postThroughApi, rangeOf, replyThroughApi } from "./fixtures/classroom";

// Issue #13.4 and #13.5: a paragraph post first keeps closed says so, with the number of posts
// waiting there, and the reader's own post opens it at once in the page they have open.

test.describe.configure({ timeout: 120_000 });

test("[POST FIRST] keyboard only: a locked paragraph says how many posts wait there; posting on it opens the thread, its highlights and its count without a reload", async ({
  browser,
}) => {
  const room = await openClassroom(browser, ["Ana First", "Chen Later"], { postFirst: "on" });
  const [ana, chen] = room.students as [(typeof room.students)[0], (typeof room.students)[0]];
  await ana.page.goto(room.url);
  const comment = await postThroughApi(ana.page.request, room.readingId, {
    courseId: room.courseId,
    kind: "COMMENT",
    target: await rangeOf(ana.page, 4, "immediate threat of using ICT"),
    body: doc("Ana on the threat pf41"),
  });
  await replyThroughApi(ana.page.request, comment, "Ana adds a reply pf42");

  const page = chen.page;
  await page.goto(room.url);
  await expect(page.locator(".live-status")).toHaveText("Live");
  await expect(page.locator("#p-4 .post-count")).toHaveAttribute("data-label", "2 posts, locked");
  await expect(page.locator("#p-4 mark.hl")).toHaveCount(0);
  const open = page.getByRole("button", { name: /^Open the discussion on paragraph 4 / });
  await expect(open).toHaveText("Discussion (locked)");
  await expect(open).toHaveAccessibleName(
    "Open the discussion on paragraph 4 (locked: Post on this paragraph to see your classmates’ 2 posts.)",
  );
  await open.focus();
  await page.keyboard.press("Enter");
  const thread = page.getByRole("region", { name: "Discussion on paragraph 4" });
  await expect(page.getByRole("heading", { name: "Discussion on paragraph 4" })).toBeFocused();
  await expect(thread.getByText("Post on this paragraph to see your classmates’ 2 posts.")).toBeVisible();
  await expect(thread.getByText(/No discussion on this paragraph yet/)).toHaveCount(0);
  await expect(thread.getByText("Ana on the threat pf41")).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);

  // From the thread, keyboard only: the button the locked thread offers, then type and post.
  await thread.getByRole("button", { name: "Comment on paragraph 4" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("textbox", { name: "Post on paragraph 4" })).toBeFocused();
  await page.keyboard.type("Chen posts first pf43");
  await page.keyboard.press("Control+Enter");

  await expect(thread.getByText("Ana on the threat pf41")).toBeVisible();
  await expect(thread.getByText("Ana adds a reply pf42")).toBeVisible();
  await expect(thread.getByText("Chen posts first pf43")).toBeVisible();
  await expect(thread.getByText(/Post on this paragraph to see/)).toHaveCount(0);
  await expect(thread.getByText("3 posts", { exact: true })).toBeVisible();
  await expect(open).toHaveText("Discussion (3)");
  await expect(page.locator("#p-4 .post-count")).toHaveAttribute("data-label", "3 posts");
  await expect(page.locator("#p-4 mark.hl")).not.toHaveCount(0);
  await expect(page.locator(".annotation-card", { hasText: "Ana on the threat pf41" })).toBeVisible();
});
