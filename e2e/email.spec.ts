import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { doc } from "./fixtures/classroom";
import { closeDatabase, mailStatusesFor } from "./fixtures/database";
import { DEMO_COURSE, demoStudent, readingId } from "./fixtures/demo-course";
import { confirmAddress, linksOf, listMail, waitForMail } from "./fixtures/mail";

// Email as people meet it: the app sends over real SMTP (a server this run starts on 127.0.0.1,
// e2e/fixtures/mail-sink-server.ts), the spec reads what arrived and follows its links in the
// browser. The mail worker runs inside the app, as in production.

/** A fresh student of the demo course whose address is confirmed before joining. */
const student = (browser: Browser, name: string) => demoStudent(browser, name, (page, account) => confirmAddress(page, account.email));

async function postOnParagraph(page: Page, reading: string, paragraph: number, text: string): Promise<string> {
  const response = await page.request.post(`/api/readings/${reading}/annotations`, {
    data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph }, body: doc(text) },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id.split("/").pop()!;
}

test.afterAll(closeDatabase);

test.describe("email", () => {
  test.describe.configure({ timeout: 90_000 });

  test("[MAIL] a reply reaches its author's inbox within a minute, and the email's link opens the discussion in the browser", async ({
    browser,
    baseURL,
  }) => {
    const author = await student(browser, "Mail Author");
    const replier = await student(browser, "Mail Replier");
    const reading = await readingId(author.page);
    const postId = await postOnParagraph(author.page, reading, 4, "Where does paragraph 4 define information security?");
    const marker = `m-${Math.random().toString(36).slice(2, 8)}`;
    const replied = Date.now();
    const reply = await replier.page.request.post(`/api/annotations/${postId}/replies`, {
      data: { body: doc(`It does not define it <em>there</em> & says so later ${marker}`) },
    });
    expect(reply.status()).toBe(201);

    const mail = await waitForMail(author.account.email, (message) => message.text.includes(marker), 60_000);
    expect(mail.receivedAt - replied).toBeLessThan(60_000);
    expect(mail.recipients).toEqual([author.account.email.toLowerCase()]);
    expect(mail.subject).toBe(
      `${replier.account.name} replied to your post on “Statement of Heads of SCO Member States on International Information Security”`,
    );
    expect(mail.text).toContain(`> It does not define it <em>there</em> & says so later ${marker}`);
    expect(mail.html).toContain(`It does not define it &lt;em&gt;there&lt;/em&gt; &amp; says so later ${marker}`);
    expect(mail.html).not.toContain("<em>there");
    const links = linksOf(mail);
    for (const link of links) expect(link.startsWith(`${baseURL}/`)).toBe(true);

    // Following "Open the discussion" lands on the reply itself, in its discussion, in the course.
    const replyId = ((await reply.json()) as { id: string }).id.split("/").pop()!;
    const open = links[0]!;
    expect(open).toBe(`${baseURL}/readings/${reading}?course=${DEMO_COURSE}#a-${replyId}`);
    await author.page.goto(open);
    await expect(author.page.getByRole("heading", { name: "Discussion on paragraph 4" })).toBeVisible();
    const opened = author.page.locator(".thread-post", { hasText: marker });
    await expect(opened).toBeFocused();
    await expect(opened).toBeInViewport();
  });

  test("[UNSUBSCRIBE] the List-Unsubscribe one-click POST turns that kind of email off; the footer link asks before changing anything", async ({
    browser,
    playwright,
  }) => {
    const author = await student(browser, "Unsub Author");
    const replier = await student(browser, "Unsub Replier");
    const reading = await readingId(author.page);
    const postId = await postOnParagraph(author.page, reading, 5, "A post whose replies I will stop hearing about");
    const marker = `u-${Math.random().toString(36).slice(2, 8)}`;
    expect((await replier.page.request.post(`/api/annotations/${postId}/replies`, { data: { body: doc(marker) } })).status()).toBe(201);
    const mail = await waitForMail(author.account.email, (message) => message.text.includes(marker));
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const oneClick = /^<([^>]+)>$/.exec(mail.headers["list-unsubscribe"] ?? "")?.[1];
    expect(oneClick).toBeTruthy();

    // The footer link opens a page that asks first: opening it (or a link scanner) changes nothing.
    const footerLink = linksOf(mail).find((link) => link.includes("/unsubscribe?token="))!;
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(footerLink);
    await expect(visitor.getByRole("heading", { level: 1, name: "Unsubscribe" })).toBeVisible();
    await expect(visitor.getByText("Stop receiving emails about replies to my posts from Scholia?")).toBeVisible();
    await expectNoSeriousAxeViolations(visitor);
    await author.page.goto("/settings/notifications");
    const replies = author.page.getByRole("group", { name: "Replies to my posts" });
    await expect(replies.getByRole("radio", { name: "Instantly" })).toBeChecked();

    // RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click", no cookie, from its own origin.
    const provider = await playwright.request.newContext();
    const response = await provider.post(oneClick!, {
      form: { "List-Unsubscribe": "One-Click" },
      headers: { Origin: "https://mail.provider.example" },
    });
    expect(response.status()).toBe(200);
    await provider.dispose();
    await author.page.reload();
    await expect(replies.getByRole("radio", { name: "Off" })).toBeChecked();
    await expect(author.page.getByRole("group", { name: "Mentions" }).getByRole("radio", { name: "Instantly" })).toBeChecked();

    // The page's button does the same (twice is harmless), and says what it did.
    await visitor.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(visitor.getByText("Done: you will no longer get emails about replies to my posts.")).toBeVisible();

    // The next reply is in the app, not in the inbox.
    const after = `after-${marker}`;
    expect((await replier.page.request.post(`/api/annotations/${postId}/replies`, { data: { body: doc(after) } })).status()).toBe(201);
    await author.page.goto("/notifications");
    await expect(author.page.getByText(after)).toBeVisible();
    await expect.poll(() => mailStatusesFor(author.account.email, after), { timeout: 30_000 }).toEqual(["SKIPPED"]);
    expect((await listMail(author.account.email)).filter((message) => message.text.includes(after))).toHaveLength(0);
  });

  test("[PREFERENCES] email settings by keyboard alone: choose a daily digest for mentions, save, and it stays chosen", async ({
    page,
  }) => {
    const account = await createAccount(page.request, "Settings Person");
    await signInViaApi(page, account);
    await page.goto("/notifications");
    await page.getByRole("link", { name: "Choose which of these reach you by email" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Email notifications" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Email notifications" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expectNoSeriousAxeViolations(page);

    const mentions = page.getByRole("group", { name: "Mentions" });
    await mentions.getByRole("radio", { name: "Instantly" }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(mentions.getByRole("radio", { name: "Daily digest" })).toBeChecked();
    await page.getByLabel("Due-date reminders").focus();
    await page.keyboard.press("Space");
    await expect(page.getByLabel("Due-date reminders")).not.toBeChecked();
    await page.getByRole("button", { name: "Save email settings" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText("Email settings saved.")).toBeVisible();

    await page.reload();
    await expect(page.getByRole("group", { name: "Mentions" }).getByRole("radio", { name: "Daily digest" })).toBeChecked();
    await expect(page.getByRole("group", { name: "Replies to my posts" }).getByRole("radio", { name: "Instantly" })).toBeChecked();
    await expect(page.getByLabel("Due-date reminders")).not.toBeChecked();
    await expect(page.getByLabel("Time zone")).toHaveValue(/.+/);
  });
});
