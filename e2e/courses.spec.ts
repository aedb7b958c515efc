import { expect, test, type Browser, type Page } from "@playwright/test";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { readJson } from "./fixtures/json";

async function signedInPage(browser: Browser, account: TestAccount): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInViaApi(page, account);
  return page;
}

test.describe("courses", () => {
  // Each journey makes several accounts and browsers and runs axe; on a 2-core machine shared with
  // the other shard's PDF imports, 30 s was too little (two CI runs timed out mid-journey).
  test.describe.configure({ timeout: 90_000 });
  test("[ORIGIN] the join link after creating a course uses the configured public origin, never the request's Host", async ({
    page,
    request,
    baseURL,
  }) => {
    await signInViaApi(page, await createAccount(request, "Oona Origin"));
    await page.goto("/courses");
    await page.getByLabel("Title").fill("Origins of the Internet");
    await page.getByRole("button", { name: "Create course" }).click();
    await expect(page).toHaveURL(/\/courses\/[^/]+$/);
    const code = (await page.getByTestId("join-code").innerText()).trim();
    const expected = `${baseURL}/join/${code}`;
    await expect(page.getByRole("link", { name: expected })).toHaveAttribute("href", expected);
    // A request that names another host (a proxy, or a forged header) still gets the configured origin.
    const forged = await page.request.get(page.url(), { headers: { Host: "attacker.example", "X-Forwarded-Proto": "https" } });
    expect(forged.status()).toBe(200);
    const html = await forged.text();
    expect(html).toContain(`href="${expected}"`);
    expect(html).not.toContain("attacker.example/join");
  });

  test("[COURSES] create a course, a second user joins with the code, an outsider gets 404", async ({ browser, page, request }) => {
    const instructor = await createAccount(request, "Ines Instructor");
    const student = await createAccount(request, "Sam Student");
    const outsider = await createAccount(request, "Olga Outsider");

    await signInViaApi(page, instructor);
    await page.goto("/courses");
    await page.getByLabel("Title").fill("Cyber Norms Seminar");
    await page.getByLabel("Term").fill("Spring 2027");
    await page.getByRole("button", { name: "Create course" }).click();
    await expect(page).toHaveURL(/\/courses\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cyber Norms Seminar");
    await expect(page.getByText("You are an instructor")).toBeVisible();
    const courseUrl = page.url();
    const code = (await page.getByTestId("join-code").innerText()).trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    await expectNoSeriousAxeViolations(page);

    const studentPage = await signedInPage(browser, student);
    await studentPage.goto("/courses");
    // Typed carelessly: lower case, no dashes.
    await studentPage.getByLabel("Join code").fill(code.replaceAll("-", "").toLowerCase());
    await studentPage.getByRole("button", { name: "Join" }).click();
    await expect(studentPage).toHaveURL(courseUrl);
    await expect(studentPage.getByRole("heading", { level: 1 })).toHaveText("Cyber Norms Seminar");
    await expect(studentPage.getByText("You are a student")).toBeVisible();
    await expect(studentPage.getByText("You are not in a group yet.")).toBeVisible();
    await expect(studentPage.getByTestId("join-code")).toHaveCount(0);
    await studentPage.goto("/courses");
    await expect(studentPage.getByRole("link", { name: /Cyber Norms Seminar/ })).toContainText("Student");
    await expectNoSeriousAxeViolations(studentPage);

    await page.reload();
    await expect(page.getByRole("table")).toContainText(student.name);

    const outsiderPage = await signedInPage(browser, outsider);
    const response = await outsiderPage.goto(courseUrl);
    expect(response?.status()).toBe(404);
    await expect(outsiderPage.getByRole("heading", { level: 1 })).toHaveText("Course not found");
    const courseId = new URL(courseUrl).pathname.split("/").at(-1)!;
    const api = await outsiderPage.request.get(`/api/courses/${courseId}`);
    const missing = await outsiderPage.request.get("/api/courses/no-such-course");
    expect(api.status()).toBe(404);
    expect(missing.status()).toBe(404);
    expect(await api.json()).toEqual(await missing.json());
    const memberApi = await studentPage.request.get(`/api/courses/${courseId}`);
    expect(memberApi.status()).toBe(200);
    expect((await readJson<{ staff: unknown }>(memberApi)).staff).toBeNull();
  });

  test("[COURSES] a wrong join code is a clear error that keeps the code typed", async ({ page, request }) => {
    await signInViaApi(page, await createAccount(request));
    await page.goto("/courses");
    await page.getByLabel("Join code").fill("ZZZZ-ZZZZ-ZZZZ");
    await page.getByRole("button", { name: "Join" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("That code does not open any course");
    await expect(page.getByLabel("Join code")).toHaveValue("ZZZZ-ZZZZ-ZZZZ");
  });

  test("[COURSES] the join link asks before joining; closed joining makes code and link fail", async ({ browser, page, request }) => {
    const instructor = await createAccount(request, "Ivo Instructor");
    const student = await createAccount(request, "Sol Student");
    await signInViaApi(page, instructor);
    const created = await page.request.post("/api/courses", { data: { title: "Link Course", term: "" } });
    expect(created.status()).toBe(201);
    const { id, joinCode } = (await created.json()) as { id: string; joinCode: string };

    const studentPage = await signedInPage(browser, student);
    await studentPage.goto(`/join/${joinCode}`);
    await expect(studentPage.getByRole("heading", { level: 1 })).toHaveText("Join Link Course");
    await studentPage.getByRole("button", { name: `Join as ${student.name}` }).click();
    await expect(studentPage).toHaveURL(new RegExp(`/courses/${id}$`));
    await studentPage.goto(`/join/${joinCode}`);
    await expect(studentPage.getByText("You are already in this course.")).toBeVisible();
    // Leaving asks first, then the course is gone from the student's list.
    await studentPage.goto(`/courses/${id}`);
    studentPage.once("dialog", (dialog) => void dialog.accept());
    await studentPage.getByRole("button", { name: "Leave this course" }).click();
    await expect(studentPage).toHaveURL(/\/courses$/);
    await expect(studentPage.getByText("You are not in any course yet.")).toBeVisible();

    await page.goto(`/courses/${id}`);
    await page.getByRole("button", { name: "Close joining" }).click();
    await expect(page.getByText("Joining is closed: the code")).toBeVisible();
    const another = await signedInPage(browser, await createAccount(request));
    await another.goto(`/join/${joinCode}`);
    await expect(another.getByRole("heading", { level: 1 })).toHaveText("This join link does not work");
    const viaApi = await another.request.post("/api/courses/join", { data: { code: joinCode } });
    expect(viaApi.status()).toBe(400);
  });

  test("[GROUPS] keyboard only: an instructor splits the class into groups and a student sees their group", async ({
    browser,
    page,
    request,
  }) => {
    const instructor = await createAccount(request, "Kai Instructor");
    await signInViaApi(page, instructor);
    const created = await page.request.post("/api/courses", { data: { title: "Group Course" } });
    const { id, joinCode } = (await created.json()) as { id: string; joinCode: string };
    const students = await Promise.all([1, 2, 3].map((index) => createAccount(request, `Student${index}`)));
    const studentPages: Page[] = [];
    for (const student of students) {
      const studentPage = await signedInPage(browser, student);
      const joined = await studentPage.request.post("/api/courses/join", { data: { code: joinCode } });
      expect(joined.status()).toBe(201);
      studentPages.push(studentPage);
    }

    await page.goto(`/courses/${id}`);
    const size = page.getByLabel("Students per group");
    await size.focus();
    await size.fill("2");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Split into groups" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByText("The class is now split into 2 groups.")).toBeVisible();
    await expect(page.getByRole("heading", { name: /Group 1/ })).toContainText("2 members");
    await expect(page.getByRole("heading", { name: /Group 2/ })).toContainText("1 member");
    await expectNoSeriousAxeViolations(page);

    await studentPages[0]!.goto(`/courses/${id}`);
    await expect(studentPages[0]!.getByText(/You are in Group [12]\./)).toBeVisible();

    // The last instructor cannot step down.
    await page.getByLabel(`Role of ${instructor.name}`, { exact: true }).selectOption("STUDENT");
    await page.getByRole("button", { name: `Save role of ${instructor.name}` }).click();
    await expect(page.getByRole("main").getByRole("alert").filter({ hasText: "at least one instructor" })).toBeVisible({ timeout: 30_000 });
  });
});
