import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { typeFieldByField } from "./fixtures/keyboard";

// Instructor insights and rubric grading, end to end: the assignment is written straight into
// the database (creating assignments is another page's job), everything else goes through the app.
const STATEMENT_SLUG = "sco-2006-international-information-security";

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function withDatabase<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function signedInPage(browser: Browser, account: TestAccount): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInViaApi(page, account);
  return page;
}

type Setup = {
  courseId: string;
  assignmentId: string;
  readingId: string;
  instructor: Page;
  ana: Page;
  ben: Page;
  anaAccount: TestAccount;
  benAccount: TestAccount;
};

/** A course with an instructor and two students, and the statement assigned, due tomorrow. */
async function setUpCourse(browser: Browser, page: Page): Promise<Setup> {
  const instructorAccount = await createAccount(page.request, "Iris Instructor");
  const anaAccount = await createAccount(page.request, "Ana Early");
  const benAccount = await createAccount(page.request, "Ben Late");
  await signInViaApi(page, instructorAccount);
  const created = await page.request.post("/api/courses", { data: { title: "Teaching Course" } });
  expect(created.status()).toBe(201);
  const { id: courseId, joinCode } = (await created.json()) as { id: string; joinCode: string };
  const ana = await signedInPage(browser, anaAccount);
  const ben = await signedInPage(browser, benAccount);
  for (const student of [ana, ben])
    expect((await student.request.post("/api/courses/join", { data: { code: joinCode } })).status()).toBe(201);
  const assignmentId = randomUUID();
  const readingId = await withDatabase(async (client) => {
    const reading = await client.query<{ id: string }>(`SELECT "id" FROM "Reading" WHERE "slug" = $1`, [STATEMENT_SLUG]);
    const id = reading.rows[0]!.id;
    await client.query(
      `INSERT INTO "Assignment" ("id", "courseId", "readingId", "title", "dueAt", "updatedAt")
       VALUES ($1, $2, $3, 'Annotate the statement', (now() AT TIME ZONE 'UTC') + interval '1 day', now() AT TIME ZONE 'UTC')`,
      [assignmentId, courseId, id],
    );
    return id;
  });
  return { courseId, assignmentId, readingId, instructor: page, ana, ben, anaAccount, benAccount };
}

async function postOnParagraph(
  page: Page,
  readingId: string,
  courseId: string,
  paragraph: number,
  text: string,
  isQuestion = false,
): Promise<string> {
  const response = await page.request.post(`/api/readings/${readingId}/annotations`, {
    data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph }, body: doc(text), isQuestion },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id.split("/").at(-1)!;
}

