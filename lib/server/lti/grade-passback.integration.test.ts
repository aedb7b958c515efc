import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db.ts";
import { parseRubricForm } from "../../domain/rubric.ts";
import { saveRubric } from "../grading/save-rubric.ts";
import { setGradeOverride } from "../grading/set-grade-override.ts";
import { launchThrough } from "../testing/lti-launcher.ts";
import { recordQueries } from "../testing/query-recorder.ts";
import type { LtiLaunchSpec, LtiTestPlatform } from "../testing/lti-test-platform.ts";
import { ltiPeople, startRegisteredLtiPlatform } from "../testing/registered-lti-platform.ts";
import { loadLmsGradeStatus } from "./load-lms-grade-status.ts";
import { queueAssignmentScores } from "./queue-assignment-scores.ts";
import { queueChangedScores } from "./queue-changed-scores.ts";
import { sendDueScores } from "./send-due-scores.ts";

// Grade passback (LTI AGS 2.0) to a platform on 127.0.0.1 that checks what an LMS checks: the
// client assertion against Scholia's JWKS, the scopes, the media types, the score's fields.

let platform: LtiTestPlatform;
let platformId: string;
let stopPlatform: () => Promise<void>;
const run = randomUUID().slice(0, 8);
const contextId = `ags-${run}`;
let courseId: string;
let assignmentId: string;
let instructorId: string;
const students: { spec: LtiLaunchSpec; userId: string }[] = [];

const person = ltiPeople(run, { contextId, contextTitle: `Grades ${run}` });

beforeAll(async () => {
  ({ platform, platformId, stop: stopPlatform } = await startRegisteredLtiPlatform({ run, name: "AGS LMS" }));
  const instructor = await (await launchThrough(platform, person("instructor", "irene"))).complete();
  courseId = instructor.courseId;
  instructorId = instructor.user.id;
  for (const name of ["sam", "ola"]) {
    const spec = person("learner", name);
    students.push({ spec, userId: (await (await launchThrough(platform, spec)).complete()).user.id });
  }
  const db = getDb();
  const reading = await db.reading.create({
    data: { slug: `ags-${run}`, title: "A reading", canonicalText: "Text." },
    select: { id: true },
  });
  ({ id: assignmentId } = await db.assignment.create({
    data: { courseId, readingId: reading.id, title: `Read it ${run}` },
    select: { id: true },
  }));
  await db.rubricCriterion.create({ data: { assignmentId, kind: "ASKS_QUESTION", points: 4, position: 0 } });
  await db.rubricCriterion.create({ data: { assignmentId, kind: "QUOTES_TEXT", points: 6, position: 1 } });
});

afterAll(async () => {
  await stopPlatform();
});

