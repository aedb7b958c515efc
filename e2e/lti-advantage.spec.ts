import { expect, test, type Browser, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { launchPageUrl, ltiLaunch, ltiPlatform, ltiPlatformOrigin } from "./fixtures/lti";
import { statement } from "./fixtures/reading";
import { createAssignmentViaAction } from "./fixtures/teaching";

// LTI Advantage through the run's LMS (e2e/fixtures/lti-platform-server.ts), which checks what
// an LMS checks: Scholia's client assertion against its JWKS, scopes, media types, and the signed
// deep linking answer. Deep linking, a roster sync that removes a student (their access ends), a
// roster sync that brings the LMS's groups (Course Groups Service), and grades arriving in the LMS's gradebook with the right score and maximum.

const OPERATOR_KEY = "e2e-operator-key-not-for-production";

test.describe.configure({ mode: "serial" });

/** The LMS is registered (lti.spec.ts registers it by hand; this spec may run without it). */
async function ensureLmsRegistered(page: Page) {
  await page.goto(`/operator/enter?key=${OPERATOR_KEY}&next=lti`);
  await expect(page.getByRole("heading", { level: 1, name: "LMS connections (LTI 1.3)" })).toBeVisible();
  if (await page.getByText(ltiPlatform.issuer, { exact: true }).count()) return;
  await page.getByLabel("Name", { exact: true }).fill("Test LMS");
  await page.getByLabel("Issuer", { exact: true }).fill(ltiPlatform.issuer);
  await page.getByLabel("Client id", { exact: true }).fill(ltiPlatform.clientId);
  await page.getByLabel("Deployment ids", { exact: true }).fill(ltiPlatform.deploymentId);
  await page.getByLabel("Authentication request URL", { exact: true }).fill(ltiPlatform.authLoginUrl);
  await page.getByLabel("Access token URL", { exact: true }).fill(ltiPlatform.accessTokenUrl);
  await page.getByLabel("Key set URL", { exact: true }).fill(ltiPlatform.jwksUrl);
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is registered" })).toBeVisible();
}

/** An instructor's launch in a fresh browser: the course exists afterwards; returns its id. */
async function launchAsInstructor(browser: Browser, contextId: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const instructor = ltiLaunch("instructor", contextId, "/");
  await page.goto(launchPageUrl(instructor));
  await expect(
    page.frameLocator('iframe[title="Scholia"]').getByRole("heading", { level: 1, name: `LMS course ${contextId}` }),
  ).toBeVisible();
  const courseUrl = page
    .frames()
    .find((frame) => /\/courses\/[^/]+$/.test(frame.url()))!
    .url();
  return { context, page, instructor, courseId: /\/courses\/([^/?]+)/.exec(courseUrl)![1]! };
}

async function launchAsStudent(browser: Browser, contextId: string, path = "/") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const student = ltiLaunch("learner", contextId, path);
  await page.goto(launchPageUrl(student));
  await expect(page.frameLocator('iframe[title="Scholia"]').getByText(`Signed in as ${student.name}`)).toBeVisible();
  return { context, page, student };
}

