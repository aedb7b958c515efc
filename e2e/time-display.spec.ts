import { expect, test } from "@playwright/test";
import { createAccount, signInViaApi } from "./fixtures/accounts";

const DEMO_COURSE = "demo-course";
const DEMO_JOIN_CODE = "DEMO-CODE-2006";
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

// One time display everywhere (#13.12): the viewer's zone and language, relative when recent,
// the absolute time on hover and keyboard focus.
test.use({ locale: "fr-FR", timezoneId: "Asia/Shanghai" });

test("[TIME] a new post's time is relative, in the viewer's language, with the absolute time in their zone on focus", async ({ page }) => {
  await signInViaApi(page, await createAccount(page.request, "Théo Temps"));
  expect((await page.request.post("/api/courses/join", { data: { code: DEMO_JOIN_CODE } })).status()).toBe(201);
  const html = await (await page.request.get("/")).text();
  const readingId = /\/readings\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
  const created = await page.request.post(`/api/readings/${readingId}/annotations`, {
    data: { courseId: DEMO_COURSE, kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: doc("Quelle heure est-il ?") },
  });
  expect(created.status()).toBe(201);

  await page.goto(`/readings/${readingId}?course=${DEMO_COURSE}`);
  // The shared course's paragraph may hold many posts: the list shows every card.
  await page.getByRole("button", { name: "As a list" }).click();
  const card = page.locator(".annotation-card", { hasText: "Quelle heure est-il ?" });
  const time = card.locator("time");
  // Relative and in French ("à l’instant", "il y a 1 min"), once the browser has told the server its zone.
  await expect(time).toHaveAttribute("title", /UTC\+8/);
  await expect(time).toContainText(/maintenant|instant|il y a/);
  // Keyboard: the time is focusable and its absolute form is announced with it.
  await time.focus();
  await expect(time).toBeFocused();
  await expect(time.locator(".visually-hidden")).toContainText("UTC+8");
});
