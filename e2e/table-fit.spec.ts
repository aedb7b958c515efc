import { expect, test, type Page } from "@playwright/test";
import { rubricFormFields } from "../lib/server/testing/rubric-form.ts";
import { createAccount, signInViaApi } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { openStatement } from "./fixtures/reading";
import { attachScreenshot } from "./fixtures/screenshots";
import { postFormAction } from "./fixtures/server-actions";
import { assignmentActions, createAssignmentViaAction } from "./fixtures/teaching";

// Issue 13, item 10: the grades and insights tables fit a 1366 px screen and a 320 px phone:
// every column is on screen (none behind a scroll bar), and the page never scrolls sideways.

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

const VIEWPORTS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
  { width: 320, height: 640 },
];

/** What overflows: the page itself, and any table cell reaching past the viewport or hidden by its wrapper's scroll. */
async function measureFit(page: Page, tableTestId: string) {
  return page.evaluate((testId) => {
    const table = document.querySelector(`[data-testid="${testId}"]`)!;
    const wrapper = table.parentElement!;
    const cells = [...table.querySelectorAll("tbody th, tbody td")];
    const viewport = document.documentElement.clientWidth;
    const outside = cells
      .map((cell) => cell.getBoundingClientRect())
      .filter((box) => box.width > 0 && (box.right > viewport + 0.5 || box.left < -0.5)).length;
    return {
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
      wrapperOverflow: wrapper.scrollWidth - wrapper.clientWidth,
      cellsOutside: outside,
      cells: cells.length,
    };
  }, tableTestId);
}

test("[LAYOUT] the insights and grades tables fit 1366 px, 390 px and 320 px screens with every column shown and no sideways page scroll", async ({
  browser,
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const instructorAccount = await createAccount(page.request, "Fitting Instructor");
  await signInViaApi(page, instructorAccount);
  const created = await page.request.post("/api/courses", { data: { title: "Table Fit Course" } });
  const { id: courseId, joinCode } = (await created.json()) as { id: string; joinCode: string };
  const readingId = (await openStatement(page)).split("/").at(-1)!;
  const assignmentId = await createAssignmentViaAction(page.request, courseId, readingId, { title: "Fit the tables", minPosts: "2" });
  // Every kind of criterion, so the grades table has all its columns.
  const rubric = await postFormAction(page.request, assignmentActions(courseId, assignmentId).rubric, {
    courseId,
    assignmentId,
    ...rubricFormFields({
      MIN_POSTS_BEFORE_DUE: { points: 4, threshold: 2 },
      QUOTES_TEXT: { points: 2 },
      REPLIES_TO_CLASSMATE: { points: 2 },
      ASKS_QUESTION: { points: 1 },
      MIN_WORDS: { points: 1, threshold: 20 },
    }),
  });
  expect(await rubric.text()).toContain("Rubric saved");
  // And two criteria of one's own with long names, never graded: their columns and the "partial" note must fit too.
  for (const name of ["Engages closely with the statement's argument about sovereignty", "Uses evidence"]) {
    const added = await postFormAction(page.request, assignmentActions(courseId, assignmentId).addCriterion, {
      courseId,
      assignmentId,
      name,
      points: "5",
      description: "",
    });
    expect(await added.text()).toContain("added");
  }
  // Two students with long names and addresses, who post.
  for (const name of ["Maximiliana Wolkenstein-Oberhauser", "Bartholomew Featherstonehaugh-Smythe"]) {
    const student = await (await browser.newContext()).newPage();
    await signInViaApi(student, await createAccount(student.request, name));
    expect((await student.request.post("/api/courses/join", { data: { code: joinCode } })).status()).toBe(201);
    const posted = await student.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: doc(`A thought from ${name}`), isQuestion: true },
    });
    expect(posted.status()).toBe(201);
    await student.context().close();
  }

  const base = `/courses/${courseId}/assignments/${assignmentId}`;
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    // The reading as its instructor sees it: the students' two unanswered questions on paragraph 2.
    await page.goto(`/readings/${readingId}?course=${courseId}`);
    await expect(page.locator(".live-status")).toHaveText("Live");
    if (viewport.width >= 1366) {
      await expect(
        page
          .getByRole("navigation", { name: "Where the posts are" })
          .getByRole("link", { name: "Paragraph 2: 2 posts, 2 open questions (busiest)" }),
      ).toBeVisible();
    }
    await attachScreenshot(page, testInfo, `instructor-reading-${viewport.width}`);
    for (const [path, testId] of [
      [`${base}/insights`, "student-insights"],
      [`${base}/grades`, "grades-table"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByTestId(testId).locator("tbody tr")).toHaveCount(2);
      const fit = await measureFit(page, testId);
      expect(fit, `${path} at ${viewport.width} px`).toEqual({ pageOverflow: 0, wrapperOverflow: 0, cellsOutside: 0, cells: fit.cells });
      expect(fit.cells).toBeGreaterThan(10);
      await attachScreenshot(page, testInfo, `${testId}-${viewport.width}`, { fullPage: true });
    }
  }
  // In the stacked phone layout every value is labelled with its column.
  await expect(page.getByTestId("grades-table").locator('tbody td[data-label="Final"]')).toHaveCount(2);
  await expectNoSeriousAxeViolations(page);
});
