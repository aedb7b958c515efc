import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { doc, openClassroom, postThroughApi } from "./fixtures/classroom";
import { typeFieldByField } from "./fixtures/keyboard";

// An instructor's own criteria, graded by hand (#13.9): what an instructor does, in a browser —
// add criteria (a refused form keeps what was typed), reorder and edit them, grade a student by
// keyboard reading their posts beside the score, see the partial total, the student's own view
// and the CSV.

test.describe("rubric: criteria of one's own", () => {
  test("[RUBRIC] an instructor adds criteria, grades a student by keyboard beside their posts; the total says it is partial; the student sees it; the CSV has a column each", async ({
    browser,
  }) => {
    // Three people, four pages, four axe scans: generous for a loaded CI machine.
    test.setTimeout(300_000);
    const { courseId, readingId, assignmentId, instructor, students } = await openClassroom(browser, ["Ana Essayist", "Ben Quiet"], {
      minPosts: "2",
    });
    const [ana, ben] = students as [(typeof students)[0], (typeof students)[0]];
    await postThroughApi(ana.page.request, readingId, {
      courseId,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 2 },
      body: doc("Sovereignty is the statement's real subject."),
    });
    await postThroughApi(ana.page.request, readingId, {
      courseId,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 3 },
      body: doc("Compare with the 2001 charter."),
    });
    const page = instructor.page;
    const base = `/courses/${courseId}/assignments/${assignmentId}`;

    // The rubric: the minimum-posts criterion starts at the assignment's minimum and says it follows it.
    await page.goto(`${base}/rubric`);
    const minimum = page.getByRole("group", { name: "Minimum posts before the due date" });
    await expect(minimum.getByLabel("Posts needed")).toHaveValue("2");
    await expect(minimum).toContainText("Follows the assignment's minimum (2)");
    await minimum.getByLabel("Use this criterion").check();
    await page.getByRole("button", { name: "Save rubric" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Rubric saved" })).toHaveText("Rubric saved with 1 criterion.");

    // Adding a criterion by keyboard: a refused form keeps what was typed, each message beside its field.
    const own = page.getByRole("region", { name: "Your own criteria, graded by hand" });
    await expect(own.getByText("No criteria of your own yet.")).toBeVisible();
    await own.getByRole("textbox", { name: "Name" }).focus();
    await typeFieldByField(page, ["   ", "1001", "Takes a position on the statement and defends it from the text."]);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(own.getByRole("alert")).toBeVisible();
    await expect(own.getByRole("textbox", { name: "Name" })).toHaveAttribute("aria-invalid", "true");
    await expect(own.getByText("Give the criterion a name.", { exact: true })).toBeVisible();
    await expect(own.getByText("The points must be between 0 and 1000.", { exact: true })).toBeVisible();
    await expect(own.getByRole("textbox", { name: "Points" })).toHaveValue("1001");
    await expect(own.getByRole("textbox", { name: "Description (optional)" })).toHaveValue(
      "Takes a position on the statement and defends it from the text.",
    );
    await expectNoSeriousAxeViolations(page);
    await own.getByRole("textbox", { name: "Name" }).fill("Engages with the argument");
    await own.getByRole("textbox", { name: "Points" }).fill("5");
    await own.getByRole("textbox", { name: "Points" }).press("Enter");
    await expect(own.getByRole("status").filter({ hasText: "added" })).toHaveText("Criterion “Engages with the argument” added.");
    await expect(own.getByRole("textbox", { name: "Name" })).toHaveValue("");
    await own.getByRole("textbox", { name: "Name" }).fill("Uses evidence");
    await own.getByRole("textbox", { name: "Points" }).fill("3");
    await own.getByRole("button", { name: "Add criterion" }).click();
    const list = own.getByTestId("custom-criteria");
    await expect(list.getByRole("heading", { level: 3 })).toHaveText(["Engages with the argument (5 points)", "Uses evidence (3 points)"]);

    // Reorder by keyboard, then edit one in its disclosure.
    await list.getByRole("button", { name: "Move “Uses evidence” up" }).focus();
    await page.keyboard.press("Enter");
    await expect(list.getByRole("heading", { level: 3 })).toHaveText(["Uses evidence (3 points)", "Engages with the argument (5 points)"]);
    await list.getByText("Edit “Uses evidence”").click();
    const evidenceItem = list.locator("li").filter({ hasText: "Edit “Uses evidence”" });
    await evidenceItem.getByRole("textbox", { name: "Description (optional)" }).fill("Quotes the text to support a claim.");
    await evidenceItem.getByRole("button", { name: "Save criterion" }).click();
    await expect(evidenceItem.getByRole("status").filter({ hasText: "saved" })).toHaveText("Criterion “Uses evidence” saved.");
    await expect(evidenceItem).toContainText("Quotes the text to support a claim.");
    await expectNoSeriousAxeViolations(page);

    // Grades: the new columns, nothing graded yet, totals marked partial.
    await page.getByRole("navigation", { name: "Assignment tools" }).getByRole("link", { name: "Grades" }).click();
    const table = page.getByTestId("grades-table");
    await expect(table.getByRole("columnheader")).toContainText(["Uses evidence (max 3)", "Engages with the argument (max 5)"]);
    const anaRow = table.locator(`tr[data-student="${ana.account.email}"]`);
    await expect(anaRow.locator('[data-column="computed"]')).toHaveText("1 of 9partial: 2 not graded yet");

    // Ana's details: her posts beside each criterion graded by hand; grade by keyboard, a score out of range first.
    await table.getByRole("link", { name: `Details for ${ana.account.name}` }).click();
    const detail = page.getByTestId("grade-detail");
    await expect(detail.getByTestId("detail-score")).toHaveText("Computed score: 1 of 9 (partial: 2 criteria not graded yet)");
    const engagesRow = detail.getByRole("row", { name: /Engages with the argument/ });
    await expect(engagesRow).toContainText("Not graded yet");
    await expect(engagesRow).toContainText("Sovereignty is the statement's real subject.");
    await expect(engagesRow).toContainText("Compare with the 2001 charter.");
    await expect(engagesRow.getByRole("link", { name: "Paragraph post on paragraph 2" })).toHaveAttribute(
      "href",
      `/readings/${readingId}?course=${courseId}#p-2`,
    );
    await detail.getByLabel("Score for Uses evidence").focus();
    await typeFieldByField(page, ["2", "Good use of paragraph 2.", "7"]);
    await page.keyboard.press("Enter");
    await expect(detail.getByRole("alert")).toBeVisible();
    const engagesScore = detail.getByLabel("Score for Engages with the argument");
    await expect(engagesScore).toHaveAttribute("aria-invalid", "true");
    await expect(detail.getByText("The score must be between 0 and 5.", { exact: true })).toBeVisible();
    await expect(engagesScore).toHaveValue("7");
    await expect(detail.getByLabel("Score for Uses evidence")).toHaveValue("2");
    await engagesScore.focus();
    await typeFieldByField(page, ["4.5"], { replace: true });
    await page.keyboard.press("Enter");
    await expect(detail.getByRole("status").filter({ hasText: "saved" })).toHaveText("2 scores saved.");
    await expect(detail.getByTestId("detail-score")).toHaveText("Computed score: 7.5 of 9");
    await expect(anaRow.locator('[data-column="computed"]')).toHaveText("7.5 of 9");
    await expect(detail.getByRole("row", { name: /Uses evidence/ })).toContainText("“Good use of paragraph 2.”");
    await expect(table.locator(`tr[data-student="${ben.account.email}"] [data-column="computed"]`)).toHaveText(
      "0 of 9partial: 2 not graded yet",
    );
    await expectNoSeriousAxeViolations(page);

    // The CSV: one column per criterion of one's own, in the rubric's order, empty while not graded.
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download grades (CSV)" }).click();
    const csv = await readFile(await (await downloadPromise).path(), "utf8");
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      '"Name","Email","Group","At least 2 posts before the due date (1)","Uses evidence (3)","Engages with the argument (5)","Computed","Override","Final","Comment"',
    );
    expect(lines).toContain(`"${ana.account.name}","${ana.account.email}","",1,2,4.5,7.5,,7.5,""`);
    expect(lines).toContain(`"${ben.account.name}","${ben.account.email}","",0,,,0,,0,""`);

    // The students: Ana sees her scores and the comment; Ben's total says it is partial. Neither opens the rubric.
    await ana.page.goto(`${base}/my-grade`);
    await expect(ana.page.getByTestId("my-score")).toHaveText("7.5 of 9, computed from the rubric.");
    const anaEvidence = ana.page.getByRole("row", { name: /Uses evidence/ });
    await expect(anaEvidence).toContainText("Quotes the text to support a claim.");
    await expect(anaEvidence).toContainText("“Good use of paragraph 2.”");
    await expect(anaEvidence).toContainText("2 of 3");
    await expectNoSeriousAxeViolations(ana.page);
    await ben.page.goto(`${base}/my-grade`);
    await expect(ben.page.getByTestId("my-score")).toHaveText("0 of 9, computed from the rubric so far.");
    await expect(ben.page.getByTestId("partial-note")).toHaveText(
      "Partial: your instructor has not graded 2 criteria yet; they count 0 until then.",
    );
    await expect(ben.page.getByRole("row", { name: /Engages with the argument/ })).toContainText("Not graded yet");
    expect((await ben.page.goto(`${base}/rubric`))?.status()).toBe(404);
  });
});
