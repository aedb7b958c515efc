import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { launchPageUrl, ltiLaunch, ltiPlatform, ltiPlatformOrigin } from "./fixtures/lti";
import { statement } from "./fixtures/reading";
import { createAssignmentViaAction } from "./fixtures/teaching";

// LTI 1.3 launches from an LMS of the run's own (e2e/fixtures/lti-platform-server.ts) that frames
// Scholia as Canvas or Moodle do: the operator registers it, an instructor's launch creates the
// course, a student's launch lands in the reading of that course signed in, and every forged or
// replayed launch ends on a page that says why.

const OPERATOR_KEY = "e2e-operator-key-not-for-production";

test.describe.configure({ mode: "serial" });

async function enterAsOperator(page: Page) {
  await page.goto(`/operator/enter?key=${OPERATOR_KEY}&next=lti`);
  await expect(page.getByRole("heading", { level: 1, name: "LMS connections (LTI 1.3)" })).toBeVisible();
}

async function statementPath(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page
    .getByRole("link", { name: new RegExp(statement.title!) })
    .first()
    .getAttribute("href");
  return href!;
}

test("[LTI] the operator registers the LMS by keyboard; a bad field is marked and what was typed stays", async ({ page }) => {
  test.setTimeout(90_000);
  await enterAsOperator(page);
  await expect(page.getByRole("heading", { name: "Enter these in your LMS" })).toBeVisible();
  // lti-advantage.spec.ts may have registered the same LMS already (the shard shares one database):
  // the operator removes it first, as they would to register it again.
  const earlier = page.getByRole("button", { name: "Remove Test LMS" });
  if ((await earlier.count()) > 0) {
    page.once("dialog", (dialog) => void dialog.accept());
    await earlier.click();
    await expect(earlier).toHaveCount(0);
  }
  await expect(page.getByText(`${new URL(page.url()).origin}/lti/login`)).toBeVisible();

  const typeInto = async (label: string, value: string) => {
    await page.getByLabel(label, { exact: true }).focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(value);
  };
  await typeInto("Name", "Test LMS");
  await typeInto("Issuer", "http://lms.example.edu");
  await typeInto("Client id", ltiPlatform.clientId);
  await typeInto("Deployment ids", ltiPlatform.deploymentId);
  await typeInto("Authentication request URL", ltiPlatform.authLoginUrl);
  await typeInto("Access token URL", ltiPlatform.accessTokenUrl);
  await typeInto("Key set URL", ltiPlatform.jwksUrl);
  await page.keyboard.press("Enter");

  const issuer = page.getByLabel("Issuer", { exact: true });
  await expect(issuer).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The issuer must be an https:// URL (http:// only for localhost).")).toBeVisible();
  await expect(page.getByLabel("Key set URL", { exact: true })).toHaveValue(ltiPlatform.jwksUrl);
  await expectNoSeriousAxeViolations(page);

  await typeInto("Issuer", ltiPlatform.issuer);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Test LMS is registered" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Test LMS" })).toBeVisible();
  await expect(page.getByText(ltiPlatformOrigin, { exact: true }).first()).toBeVisible();
});

test("[LTI] an instructor's launch creates the course; a student's launch opens the assigned reading in it, signed in, inside the LMS frame", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const readingPath = await statementPath(page);
  const contextId = `e2e-${randomUUID().slice(0, 8)}`;

  // The instructor's first launch: the course is created and they land on its page, in the frame.
  const instructor = ltiLaunch("instructor", contextId, "/");
  await page.goto(launchPageUrl(instructor));
  const frame = page.frameLocator('iframe[title="Scholia"]');
  await expect(frame.getByRole("heading", { level: 1, name: `LMS course ${contextId}` })).toBeVisible();
  await expect(frame.getByText(`Signed in as ${instructor.name}`)).toBeVisible();
  const courseUrl = page
    .frames()
    .find((candidate) => /\/courses\/[^/]+$/.test(candidate.url()))!
    .url();
  const courseId = /\/courses\/([^/?]+)/.exec(courseUrl)![1]!;
  // The same session, at the top level (same site): assign the statement to the class.
  await createAssignmentViaAction(page.request, courseId, readingPath.split("/").pop()!, { title: "Read the statement" });

  // A student of that LMS course follows a link to the reading.
  const studentContext = await browser.newContext();
  const studentPage = await studentContext.newPage();
  const student = ltiLaunch("learner", contextId, readingPath);
  await studentPage.goto(launchPageUrl(student));
  const studentFrame = studentPage.frameLocator('iframe[title="Scholia"]');
  await expect(studentFrame.getByRole("heading", { level: 1, name: statement.title! })).toBeVisible();
  await expect(studentFrame.getByText(`Signed in as ${student.name}`)).toBeVisible();
  await expect(studentFrame.getByRole("link", { name: `LMS course ${contextId}` })).toHaveAttribute("aria-current", "page");
  const readingFrame = studentPage.frames().find((candidate) => candidate.url().includes(readingPath))!;
  expect(new URL(readingFrame.url()).searchParams.get("course")).toBe(courseId);
  await expectNoSeriousAxeViolations(studentPage);
  await studentContext.close();
});

test("[LTI] forged, replayed and misaddressed launches each end on a page that says why, signed out", async ({ browser }) => {
  // Seven launches in fresh browsers and an axe scan: slow on a loaded two-core machine.
  test.setTimeout(180_000);
  const contextId = `e2e-attack-${randomUUID().slice(0, 8)}`;
  const cases = [
    { tamper: "foreign-key", heading: "The LMS's launch could not be verified" },
    { tamper: "wrong-audience", heading: "The LMS's launch could not be verified" },
    { tamper: "expired", heading: "The LMS's launch has expired" },
    { tamper: "unknown-deployment", heading: "This LMS deployment is not registered" },
    { tamper: "stale-nonce", heading: "This launch was already used" },
  ] as const;
  for (const { tamper, heading } of cases) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(launchPageUrl(ltiLaunch("instructor", contextId, "/", { tamper }), { framed: false }));
    await expect(page.getByRole("heading", { level: 1, name: heading }), tamper).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/lti/problem");
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    await context.close();
  }

  // A launch the platform posts a second time, word for word (same id_token, same state), from
  // a browser without the first one's cookies.
  const first = await browser.newContext();
  const firstPage = await first.newPage();
  await firstPage.goto(launchPageUrl(ltiLaunch("instructor", contextId, "/")));
  await expect(
    firstPage.frameLocator('iframe[title="Scholia"]').getByRole("heading", { level: 1, name: `LMS course ${contextId}` }),
  ).toBeVisible();
  const hint = await firstPage.locator("[data-hint]").getAttribute("data-hint");
  await first.close();
  const attacker = await browser.newContext();
  const page = await attacker.newPage();
  await page.goto(`${ltiPlatformOrigin}/replay?hint=${encodeURIComponent(hint!)}`);
  await expect(page.getByRole("heading", { level: 1, name: "This launch has expired or was already used" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await attacker.close();
});