test("[LTI] the operator rotates Scholia's key: the new key is published before it signs", async ({ page }) => {
  await ensureLmsRegistered(page);
  const before = ((await (await page.request.get("/lti/jwks")).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Rotate key" }).click();
  await expect(page.getByRole("status").filter({ hasText: "A new key is published." })).toBeVisible();
  const after = ((await (await page.request.get("/lti/jwks")).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
  expect(after.length).toBe(before.length + 1);
  expect(after).toEqual(expect.arrayContaining(before));
  await expect(page.getByText(/published, signs from/)).toBeVisible();
  await expect(page.getByText("signs now")).toBeVisible();
});

test("[LTI] deep linking: the instructor picks a reading in Scholia and the LMS receives a signed ltiResourceLink to it", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await ensureLmsRegistered(page);
  const contextId = `e2e-dl-${randomUUID().slice(0, 8)}`;
  const context = await browser.newContext();
  const lms = await context.newPage();
  const data = `dl-${randomUUID().slice(0, 8)}`;
  await lms.goto(launchPageUrl(ltiLaunch("instructor", contextId, "/", { messageType: "LtiDeepLinkingRequest", deepLinkData: data })));
  const frame = lms.frameLocator('iframe[title="Scholia"]');
  await expect(frame.getByRole("heading", { level: 1, name: "Add a Scholia reading to Test LMS" })).toBeVisible();
  await expectNoSeriousAxeViolations(lms);
  await frame.getByLabel("Reading").selectOption({ label: statement.title! });
  await frame.getByRole("button", { name: "Add to the LMS" }).click();
  await expect(frame.getByRole("heading", { level: 1, name: "Test LMS: link added" })).toBeVisible();
  await expect(frame.getByText(statement.title!)).toBeVisible();

  const returns = (await (await page.request.get(`${ltiPlatformOrigin}/test/deep-links`)).json()) as {
    contentItems: { type: string; url: string; title: string }[];
    data?: string;
  }[];
  const answer = returns.find((entry) => entry.data === data)!;
  expect(answer.contentItems).toHaveLength(1);
  expect(answer.contentItems[0]).toMatchObject({ type: "ltiResourceLink", title: statement.title });
  expect(answer.contentItems[0]!.url).toMatch(/\/readings\/[A-Za-z0-9_-]+$/);
  await context.close();
});

test("[LTI] roster sync: a student removed in the LMS loses access to the course", async ({ browser }) => {
  test.setTimeout(120_000);
  const contextId = `e2e-roster-${randomUUID().slice(0, 8)}`;
  const { context, page, courseId } = await launchAsInstructor(browser, contextId);
  const { context: studentContext, page: studentPage, student } = await launchAsStudent(browser, contextId);
  expect((await studentPage.goto(`/courses/${courseId}`))!.status()).toBe(200);

  // The LMS drops the student from its course.
  await page.request.get(`${ltiPlatformOrigin}/test/members?context=${contextId}&remove=${encodeURIComponent(student.sub)}`);
  await page.goto(`/courses/${courseId}/lms-roster`);
  await expect(page.getByRole("heading", { level: 1, name: `LMS roster: LMS course ${contextId}` })).toBeVisible();
  await expect(page.getByText("never synced")).toBeVisible();
  await page.getByRole("button", { name: "Sync roster from the LMS" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Roster synced" })).toContainText("1 removed");
  await expect(page.getByText(/last synced/)).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // Their next page of the course is not found: their access has ended.
  expect((await studentPage.goto(`/courses/${courseId}`))!.status()).toBe(404);
  await studentContext.close();
  await context.close();
});

test("[LTI] roster sync with LMS groups: the instructor sees the LMS's groups in the course, and a GROUP post reaches the group-mate only", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const contextId = `e2e-groups-${randomUUID().slice(0, 8)}`;
  const groupsControl = (page: Page, data: Record<string, unknown>) =>
    page.request.post(`${ltiPlatformOrigin}/test/groups?context=${contextId}`, { data });
  const { context, page, courseId } = await (async () => {
    // The LMS offers its groups service in this course from the first launch on.
    const setup = await browser.newContext();
    expect((await groupsControl(await setup.newPage(), { offer: true })).status()).toBe(200);
    await setup.close();
    return launchAsInstructor(browser, contextId);
  })();
  const ana = await launchAsStudent(browser, contextId);
  const ben = await launchAsStudent(browser, contextId);
  const cai = await launchAsStudent(browser, contextId);
  const kepler = `Kepler ${contextId.slice(-4)}`;
  const vega = `Vega ${contextId.slice(-4)}`;
  await groupsControl(page, {
    groups: [
      { id: "t1", name: kepler, set_id: "projects" },
      { id: "t2", name: vega, set_id: "projects" },
    ],
    enrollments: { [ana.student.sub]: ["t1"], [ben.student.sub]: ["t1"], [cai.student.sub]: ["t2"] },
  });

  await page.goto(`/courses/${courseId}/lms-roster`);
  await expect(page.getByText("The LMS offers its groups: the next sync brings them.")).toBeVisible();
  await page.getByRole("button", { name: "Sync roster from the LMS" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Roster synced" })).toContainText("2 LMS groups synced.");
  await expect(page.getByText(/2 groups from the LMS, last synced/)).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.goto(`/courses/${courseId}`);
  const groups = page.getByRole("region", { name: "Groups" });
  await expect(groups.getByRole("heading", { level: 3, name: new RegExp(kepler) })).toContainText("2 members");
  await expect(groups.getByRole("heading", { level: 3, name: new RegExp(vega) })).toContainText("1 member");

  // Ana posts to her group; Ben, in her LMS group, reads it; Cai, in the other, does not.
  await page.goto("/");
  const readingPath = await page
    .getByRole("link", { name: new RegExp(statement.title!) })
    .first()
    .getAttribute("href");
  const readingId = readingPath!.split("/").pop()!;
  await createAssignmentViaAction(page.request, courseId, readingId, { title: "Group reading" });
  const marker = `Kepler notes ${randomUUID().slice(0, 6)}`;
  const posted = await ana.page.request.post(`/api/readings/${readingId}/annotations`, {
    data: {
      courseId,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 2 },
      visibility: "GROUP",
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: marker }] }] },
    },
  });
  expect(posted.status(), await posted.text()).toBe(201);
  await ben.page.goto(`/readings/${readingId}?course=${courseId}`);
  await expect(ben.page.locator(".annotation-card", { hasText: marker })).toBeVisible();
  await cai.page.goto(`/readings/${readingId}?course=${courseId}`);
  await expect(cai.page.locator(".live-status")).toHaveText("Live");
  await expect(cai.page.locator(".annotation-card", { hasText: marker })).toHaveCount(0);
  for (const person of [ana, ben, cai]) await person.context.close();
  await context.close();
});

