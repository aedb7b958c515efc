import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signInViaApi, type TestAccount } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { doc, listenToLiveChannel, liveEventsOf, openClassroom, postThroughApi, replyThroughApi, type Person } from "./fixtures/classroom";
import { DEMO_COURSE, demoStudent, joinDemoCourse, readingId } from "./fixtures/demo-course";
import { findFreePort } from "../scripts/lib/embedded-db.ts";

const INSTRUCTOR: TestAccount = { name: "Irene Instructor", email: "instructor@scholia.test", password: "scholia-demo" };

test.describe("paragraph discussions", () => {
  // Several signed-in browsers per test, each waiting on the live channel.
  test.describe.configure({ timeout: 90_000 });
  test("[LIVE] a post on paragraph 3 appears for a classmate without a reload", async ({ browser }) => {
    const ana = await demoStudent(browser, "Live Ana");
    const ben = await demoStudent(browser, "Live Ben");
    const id = await readingId(ana.page);
    await ana.page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    await ben.page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    await expect(ben.page.locator(".live-status")).toHaveText("Live");
    await ana.page.getByRole("button", { name: /^Comment on paragraph 3/ }).click();
    await ana.page.getByRole("textbox", { name: "Post on paragraph 3" }).click();
    await ana.page.keyboard.type("Live post from Ana 91c2");
    await ana.page.keyboard.press("Control+Enter");
    await expect(ben.page.locator(".annotation-card", { hasText: "Live post from Ana 91c2" })).toBeVisible({ timeout: 15_000 });
    await expect(ben.page.getByRole("button", { name: /^Open the discussion on paragraph 3 \(\d+ posts?\)/ })).toBeVisible();
  });

  test("[LIVE] while writing, new posts wait behind an “N new” button", async ({ browser }) => {
    const ana = await demoStudent(browser, "Writer Ana");
    const ben = await demoStudent(browser, "Poster Ben");
    const id = await readingId(ana.page);
    await ana.page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    await expect(ana.page.locator(".live-status")).toHaveText("Live");
    await ana.page.getByRole("button", { name: /^Comment on paragraph 2/ }).click();
    await ana.page.getByRole("textbox", { name: "Post on paragraph 2" }).click();
    await ana.page.keyboard.type("I am still typing");
    const posted = await ben.page.request.post(`/api/readings/${id}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: doc("Ben posts meanwhile 4d1e") },
    });
    expect(posted.status()).toBe(201);
    await expect(ana.page.getByRole("button", { name: /^Show 1 new update/ })).toBeVisible({ timeout: 15_000 });
    await expect(ana.page.locator(".annotation-card", { hasText: "Ben posts meanwhile 4d1e" })).toHaveCount(0);
    await expect(ana.page.getByRole("textbox", { name: "Post on paragraph 2" })).toHaveText("I am still typing");
    await ana.page.getByRole("button", { name: /^Show 1 new update/ }).click();
    await expect(ana.page.locator(".annotation-card", { hasText: "Ben posts meanwhile 4d1e" })).toBeVisible();
    await expect(ana.page.getByRole("textbox", { name: "Post on paragraph 2" })).toHaveText("I am still typing");
  });

  test("[THREADS] question, reply, upvote and the instructor's answer mark, with notifications", async ({ browser }) => {
    const ana = await demoStudent(browser, "Asker Ana");
    const ben = await demoStudent(browser, "Answerer Ben");
    const id = await readingId(ana.page);
    const marker = `q77-${Math.random().toString(36).slice(2, 8)}`;
    const question = await ana.page.request.post(`/api/readings/${id}/annotations`, {
      data: {
        courseId: DEMO_COURSE,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 9 },
        body: doc(`What is Resolution 60/45 about? ${marker}`),
        isQuestion: true,
      },
    });
    expect(question.status()).toBe(201);

    await ben.page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    await ben.page.getByRole("button", { name: /^Open the discussion on paragraph 9/ }).click();
    const thread = ben.page.getByRole("region", { name: "Discussion on paragraph 9" });
    const post = thread.locator("article", { hasText: marker });
    await expect(post.getByText("Question", { exact: true })).toBeVisible();
    const upvote = post.getByRole("button", { name: /^Upvote post by Asker Ana/ });
    await upvote.click();
    await expect(post.getByRole("button", { name: /^Upvote post by Asker Ana.*, 1 upvote$/ })).toHaveAttribute("aria-pressed", "true");
    await post.getByRole("button", { name: "Reply" }).click();
    await ben.page.getByRole("textbox", { name: "Reply to Asker Ana" }).click();
    await ben.page.keyboard.type("It is about ICT in the context of international security.");
    await ben.page
      .getByRole("form", { name: /^Reply to Asker Ana/ })
      .getByRole("button", { name: "Reply", exact: true })
      .click();
    await expect(thread.locator("li", { hasText: marker }).locator(".replies article", { hasText: "ICT in the context" })).toBeVisible();

    const instructor = await (await browser.newContext()).newPage();
    await signInViaApi(instructor, INSTRUCTOR);
    await instructor.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    await instructor.getByRole("button", { name: /^Open the discussion on paragraph 9/ }).click();
    const reply = instructor
      .getByRole("region", { name: "Discussion on paragraph 9" })
      .locator("li", { hasText: marker })
      .locator(".replies article", { hasText: "ICT in the context" });
    await reply.getByRole("button", { name: "Mark as answer" }).click();
    await expect(reply.getByText("Answer", { exact: true })).toBeVisible();

    await ben.page.goto("/notifications");
    await expect(ben.page.getByText("marked your reply as the answer")).toBeVisible();
    await ana.page.goto("/notifications");
    await expect(ana.page.getByRole("main")).toContainText("Answerer Ben");
    await expect(ana.page.getByText("replied to your post")).toBeVisible();
    await expectNoSeriousAxeViolations(ana.page);
    await ana.page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(ana.page.getByText("You are all caught up.")).toBeVisible();
  });

  test("[MODERATION] the instructor hides a post: the classmate sees the placeholder, the author the reason", async ({ browser }) => {
    const ana = await demoStudent(browser, "Hidden Ana");
    const ben = await demoStudent(browser, "Reader Ben");
    const id = await readingId(ana.page);
    const posted = await ana.page.request.post(`/api/readings/${id}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 10 }, body: doc("Off-topic rant h5h5") },
    });
    const annotationId = ((await posted.json()) as { id: string }).id.split("/").at(-1)!;
    const instructor = await (await browser.newContext()).newPage();
    await signInViaApi(instructor, INSTRUCTOR);
    const studentTry = await ben.page.request.post(`/api/annotations/${annotationId}/moderation`, {
      data: { action: "hide", reason: "no" },
    });
    expect(studentTry.status()).toBe(403);
    const hidden = await instructor.request.post(`/api/annotations/${annotationId}/moderation`, {
      data: { action: "hide", reason: "Please stay on the text." },
    });
    expect(hidden.status()).toBe(200);

    await ben.page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    await ben.page.getByRole("button", { name: /^Open the discussion on paragraph 10/ }).click();
    const benThread = ben.page.getByRole("region", { name: "Discussion on paragraph 10" });
    await expect(benThread.getByText("Hidden by an instructor.")).toBeVisible();
    await expect(ben.page.getByText("Off-topic rant h5h5")).toHaveCount(0);

    await ana.page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    await ana.page.getByRole("button", { name: /^Open the discussion on paragraph 10/ }).click();
    const anaThread = ana.page.getByRole("region", { name: "Discussion on paragraph 10" });
    await expect(anaThread.getByText("Off-topic rant h5h5")).toBeVisible();
    await expect(anaThread.getByText(/Please stay on the text\./)).toBeVisible();
  });

  test("[LIVE] a private note never reaches a classmate's stream", async ({ browser }) => {
    const ana = await demoStudent(browser, "Private Ana");
    const ben = await demoStudent(browser, "Listening Ben");
    const id = await readingId(ana.page);
    await ben.page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    await listenToLiveChannel(ben.page, id, DEMO_COURSE);
    await ana.page.request.post(`/api/readings/${id}/annotations`, {
      data: {
        courseId: DEMO_COURSE,
        kind: "PARAGRAPH_POST",
        target: { paragraph: 1 },
        body: doc("secret note zz91"),
        visibility: "PRIVATE",
      },
    });
    await ana.page.request.post(`/api/readings/${id}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc("public marker mk12") },
    });
    await expect.poll(() => liveEventsOf(ben.page), { timeout: 15_000 }).toContain("mk12");
    expect(await liveEventsOf(ben.page)).not.toContain("zz91");
  });

  test("[A11Y] keyboard only: open a paragraph's thread, reply, upvote, close; focus returns to the paragraph", async ({ browser }) => {
    const ana = await demoStudent(browser, "Key Ana");
    const ben = await demoStudent(browser, "Key Ben");
    const id = await readingId(ana.page);
    await ana.page.request.post(`/api/readings/${id}/annotations`, {
      data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 4 }, body: doc("Keyboard thread root kb44") },
    });
    const page = ben.page;
    await page.goto(`/readings/${id}?course=${DEMO_COURSE}`);
    const open = page.getByRole("button", { name: /^Open the discussion on paragraph 4/ });
    await open.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Discussion on paragraph 4" })).toBeFocused();
    const post = page.getByRole("region", { name: "Discussion on paragraph 4" }).locator("article", { hasText: "kb44" });
    await post.getByRole("button", { name: /^Upvote/ }).focus();
    await page.keyboard.press("Enter");
    await expect(post.getByRole("button", { name: /^Upvote/ })).toHaveAttribute("aria-pressed", "true");
    await post.getByRole("button", { name: "Reply" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("textbox", { name: "Reply to Key Ana" })).toBeFocused();
    await page.keyboard.type("A reply typed with the keyboard");
    await page.keyboard.press("Control+Enter");
    await expect(page.getByRole("region", { name: "Discussion on paragraph 4" }).locator(".replies")).toContainText(
      "A reply typed with the keyboard",
    );
    await page.getByRole("button", { name: "Close discussion" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: /^Open the discussion on paragraph 4/ })).toBeFocused();
    await expectNoSeriousAxeViolations(page);
  });

  test("[A11Y] a long discussion comes in pages: 'Show more replies' and 'Load more posts' with the keyboard, focus on the first post loaded (#12)", async ({
    browser,
  }) => {
    const room = await openClassroom(browser, ["Paging Ana", "Paging Ben"]);
    const [ana, ben] = room.students as [Person, Person];
    // 23 posts (one page is 20) on paragraph 6, the first with 12 replies (10 come with it).
    const postIds: string[] = [];
    for (let index = 1; index <= 23; index++) {
      postIds.push(
        await postThroughApi(ana.page.request, room.readingId, {
          courseId: room.courseId,
          kind: "PARAGRAPH_POST",
          target: { paragraph: 6 },
          body: doc(`Paged post ${index} pg12`),
        }),
      );
    }
    const replyIds: string[] = [];
    for (let index = 1; index <= 12; index++)
      replyIds.push(await replyThroughApi(ben.page.request, postIds[0]!, `Paged reply ${index} pg12`));

    const page = ben.page;
    await page.goto(room.url);
    const open = page.getByRole("button", { name: /^Open the discussion on paragraph 6/ });
    await expect(open).toHaveText("Discussion (35)");
    await open.focus();
    await page.keyboard.press("Enter");
    const thread = page.getByRole("region", { name: "Discussion on paragraph 6" });
    await expect(thread.getByRole("heading", { name: "Discussion on paragraph 6" })).toBeFocused();
    await expect(thread.locator(".thread-item.depth-0")).toHaveCount(20);
    await expect(thread.locator(".thread-tools .meta")).toHaveText("35 posts");
    await expect(thread.locator(".replies article")).toHaveCount(10);

    const moreReplies = thread.getByRole("button", { name: "Show 2 more replies" });
    await moreReplies.focus();
    await page.keyboard.press("Enter");
    await expect(thread.locator(".replies article")).toHaveCount(12);
    await expect(thread.locator("article", { hasText: "Paged reply 11 pg12" })).toBeFocused();
    await expect(moreReplies).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "2 more replies loaded." })).toBeAttached();

    const loadMore = thread.getByRole("button", { name: "Load more posts" });
    await loadMore.focus();
    await page.keyboard.press("Enter");
    await expect(thread.locator(".thread-item.depth-0")).toHaveCount(23);
    await expect(thread.locator("article", { hasText: "Paged post 21 pg12" })).toBeFocused();
    await expect(loadMore).toHaveCount(0);
    await expect(thread.getByText("No more posts.")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "3 more posts loaded, no more after them." })).toBeAttached();
    // Each post once, in order.
    await expect(thread.locator(".thread-item.depth-0 > article .annotation-body")).toHaveText(
      Array.from({ length: 23 }, (_, index) => `Paged post ${index + 1} pg12`),
    );
    await expectNoSeriousAxeViolations(page);

    // A link to the 12th reply (beyond the 10 that come with its post) opens the discussion on it.
    const linked = await (await browser.newContext({ storageState: await page.context().storageState() })).newPage();
    await linked.goto(`${room.url}#a-${replyIds[11]}`);
    await expect(
      linked.getByRole("region", { name: "Discussion on paragraph 6" }).locator("article", { hasText: "Paged reply 12 pg12" }),
    ).toBeFocused();
  });

  test("[LIVE] two app instances on one database: a post on one reaches a subscriber on the other", async ({ browser }) => {
    // Not the first instance's port + 1: with two shards and their mail, LMS and OpenID servers that may be taken.
    const port = await findFreePort();
    const second: ChildProcess = spawn(
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
      {
        env: {
          ...process.env,
          DATABASE_URL: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL,
          NODE_ENV: "production",
          NEXTAUTH_URL: `http://127.0.0.1:${port}`,
          NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production-use-0123456789",
          // The limits are counted in the shared database, and every spec signs up and writes from
          // 127.0.0.1: the second instance takes the same raised limits as the first (playwright.config.ts).
          SIGN_UP_LIMIT_PER_ADDRESS: "100000",
          SCHOLIA_WRITES_PER_MINUTE: "100000",
          SCHOLIA_MAX_POSTS_PER_READING: "100000",
        },
        stdio: "ignore",
      },
    );
    try {
      const otherBase = `http://127.0.0.1:${port}`;
      // A second `next start` beside two shards on two cores has taken over 30 s to answer.
      await expect.poll(async () => (await fetch(`${otherBase}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);
      const ana = await demoStudent(browser, "Instance Ana");
      const id = await readingId(ana.page);
      const benContext = await browser.newContext({ baseURL: otherBase });
      const ben = await benContext.newPage();
      await joinDemoCourse(ben, "Instance Ben");
      await ben.goto(`/readings/${id}?course=${DEMO_COURSE}`);
      await listenToLiveChannel(ben, id, DEMO_COURSE);
      const posted = await ana.page.request.post(`/api/readings/${id}/annotations`, {
        data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 7 }, body: doc("cross-instance hello x7x7") },
      });
      expect(posted.status()).toBe(201);
      await expect.poll(() => liveEventsOf(ben), { timeout: 15_000 }).toContain("x7x7");
    } finally {
      second.kill("SIGTERM");
    }
  });
});
