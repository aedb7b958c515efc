import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { createAccount, signInViaApi, type TestAccount } from "./fixtures/accounts";
import { postFormAction } from "./fixtures/server-actions";
import { createAssignmentViaAction, createReadingViaActions } from "./fixtures/teaching";

// Issue #14.5 and #14.13 over HTTP: a removed member changes nothing in the course any more,
// and no answer tells a private reading from a missing one or names the author of a deleted post.

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

async function person(browser: Browser, name: string): Promise<{ request: APIRequestContext; account: TestAccount }> {
  const page = await (await browser.newContext()).newPage();
  const account = await createAccount(page.request, name);
  await signInViaApi(page, account);
  return { request: page.request, account };
}

async function publicReadingId(request: APIRequestContext): Promise<string> {
  // The statement (not "Add a reading", /readings/new, listed for those who teach).
  return /\/readings\/(?!new\b)([A-Za-z0-9_-]+)/.exec(await (await request.get("/")).text())![1]!;
}

/** A course taught by `instructor` with the statement assigned, joined by each of `students`. */
async function courseWith(instructor: APIRequestContext, students: APIRequestContext[]) {
  const created = await instructor.post("/api/courses", { data: { title: "Membership course", term: "" } });
  expect(created.status()).toBe(201);
  const { id: courseId, joinCode } = (await created.json()) as { id: string; joinCode: string };
  const readingId = await publicReadingId(instructor);
  await createAssignmentViaAction(instructor, courseId, readingId);
  for (const student of students) expect((await student.post("/api/courses/join", { data: { code: joinCode } })).status()).toBe(201);
  return { courseId, readingId };
}

test.describe("access edges", () => {
  test("[MEMBERSHIP] a removed student's edit, replace, delete and reply on their course post are refused; classmates keep seeing the original", async ({
    browser,
  }) => {
    const instructor = await person(browser, "Removing Instructor");
    const removed = await person(browser, "Removed Student");
    const classmate = await person(browser, "Staying Classmate");
    const { courseId, readingId } = await courseWith(instructor.request, [removed.request, classmate.request]);
    const posted = await removed.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: doc("Original words") },
    });
    expect(posted.status()).toBe(201);
    const postId = ((await posted.json()) as { id: string }).id.split("/").at(-1)!;

    const course = (await (await instructor.request.get(`/api/courses/${courseId}`)).json()) as {
      staff: { members: { membershipId: string; email: string }[] };
    };
    const membershipId = course.staff.members.find((member) => member.email === removed.account.email)!.membershipId;
    const removal = await postFormAction(
      instructor.request,
      { page: `/courses/${courseId}`, filename: "app/courses/[id]/actions.ts", name: "removeMemberAction" },
      { courseId, membershipId },
    );
    expect(await removal.text()).toContain('"status":"success"');

    const attempts = [
      removed.request.patch(`/api/annotations/${postId}`, { data: { body: doc("Rewritten after removal") } }),
      removed.request.put(`/api/annotations/${postId}`, {
        headers: { "Content-Type": "application/ld+json" },
        data: JSON.stringify({
          "@context": "http://www.w3.org/ns/anno.jsonld",
          type: "Annotation",
          motivation: "commenting",
          body: { type: "TextualBody", value: "Replaced after removal", format: "text/plain" },
          target: `/readings/${readingId}#p-2`,
        }),
      }),
      removed.request.post(`/api/annotations/${postId}/replies`, { data: { body: doc("Replying after removal") } }),
      removed.request.delete(`/api/annotations/${postId}`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status(), await response.text()).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/no longer a member of this course/);
    }
    const seen = await classmate.request.get(`/api/readings/${readingId}/paragraphs/2/thread?course=${courseId}`);
    const thread = await seen.text();
    expect(thread).toContain("Original words");
    expect(thread).not.toMatch(/after removal/);
  });

  test("[LEAK] posting to a private reading with ?course= answers word for word as for a missing reading", async ({ browser }) => {
    const owner = await person(browser, "Private Owner");
    // Those who teach a course add readings.
    expect((await owner.request.post("/api/courses", { data: { title: "Owner's course", term: "" } })).status()).toBe(201);
    const readingId = await createReadingViaActions(owner.request, "Private 7f3c", "Hidden paragraph about 7f3c.\n\nAnother one.");
    const prober = await person(browser, "Prober");
    const ownCourse = await prober.request.post("/api/courses", { data: { title: "Prober's course", term: "" } });
    const courseId = ((await ownCourse.json()) as { id: string }).id;
    const w3c = (id: string, exact: string) =>
      JSON.stringify({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        motivation: "highlighting",
        target: { source: `/readings/${id}`, selector: { type: "TextQuoteSelector", exact } },
      });
    const answers: string[] = [];
    for (const id of [readingId, "does-not-exist"]) {
      for (const exact of ["Hidden paragraph", "words it does not have"]) {
        const response = await prober.request.post(`/api/readings/${id}/annotations?course=${courseId}`, {
          headers: { "Content-Type": "application/ld+json" },
          data: w3c(id, exact),
        });
        answers.push(`${response.status()} ${await response.text()}`);
      }
      const own = await prober.request.post(`/api/readings/${id}/annotations`, {
        data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: doc("probe") },
      });
      answers.push(`${own.status()} ${await own.text()}`);
    }
    expect(answers[0]).toMatch(/^404 /);
    expect(new Set(answers).size).toBe(1);
    expect(answers.join()).not.toContain("7f3c");
  });

  test("[LEAK] a reply to a deleted post does not carry the deleted author's name", async ({ browser }) => {
    const instructor = await person(browser, "Thread Instructor");
    const author = await person(browser, "Vanishing Author");
    const replier = await person(browser, "Replier");
    const { courseId, readingId } = await courseWith(instructor.request, [author.request, replier.request]);
    const posted = await author.request.post(`/api/readings/${readingId}/annotations`, {
      data: { courseId, kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: doc("Soon deleted") },
    });
    const postId = ((await posted.json()) as { id: string }).id.split("/").at(-1)!;
    const reply = await replier.request.post(`/api/annotations/${postId}/replies`, { data: { body: doc("A reply that stays") } });
    expect(reply.status()).toBe(201);
    expect((await author.request.delete(`/api/annotations/${postId}`)).status()).toBe(204);
    const thread = await (await instructor.request.get(`/api/readings/${readingId}/paragraphs/3/thread?course=${courseId}`)).text();
    expect(thread).toContain("A reply that stays");
    expect(thread).not.toContain(author.account.name);
    expect(thread).toContain('"parentAuthorName":"Deleted"');
  });
});
