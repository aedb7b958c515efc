import { expect, test } from "@playwright/test";

// The operator's way in (/operator/enter, a route() handler outside /api): the key form, a wrong
// key back to the form with its message, the right key to the page asked for, odd queries never a 5xx.

const OPERATOR_KEY = "e2e-operator-key-not-for-production";

test("[OPERATOR] a wrong key goes back to the form with a message; the right key, typed, opens the operator page", async ({ page }) => {
  await page.goto("/operator");
  const key = page.getByLabel("Operator key");
  await key.fill("not-the-key");
  await key.press("Enter");
  await expect(page).toHaveURL(/\/operator\?error=key$/);
  await expect(page.getByText("That is not the operator key.")).toBeVisible();
  await expect(page.getByLabel("Operator key")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Operator key").fill(OPERATOR_KEY);
  await page.getByLabel("Operator key").press("Enter");
  await expect(page).toHaveURL(/\/operator$/);
  await expect(page.getByLabel("Operator key")).toHaveCount(0);
});

test("[OPERATOR] next picks the outbox or the LMS page; any other next, a long key or a repeated key never makes a 5xx", async ({
  page,
  request,
}) => {
  await page.goto(`/operator/enter?key=${OPERATOR_KEY}&next=lti`);
  await expect(page).toHaveURL(/\/operator\/lti$/);

  const unknownNext = await request.get(`/operator/enter?key=${OPERATOR_KEY}&next=constructor`, { maxRedirects: 0 });
  expect(unknownNext.status()).toBe(303);
  expect(new URL(unknownNext.headers()["location"]!).pathname).toBe("/operator");

  const outbox = await request.get(`/operator/enter?key=${OPERATOR_KEY}&next=outbox`, { maxRedirects: 0 });
  expect(outbox.status()).toBe(303);
  expect(new URL(outbox.headers()["location"]!).pathname).toBe("/operator/outbox");
  expect(outbox.headers()["set-cookie"]).toContain("HttpOnly");

  const longKey = await request.get(`/operator/enter?key=${"k".repeat(4000)}`, { maxRedirects: 0 });
  expect(longKey.status()).toBe(303);
  expect(longKey.headers()["location"]).toContain("/operator?error=key");

  const repeated = await request.get(`/operator/enter?key=a&key=b`, { maxRedirects: 0 });
  expect(repeated.status()).toBe(400);
  expect(((await repeated.json()) as { error: { code: string } }).error.code).toBe("VALIDATION");
});