test("[LTI] grade passback: Send grades to the LMS, and the LMS's gradebook has the score out of the rubric's maximum", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const contextId = `e2e-ags-${randomUUID().slice(0, 8)}`;
  const { context, page, courseId } = await launchAsInstructor(browser, contextId);
  const { context: studentContext, student } = await launchAsStudent(browser, contextId);
  await studentContext.close();
  await page.goto("/");
  const readingPath = await page
    .getByRole("link", { name: new RegExp(statement.title!) })
    .first()
    .getAttribute("href");
  const assignmentId = await createAssignmentViaAction(page.request, courseId, readingPath!.split("/").pop()!, {
    title: "Annotate for the LMS",
  });
  const base = `/courses/${courseId}/assignments/${assignmentId}`;

  // A rubric worth 10: asking a question.
  await page.goto(`${base}/rubric`);
  const asks = page.getByRole("group", { name: "Asks a question" });
  await asks.getByLabel("Use this criterion").check();
  await asks.getByLabel("Points").fill("10");
  await page.getByRole("button", { name: "Save rubric" }).click();
  await expect(page.getByRole("status").filter({ hasText: /saved/i })).toBeVisible();

  // The instructor overrides the student's score: 7.5.
  await page.goto(`${base}/grades`);
  await page.getByRole("link", { name: `Details for ${student.name}` }).click();
  const detail = page.getByTestId("grade-detail");
  await detail.getByLabel("Score").fill("7.5");
  await detail.getByLabel("Comment (the student sees it)").fill("Good questions in class.");
  await detail.getByRole("button", { name: "Override score" }).click();
  await expect(detail.getByRole("status").filter({ hasText: "Score set" })).toBeVisible();

  await page.getByRole("navigation", { name: "Assignment tools" }).getByRole("link", { name: "LMS gradebook" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "LMS gradebook: Annotate for the LMS" })).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(student.name) });
  await expect(row).toContainText("Not sent yet");
  await page.getByRole("button", { name: "Send grades to the LMS" }).click();
  await expect(page.getByRole("status").filter({ hasText: "sent to the LMS" })).toContainText("1 grade sent to the LMS.");
  await expect(row).toContainText("7.5 of 10");
  await expect(row).toContainText("Sent");
  await expectNoSeriousAxeViolations(page);

  const lineItems = (await (await page.request.get(`${ltiPlatformOrigin}/test/line-items?context=${contextId}`)).json()) as {
    label: string;
    scoreMaximum: number;
    resourceId: string;
    scores: { userId: string; scoreGiven: number; scoreMaximum: number; gradingProgress: string }[];
  }[];
  expect(lineItems).toHaveLength(1);
  expect(lineItems[0]).toMatchObject({ label: "Annotate for the LMS", scoreMaximum: 10, resourceId: assignmentId });
  expect(lineItems[0]!.scores).toEqual([
    expect.objectContaining({ userId: student.sub, scoreGiven: 7.5, scoreMaximum: 10, gradingProgress: "FullyGraded" }),
  ]);
  await context.close();
});
