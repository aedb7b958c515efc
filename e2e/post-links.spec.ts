import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { doc, openClassroom, postOnParagraphThroughApi, postThroughApi, rangeOf, replyThroughApi } from "./fixtures/classroom";

// Issue #13.14: every post has a permanent link (`/readings/:id?course=…#a-<id>`) that opens the
// reading, brings the post into view — beyond the margin's first page, or as a reply inside a
// paragraph's discussion — and focuses it. Notifications and search results use it; a link to a
// post the reader may not see shows the reading and a notice that tells nothing about the post.
// Each person in a browser of their own.

test.describe.configure({ timeout: 150_000 });

const card = (page: Page, text: string) => page.locator(".annotation-card", { hasText: text });
const linkNotice = (page: Page) => page.getByTestId("linked-post-notice");

test("[LINKS] a post's copied link opens it for a classmate even beyond the margin's first page; a reply's link from a notification opens its discussion on it", async ({
  browser,
}) => {
  const room = await openClassroom(browser, ["Ana Linker", "Chen Follower"]);
  const [ana, chen] = room.students as [(typeof room.students)[0], (typeof room.students)[0]];
  await ana.page.goto(room.url);

  // The scene: the margin's first page (50 posts) is full of posts on paragraph 1; the one Ana
  // links to sorts after them, on paragraph 7.
  for (let index = 1; index <= 52; index += 1) {
    await postOnParagraphThroughApi(ana, room, 1, `Filler post ${index} lnk0`);
  }
  const linkedId = await postThroughApi(ana.page.request, room.readingId, {
    courseId: room.courseId,
    kind: "COMMENT",
    visibility: "COURSE",
    color: "blue",
    target: await rangeOf(ana.page, 7, "transnational nature of ICT"),
    body: doc("The linked comment lnk1"),
  });

  // Ana loads the rest of the margin, and copies her comment's link.
  await ana.page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await ana.page.reload();
  await expect(card(ana.page, "The linked comment lnk1")).toHaveCount(0);
  await ana.page.getByRole("button", { name: /^Load more/ }).click();
  const anaCard = card(ana.page, "The linked comment lnk1");
  await anaCard.getByRole("button", { name: "Copy link" }).click();
  await expect(ana.page.getByTestId("page-announcer")).toHaveText("Link copied to the clipboard.");
  const copied = await ana.page.evaluate(() => navigator.clipboard.readText());
  const origin = new URL(ana.page.url()).origin;
  expect(copied).toBe(`${origin}/readings/${room.readingId}?course=${room.courseId}#a-${linkedId}`);

  // Chen follows it: the reading opens, the comment (not on the margin's first page) is in view and focused.
  await chen.page.goto(copied);
  await expect(chen.page.getByRole("heading", { level: 1 })).toBeVisible();
  const chenCard = card(chen.page, "The linked comment lnk1");
  await expect(chenCard).toBeFocused();
  await expect(chenCard).toBeInViewport();
  await expect(chenCard).toHaveClass(/is-active/);
  await expect(chen.page.getByRole("button", { name: /^Load more/ })).toBeVisible();

  // Ana replies to Chen's question; Chen follows the notification to the reply, inside the
  // discussion on its paragraph, which opens on it.
  const question = await postOnParagraphThroughApi(chen, room, 3, "Chen asks about paragraph 3 lnk2");
  await replyThroughApi(ana.page.request, question, "Ana answers in the thread lnk3");
  await chen.page
    .getByRole("navigation", { name: "Site" })
    .getByRole("link", { name: /Notifications/ })
    .click();
  await chen.page.waitForURL("**/notifications");
  await chen.page
    .getByRole("listitem")
    .filter({ hasText: `${ana.account.name} replied to your post` })
    .getByRole("link")
    .first()
    .click();
  await chen.page.waitForURL(`**/readings/${room.readingId}?course=${room.courseId}#a-*`);
  const thread = chen.page.getByRole("region", { name: "Discussion on paragraph 3" });
  const reply = thread.locator(".thread-post", { hasText: "Ana answers in the thread lnk3" });
  await expect(reply).toBeFocused();
  await expect(reply).toBeInViewport();

  // The reply has its own link too, copied from the discussion.
  await chen.page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await reply.getByRole("button", { name: "Copy link" }).click();
  await expect(chen.page.getByTestId("page-announcer")).toHaveText("Link copied to the clipboard.");
  expect(await chen.page.evaluate(() => navigator.clipboard.readText())).toMatch(
    new RegExp(`/readings/${room.readingId}\\?course=${room.courseId}#a-[A-Za-z0-9_-]+$`),
  );
});

test("[LINKS][VISIBILITY] a link to a post the reader may not see shows the reading and a polite notice, the same as for one that does not exist, and nothing of the post", async ({
  browser,
}) => {
  const room = await openClassroom(browser, ["Ana Private", "Chen Outside"]);
  const [ana, chen] = room.students as [(typeof room.students)[0], (typeof room.students)[0]];
  const privateId = await postOnParagraphThroughApi(ana, room, 2, "Ana's private thought lnk9", "PRIVATE");

  await chen.page.goto(`${room.url}#a-${privateId}`);
  await expect(chen.page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(linkNotice(chen.page)).toHaveText(/This post is not available to you\./);
  await expect(linkNotice(chen.page).getByText("This post is not available to you.")).toBeFocused();
  expect(await chen.page.content()).not.toContain("lnk9");
  await expectNoSeriousAxeViolations(chen.page);
  const noticeForPrivate = await linkNotice(chen.page).textContent();

  // A post that never existed reads the same.
  const answered = chen.page.waitForResponse((response) => response.url().includes("/annotations/views/cmnotapostatall0000000000"));
  await chen.page.goto(`${room.url}#a-cmnotapostatall0000000000`);
  expect((await answered).status()).toBe(404);
  await expect(linkNotice(chen.page)).toHaveText(noticeForPrivate!);
  await linkNotice(chen.page).getByRole("button", { name: "Dismiss" }).click();
  await expect(linkNotice(chen.page)).toHaveCount(0);

  // Its author opens it.
  await ana.page.goto(`${room.url}#a-${privateId}`);
  await expect(card(ana.page, "Ana's private thought lnk9")).toBeFocused();
  await expect(linkNotice(ana.page)).toHaveCount(0);
});