test.describe("insights and rubric grading", () => {
  test("[TEACHING] rubric by keyboard, two students post (one late), insights and heat map count them, grades and CSV follow, students see only their own", async ({
    browser,
    page,
  }) => {
    // A whole term in one journey: three users, a dozen pages and four axe scans.
    test.setTimeout(120_000);
    const { courseId, assignmentId, readingId, instructor, ana, ben, anaAccount, benAccount } = await setUpCourse(browser, page);
    const base = `/courses/${courseId}/assignments/${assignmentId}`;

    // The rubric, keyboard only; a bad number first: the message sits beside the field, the input stays.
    await instructor.goto(`${base}/rubric`);
    await expect(instructor.getByRole("heading", { level: 1 })).toHaveText("Rubric: Annotate the statement");
    const posts = instructor.getByRole("group", { name: "Minimum posts before the due date" });
    await posts.getByLabel("Use this criterion").focus();
    await instructor.keyboard.press("Space");
    await instructor.keyboard.press("Tab");
    await typeFieldByField(instructor, ["4", "1"], { replace: true });
    await instructor.getByRole("group", { name: "Asks a question" }).getByLabel("Use this criterion").focus();
    await instructor.keyboard.press("Space");
    const words = instructor.getByRole("group", { name: "Minimum words written" });
    await words.getByLabel("Use this criterion").focus();
    await instructor.keyboard.press("Space");
    await instructor.keyboard.press("Tab");
    await typeFieldByField(instructor, ["2", "0"], { replace: true });
    await instructor.keyboard.press("Enter");
    await expect(instructor.getByRole("main").getByRole("alert")).toHaveText("Please correct the fields marked below.");
    await expect(words.getByLabel("Words needed")).toHaveValue("0");
    await expect(words.getByLabel("Words needed")).toHaveAttribute("aria-invalid", "true");
    await expect(words).toContainText("The number of words must be between 1 and 100000.");
    await expect(posts.getByLabel("Points")).toHaveValue("4");
    await expectNoSeriousAxeViolations(instructor);
    await words.getByLabel("Words needed").focus();
    await typeFieldByField(instructor, ["3"], { replace: true });
    await instructor.keyboard.press("Enter");
    await expect(instructor.getByRole("status").filter({ hasText: "Rubric saved" })).toHaveText("Rubric saved with 3 criteria.");
    await instructor.reload();
    await expect(posts.getByLabel("Use this criterion")).toBeChecked();
    await expect(instructor.getByRole("group", { name: "Replies to a classmate" }).getByLabel("Use this criterion")).not.toBeChecked();
    await expect(words.getByLabel("Words needed")).toHaveValue("3");

    // Before anyone posts: empty states.
    await instructor.goto(`${base}/insights`);
    await expect(instructor.getByText("No student has posted on this assignment yet.")).toBeVisible();
    await expect(instructor.getByText("No question is waiting for an answer.")).toBeVisible();

    // Ana posts a question; the due date then moves to that very moment (on time), and Ben posts after it.
    const anaPost = await postOnParagraph(ana, readingId, courseId, 2, "Why does the statement stress sovereignty here?", true);
    const benPost = await postOnParagraph(ben, readingId, courseId, 2, "I disagree here.");
    await withDatabase(async (client) => {
      const times = await client.query<{ id: string; createdAt: Date }>(`SELECT "id", "createdAt" FROM "Annotation" WHERE "id" = ANY($1)`, [
        [anaPost, benPost],
      ]);
      const byId = new Map(times.rows.map((row) => [row.id, row.createdAt.getTime()]));
      expect(byId.get(benPost)!).toBeGreaterThan(byId.get(anaPost)!);
      await client.query(`UPDATE "Assignment" SET "dueAt" = (SELECT "createdAt" FROM "Annotation" WHERE "id" = $2) WHERE "id" = $1`, [
        assignmentId,
        anaPost,
      ]);
    });

    // Insights: the table, sortable by keyboard through links; the heat map in numbers; the open question.
    await instructor.reload();
    const table = instructor.getByTestId("student-insights");
    const anaRow = table.locator(`tr[data-student="${anaAccount.email}"]`);
    const benRow = table.locator(`tr[data-student="${benAccount.email}"]`);
    await expect(anaRow.locator('[data-column="posts"]')).toHaveText("1");
    await expect(anaRow.locator('[data-column="questions"]')).toHaveText("1");
    await expect(anaRow.locator('[data-column="words"]')).toHaveText("7");
    await expect(anaRow.locator('[data-column="status"]')).toContainText("On time");
    await expect(anaRow.locator('[data-column="status"] .meta')).toHaveText("1 of 1 post");
    await expect(benRow.locator('[data-column="posts"]')).toHaveText("1");
    await expect(benRow.locator('[data-column="words"]')).toHaveText("3");
    await expect(benRow.locator('[data-column="status"]')).toContainText("Late");
    await expect(benRow.locator('[data-column="status"] .meta')).toHaveText("1 of 1 post (1 late)");
    await expect(anaRow.getByRole("link", { name: anaAccount.name, exact: true })).toHaveAttribute(
      "href",
      `/readings/${readingId}?course=${courseId}#p-2`,
    );
    await table.getByRole("link", { name: "Words", exact: true }).focus();
    await instructor.keyboard.press("Enter");
    await expect(instructor).toHaveURL(/\?sort=words&dir=desc$/);
    await expect(table.getByRole("columnheader", { name: /Words/ })).toHaveAttribute("aria-sort", "descending");
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-student", anaAccount.email);
    await table.getByRole("link", { name: "Words", exact: true }).click();
    await expect(instructor).toHaveURL(/\?sort=words&dir=asc$/);
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-student", benAccount.email);

    const heatMap = instructor.getByTestId("heat-map");
    await expect(heatMap.locator('[data-paragraph="2"]').getByTestId("paragraph-counts")).toHaveText(
      "2 posts · 1 open question · 0 hidden posts · 0 highlights",
    );
    await expect(heatMap.locator('[data-paragraph="2"]')).toHaveAttribute("data-level", "4");
    await expect(heatMap.locator('[data-paragraph="1"]').getByTestId("paragraph-counts")).toHaveText(
      "0 posts · 0 open questions · 0 hidden posts · 0 highlights",
    );
    await expect(heatMap.locator('[data-paragraph="1"]')).toContainText("(no posts)");
    await expect(instructor.getByTestId("unanswered-questions")).toContainText("Why does the statement stress sovereignty here?");
    await expect(instructor.getByRole("heading", { name: "Unanswered questions (1)" })).toBeVisible();
    await expectNoSeriousAxeViolations(instructor);

    // Grades: Ana met everything; Ben's post came after the due date.
    await instructor.getByRole("navigation", { name: "Assignment tools" }).getByRole("link", { name: "Grades" }).click();
    const grades = instructor.getByTestId("grades-table");
    await expect(grades.locator(`tr[data-student="${anaAccount.email}"] [data-column="computed"]`)).toHaveText("7 of 7");
    await expect(grades.locator(`tr[data-student="${benAccount.email}"] [data-column="computed"]`)).toHaveText("2 of 7");
    await grades.getByRole("link", { name: `Details for ${anaAccount.name}` }).click();
    const anaDetail = instructor.getByTestId("grade-detail");
    await expect(anaDetail.locator('[data-criterion="ASKS_QUESTION"]').getByRole("link")).toHaveAttribute(
      "href",
      `/readings/${readingId}?course=${courseId}#p-2`,
    );
    await expect(anaDetail.locator('[data-criterion="ASKS_QUESTION"]')).toContainText("Why does the statement stress sovereignty here?");
    await grades.getByRole("link", { name: `Details for ${benAccount.name}` }).click();
    const benDetail = instructor.getByTestId("grade-detail");
    await expect(benDetail.getByRole("heading", { level: 2 })).toHaveText(benAccount.name);
    await expect(benDetail.locator('[data-criterion="MIN_POSTS_BEFORE_DUE"]')).toContainText("0 of 1 posts before the due date");
    // An override without a comment is refused and keeps the score typed.
    await benDetail.getByLabel("Score").fill("5");
    await benDetail.getByRole("button", { name: "Override score" }).click();
    await expect(benDetail.getByRole("alert")).toContainText("Say why you change the score");
    await expect(benDetail.getByLabel("Score")).toHaveValue("5");
    await benDetail.getByLabel("Comment (the student sees it)").fill("=Excused: was ill;=1+2 ok");
    await benDetail.getByRole("button", { name: "Override score" }).click();
    await expect(benDetail.getByRole("status").filter({ hasText: "Score set" })).toHaveText("Score set to 5.");
    await expect(grades.locator(`tr[data-student="${benAccount.email}"] [data-column="final"]`)).toHaveText("5");
    await expectNoSeriousAxeViolations(instructor);

    // The CSV download: a byte order mark, header, one row per student, every formula start in the comment neutralised.
    const downloadPromise = instructor.waitForEvent("download");
    await instructor.getByRole("link", { name: "Download grades (CSV)" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe("grades-annotate-the-statement.csv");
    const csv = await readFile(await download.path(), "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      '"Name","Email","Group","At least 1 post before the due date (4)","Asks a question (1)","Writes at least 3 words (2)","Computed","Override","Final","Comment"',
      `"${anaAccount.name}","${anaAccount.email}","",4,1,2,7,,7,""`,
      `"${benAccount.name}","${benAccount.email}","",0,0,2,2,5,5,"'=Excused: was ill;'=1+2 ok"`,
      "",
    ]);

    // Students: their own breakdown only; the staff pages and the CSV are 404 to them.
    await ben.goto(`${base}/my-grade`);
    await expect(ben.getByTestId("my-score")).toContainText("5 of 7, set by your instructor (computed from the rubric: 2).");
    await expect(ben.getByText("Your instructor's comment: “=Excused: was ill;=1+2 ok”")).toBeVisible();
    await expectNoSeriousAxeViolations(ben);
    await ana.goto(`${base}/my-grade`);
    await expect(ana.getByTestId("my-score")).toContainText("7 of 7, computed from the rubric.");
    for (const path of ["insights", "grades", "rubric"]) {
      const response = await ana.goto(`${base}/${path}`);
      expect(response?.status(), path).toBe(404);
    }
    expect((await ana.request.get(`/api${base}/grades.csv`)).status()).toBe(404);
    expect((await instructor.goto(`${base}/my-grade`))?.status()).toBe(404);
  });

  test("[TEACHING] a non-member gets a 404 on every assignment tool page and the CSV", async ({ page }) => {
    await signInViaApi(page, await createAccount(page.request, "Otto Outsider"));
    for (const path of ["insights", "grades", "rubric", "my-grade"]) {
      const response = await page.goto(`/courses/demo-course/assignments/demo-assignment-sco-2006/${path}`);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    }
    expect((await page.request.get("/api/courses/demo-course/assignments/demo-assignment-sco-2006/grades.csv")).status()).toBe(404);
  });

  test("[TEACHING] the seeded demo assignment's insights open for its instructor with every student listed", async ({ page }) => {
    await signInViaApi(page, { name: "Instructor", email: "instructor@scholia.test", password: "scholia-demo" });
    await page.goto("/courses/demo-course/assignments/demo-assignment-sco-2006/insights");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Insights: Read and annotate the 2006 SCO statement");
    for (const email of ["ana@scholia.test", "ben@scholia.test", "chen@scholia.test", "dara@scholia.test"]) {
      await expect(page.getByTestId("student-insights").locator(`tr[data-student="${email}"]`)).toBeVisible();
    }
    await expect(page.getByTestId("heat-map").locator("li")).not.toHaveCount(0);
  });

  test("[TEACHING] the insights table sorts without JavaScript: the column headings are links", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInViaApi(page, { name: "Instructor", email: "instructor@scholia.test", password: "scholia-demo" });
    await page.goto("/courses/demo-course/assignments/demo-assignment-sco-2006/insights");
    const table = page.getByTestId("student-insights");
    await expect(table.getByRole("columnheader", { name: /Student/ })).toHaveAttribute("aria-sort", "ascending");
    await table.getByRole("link", { name: "Group", exact: true }).click();
    await expect(page).toHaveURL(/\?sort=group&dir=asc$/);
    await expect(table.getByRole("columnheader", { name: /Group/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(table.getByRole("columnheader", { name: /Student/ })).not.toHaveAttribute("aria-sort");
    await table.getByRole("link", { name: "Group", exact: true }).click();
    await expect(page).toHaveURL(/\?sort=group&dir=desc$/);
    const groups = await table.locator("tbody tr td:nth-of-type(1)").allInnerTexts();
    const named = groups.filter((group) => group !== "—");
    expect(named).toEqual([...named].sort().reverse());
    await context.close();
  });
});