describe("LTI Assignment and Grade Services", () => {
  it("[AGS] the launch's AGS and NRPS claims are kept on the course's LMS context", async () => {
    const context = await getDb().ltiContext.findFirstOrThrow({ where: { platformId, contextId } });
    expect(context.lineItemsUrl).toBe(`${platform.issuer}/contexts/${contextId}/lineitems`);
    expect(context.agsScopes).toContain("https://purl.imsglobal.org/spec/lti-ags/scope/score");
    expect(context.membershipsUrl).toBe(`${platform.issuer}/contexts/${contextId}/memberships`);
  });

  it("[AGS] Send grades: a line item is made for the assignment and each student's score arrives with its maximum and LMS user id", async () => {
    const [sam, ola] = students;
    await setGradeOverride({ actorId: instructorId, courseId, assignmentId, studentId: sam!.userId, input: { score: 7.5, comment: "" } });
    const queued = await queueAssignmentScores({ actorId: instructorId, courseId, assignmentId, mode: "send" });
    expect(queued).toEqual({ queued: 2, unchanged: 0, notInLms: 0 });
    expect(await sendDueScores({ assignmentId })).toEqual({ sent: 2, failed: 0 });

    const [lineItem, ...others] = platform.lineItems(contextId);
    expect(others).toEqual([]);
    expect(lineItem).toMatchObject({ label: `Read it ${run}`, scoreMaximum: 10, resourceId: assignmentId, tag: "scholia" });
    const bySub = new Map(lineItem!.scores.map((score) => [score.userId, score]));
    expect(bySub.get(sam!.spec.sub)).toMatchObject({
      scoreGiven: 7.5,
      scoreMaximum: 10,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
    });
    expect(bySub.get(ola!.spec.sub)).toMatchObject({ scoreGiven: 0, scoreMaximum: 10 });
    const status = await loadLmsGradeStatus({ actorId: instructorId, courseId, assignmentId });
    expect(status.rows.map((row) => row.state)).toEqual(["sent", "sent"]);
    expect(status.lineItemUrl).toBe(lineItem!.id);
  });

  it("[AGS] a changed grade is found and sent again; unchanged ones are not", async () => {
    const [sam] = students;
    await setGradeOverride({ actorId: instructorId, courseId, assignmentId, studentId: sam!.userId, input: { score: 9, comment: "" } });
    expect(await queueChangedScores()).toBeGreaterThanOrEqual(1);
    expect(await sendDueScores({ assignmentId })).toEqual({ sent: 1, failed: 0 });
    const scores = platform.lineItems(contextId)[0]!.scores.filter((score) => score.userId === sam!.spec.sub);
    expect(scores.at(-1)).toMatchObject({ scoreGiven: 9, scoreMaximum: 10 });
    expect(platform.lineItems(contextId)).toHaveLength(1);
  });

  it("[AGS] the rubric's points change: the line item's maximum is updated (PUT) before the scores out of it are sent", async () => {
    const [sam, ola] = students;
    const rubric = parseRubricForm({
      "ASKS_QUESTION.enabled": "on",
      "ASKS_QUESTION.points": "5",
      "QUOTES_TEXT.enabled": "on",
      "QUOTES_TEXT.points": "10",
    });
    if (!rubric.ok) throw new Error("rubric fixture is invalid");
    await saveRubric({ actorId: instructorId, courseId, assignmentId, criteria: rubric.criteria });
    // Every student's score is out of 15 now: both are due again, though Sam's override is still 9.
    expect(await queueAssignmentScores({ actorId: instructorId, courseId, assignmentId, mode: "changes" })).toEqual({
      queued: 2,
      unchanged: 0,
      notInLms: 0,
    });
    expect(await sendDueScores({ assignmentId })).toEqual({ sent: 2, failed: 0 });
    const [lineItem, ...others] = platform.lineItems(contextId);
    expect(others).toEqual([]);
    expect(lineItem).toMatchObject({ scoreMaximum: 15, label: `Read it ${run}`, resourceId: assignmentId, tag: "scholia" });
    expect(lineItem!.updates).toEqual([{ scoreMaximum: 15, label: `Read it ${run}` }]);
    const latest = (sub: string) => lineItem!.scores.filter((score) => score.userId === sub).at(-1);
    expect(latest(sam!.spec.sub)).toMatchObject({ scoreGiven: 9, scoreMaximum: 15, lineItemScoreMaximum: 15 });
    expect(latest(ola!.spec.sub)).toMatchObject({ scoreGiven: 0, scoreMaximum: 15, lineItemScoreMaximum: 15 });
    expect(await getDb().ltiLineItem.findUniqueOrThrow({ where: { assignmentId }, select: { scoreMaximum: true } })).toEqual({
      scoreMaximum: 15,
    });

    // The next score goes straight to the line item: no second update.
    await setGradeOverride({ actorId: instructorId, courseId, assignmentId, studentId: sam!.userId, input: { score: 12, comment: "" } });
    await queueAssignmentScores({ actorId: instructorId, courseId, assignmentId, mode: "changes" });
    expect(await sendDueScores({ assignmentId })).toEqual({ sent: 1, failed: 0 });
    expect(platform.lineItems(contextId)[0]!.updates).toHaveLength(1);
    expect(latest(sam!.spec.sub)).toMatchObject({ scoreGiven: 12, scoreMaximum: 15, lineItemScoreMaximum: 15 });
  });

  it("[AGS] an LMS that fails is retried with backoff; the instructor sees pending with the reason, then sent", async () => {
    const [sam] = students;
    await setGradeOverride({ actorId: instructorId, courseId, assignmentId, studentId: sam!.userId, input: { score: 3, comment: "" } });
    await queueAssignmentScores({ actorId: instructorId, courseId, assignmentId, mode: "changes" });
    platform.failNextScores(1);
    expect(await sendDueScores({ assignmentId })).toEqual({ sent: 0, failed: 0 });
    const pending = (await loadLmsGradeStatus({ actorId: instructorId, courseId, assignmentId })).rows.find(
      (row) => row.studentId === sam!.userId,
    )!;
    expect(pending.state).toBe("pending");
    expect(pending.lastError).toContain("HTTP 503");
    expect(pending.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: nothing is sent before the backoff ends.
    expect(await sendDueScores({ assignmentId })).toEqual({ sent: 0, failed: 0 });
    // The outbox is in PostgreSQL: whatever process runs next sends it once it is due.
    await getDb().ltiScoreDelivery.updateMany({ where: { assignmentId, userId: sam!.userId }, data: { nextAttemptAt: new Date() } });
    expect(await sendDueScores({ assignmentId })).toEqual({ sent: 1, failed: 0 });
    const row = (await loadLmsGradeStatus({ actorId: instructorId, courseId, assignmentId })).rows.find(
      (view) => view.studentId === sam!.userId,
    )!;
    expect(row).toMatchObject({ state: "sent", scoreGiven: 3, lastError: null });
  });

  it("[AGS] a score the LMS refuses as such is marked failed with its reason, at once", async () => {
    const [, ola] = students;
    // The LMS no longer lists Ola in the course: it refuses her score (400), which no retry fixes.
    platform.setMembers(
      contextId,
      platform.members(contextId).filter((member) => member.user_id !== ola!.spec.sub),
    );
    await setGradeOverride({ actorId: instructorId, courseId, assignmentId, studentId: ola!.userId, input: { score: 5, comment: "" } });
    await queueAssignmentScores({ actorId: instructorId, courseId, assignmentId, mode: "send" });
    expect(await sendDueScores({ assignmentId })).toEqual({ sent: 0, failed: 1 });
    const row = (await loadLmsGradeStatus({ actorId: instructorId, courseId, assignmentId })).rows.find(
      (view) => view.studentId === ola!.userId,
    )!;
    expect(row.state).toBe("failed");
    expect(row.lastError).toContain("userId is not a member of this course");
  });

  it("[AGS] a student cannot send grades or read their status", async () => {
    const [sam] = students;
    await expect(queueAssignmentScores({ actorId: sam!.userId, courseId, assignmentId, mode: "send" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(loadLmsGradeStatus({ actorId: sam!.userId, courseId, assignmentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("[AGS] the worker looks for changed grades in a constant number of queries, however many line items there are", async () => {
    const db = getDb();
    const { readingId } = await db.assignment.findUniqueOrThrow({ where: { id: assignmentId }, select: { readingId: true } });
    await queueChangedScores();
    const settled = await recordQueries(() => queueChangedScores());
    expect(settled.result).toBe(0);
    const extra: string[] = [];
    try {
      for (const index of [1, 2, 3]) {
        const { id } = await db.assignment.create({ data: { courseId, readingId, title: `More ${index} ${run}` }, select: { id: true } });
        extra.push(id);
        await db.rubricCriterion.create({ data: { assignmentId: id, kind: "ASKS_QUESTION", points: 2, position: 0 } });
        await db.ltiLineItem.create({
          data: {
            assignmentId: id,
            platformId,
            lineItemUrl: `${platform.issuer}/contexts/${contextId}/lineitems/more-${index}`,
            scoreMaximum: 2,
          },
        });
      }
      // Three more line items: both students' scores of each are queued, with no more queries than before (and two writes).
      const grown = await recordQueries(() => queueChangedScores());
      expect(grown.result).toBe(6);
      expect(grown.queries.length).toBeLessThanOrEqual(settled.queries.length + 2);
      const rows = await db.ltiScoreDelivery.findMany({
        where: { assignmentId: { in: extra } },
        select: { scoreGiven: true, scoreMaximum: true },
      });
      expect(rows).toHaveLength(6);
      for (const row of rows) expect(row).toEqual({ scoreGiven: 0, scoreMaximum: 2 });
      // Nothing changed since: the same queries as with one line item.
      const again = await recordQueries(() => queueChangedScores());
      expect(again.result).toBe(0);
      expect(again.queries.length).toBe(settled.queries.length);
    } finally {
      await db.assignment.deleteMany({ where: { id: { in: extra } } });
    }
  });
});
