import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, localDateOf, localInstant } from "../../domain/mail/digest-schedule.ts";
import { DEFAULT_LOCALE, formatAbsolute } from "../../domain/time-display.ts";
import { moderateAnnotation } from "../annotations/moderate-annotation.ts";
import { disconnectDb, getDb } from "../db.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { startMailHarness, type MailHarness } from "../testing/mail-harness.ts";
import { runMailTick } from "./run-mail-tick.ts";

// Emails the clock sends, against PostgreSQL and a real SMTP server: the tick (run here with a
// chosen "now" instead of waiting for cron) queues digests, reminders and the instructors'
// morning lists; the worker sends them; what arrives is read back. Times are in each
// recipient's zone, across a daylight-saving change.

let fixture: CourseFixture;
let harness: MailHarness;
const emailOf = (person: keyof CourseFixture["users"]) => `${fixture.prefix}-${person.toLowerCase()}@example.test`;

beforeAll(async () => {
  harness = await startMailHarness();
  fixture = await createCourseFixture("sched");
});

afterAll(async () => {
  await harness?.stop();
  await fixture?.cleanUp();
  await disconnectDb();
});

describe("daily digest", () => {
  it("[DIGEST][DST] a digest gathers one local day in the recipient's zone — 23 hours on the day clocks spring forward — and goes out once", async () => {
    const db = getDb();
    const recipient = fixture.users.studentA2;
    await db.mailPreference.create({ data: { userId: recipient.id, replies: "DAILY", timeZone: "America/New_York" } });
    const root = await fixture.post("studentA2", { kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: plainBody("Digest root") });
    // Four replies, moved to instants around the night of 14 March 2027, when New York springs forward.
    const at = {
      "23:30 EST on the 13th": "2027-03-14T04:30:00Z",
      "09:00 EDT on the 14th": "2027-03-14T13:00:00Z",
      "23:30 EDT on the 14th": "2027-03-15T03:30:00Z",
      "00:30 EDT on the 15th": "2027-03-15T04:30:00Z",
    } as const;
    const replies: Record<string, string> = {};
    for (const [label, instant] of Object.entries(at)) {
      const reply = await fixture.reply("studentB", root.id, `reply ${label} ${fixture.prefix}`);
      replies[label] = reply.id;
      await db.notification.updateMany({ where: { annotationId: reply.id, userId: recipient.id }, data: { createdAt: new Date(instant) } });
    }
    // The morning one is hidden by an instructor since: listed, without its text.
    await fixture.hide(replies["09:00 EDT on the 14th"]!);
    // Each reply's own email is skipped: replies are set to the daily digest.
    for (const id of Object.values(replies)) {
      const notification = await db.notification.findFirstOrThrow({ where: { annotationId: id, userId: recipient.id } });
      expect((await harness.waitForDelivery(`notification:${notification.id}`, ["SKIPPED"])).skipReason).toMatch(/daily digest/);
    }

    // 10:59 UTC on the 15th is 6:59 EDT: the 14th's digest is not due; the 13th's is (since 7:00 EDT on the 14th).
    const early = await runMailTick({ now: new Date("2027-03-15T10:59:00Z") });
    expect(early.digests.filter((key) => key.includes(recipient.id))).toEqual([`digest:${recipient.id}:2027-03-13`]);
    const onTime = await runMailTick({ now: new Date("2027-03-15T11:00:00Z") });
    expect(onTime.digests.filter((key) => key.includes(recipient.id))).toEqual([`digest:${recipient.id}:2027-03-14`]);
    // Again, later, or on another instance: nothing new.
    expect((await runMailTick({ now: new Date("2027-03-15T11:05:00Z") })).digests.filter((key) => key.includes(recipient.id))).toEqual([]);

    const sunday = await harness.sink.waitFor(
      (message) =>
        message.recipients.includes(emailOf("studentA2")) &&
        message.mail.subject === "Your Scholia digest for Sunday 14 March 2027: 2 updates",
    );
    const text = sunday.mail.text ?? "";
    expect(text).toContain("2 updates on Sunday 14 March 2027 (times in America/New_York).");
    expect(text).toContain(`- 09:00 — ${fixture.users.studentB.name} replied to your post`);
    expect(text).toContain("Hidden by an instructor.");
    expect(sunday.raw).not.toContain("reply 09:00 EDT on the 14th");
    expect(text).toContain(`- 23:30 — ${fixture.users.studentB.name} replied to your post`);
    expect(text).toContain(`reply 23:30 EDT on the 14th ${fixture.prefix}`);
    expect(text).not.toContain("reply 23:30 EST on the 13th");
    expect(text).not.toContain("reply 00:30 EDT on the 15th");
    expect(String(sunday.mail.html)).toContain(`reply 23:30 EDT on the 14th ${fixture.prefix}`);
    expect(headerOf(sunday.mail.headerLines, "list-unsubscribe")).toMatch(
      /^<https:\/\/scholia\.example\.test\/api\/mail\/unsubscribe\?token=.+\.digest\./,
    );

    const saturday = await harness.sink.waitFor(
      (message) =>
        message.recipients.includes(emailOf("studentA2")) &&
        message.mail.subject === "Your Scholia digest for Saturday 13 March 2027: 1 update",
    );
    expect(saturday.mail.text).toContain(`- 23:30 — ${fixture.users.studentB.name} replied to your post`);
    expect(saturday.mail.text).toContain(`reply 23:30 EST on the 13th ${fixture.prefix}`);
    expect(harness.sink.to(emailOf("studentA2")).filter((message) => message.mail.subject?.startsWith("Your Scholia digest"))).toHaveLength(
      2,
    );
  });
});

describe("due-date reminders", () => {
  it("[REMINDER] a day before the due date, students below the minimum get one reminder with the time in their zone; those done or opted out get none", async () => {
    const db = getDb();
    const assignment = await db.assignment.findFirstOrThrow({ where: { courseId: fixture.courseId }, select: { id: true } });
    const dueAt = new Date(Date.now() + 20 * 60 * 60_000);
    dueAt.setUTCSeconds(0, 0);
    await db.assignment.update({ where: { id: assignment.id }, data: { dueAt, minPosts: 2 } });
    try {
      await db.mailPreference.upsert({
        where: { userId: fixture.users.studentNoGroup.id },
        create: { userId: fixture.users.studentNoGroup.id, timeZone: "Asia/Kolkata" },
        update: { timeZone: "Asia/Kolkata" },
      });
      await db.mailPreference.upsert({
        where: { userId: fixture.users.studentA1.id },
        create: { userId: fixture.users.studentA1.id, dueReminders: false },
        update: { dueReminders: false },
      });
      // Student B is done (two posts); studentNoGroup has one; studentA2 has one (the digest's
      // thread); studentA1 has none but turned reminders off.
      await fixture.post("studentB", { kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("B one") });
      await fixture.post("studentB", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("B two") });
      await fixture.post("studentNoGroup", { kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("NoGroup one") });

      // More than a day ahead: not yet.
      const tooEarly = await runMailTick({ now: new Date(dueAt.getTime() - 25 * 60 * 60_000) });
      expect(tooEarly.reminders.filter((key) => key.includes(assignment.id))).toEqual([]);
      const queued = await runMailTick();
      const mine = queued.reminders.filter((key) => key.includes(assignment.id)).sort();
      expect(mine).toEqual(
        [
          `reminder:${assignment.id}:${fixture.users.studentA2.id}:${dueAt.toISOString()}`,
          `reminder:${assignment.id}:${fixture.users.studentNoGroup.id}:${dueAt.toISOString()}`,
        ].sort(),
      );
      expect((await runMailTick()).reminders.filter((key) => key.includes(assignment.id))).toEqual([]);

      const reminder = await harness.sink.waitFor(
        (message) => message.recipients.includes(emailOf("studentNoGroup")) && /^Due /.test(message.mail.subject ?? ""),
      );
      const dueInKolkata = formatAbsolute(dueAt, { zone: "Asia/Kolkata", locale: DEFAULT_LOCALE });
      expect(reminder.mail.subject).toBe(`Due ${dueInKolkata}: “Read it”`);
      expect(reminder.mail.text).toContain(`is due ${dueInKolkata}.`);
      expect(reminder.mail.text).toContain("You have 1 of 2 posts: one more to go.");
      expect(reminder.mail.text).toContain(`https://scholia.example.test/readings/${fixture.reading.id}?course=${fixture.courseId}`);
      await harness.waitForDelivery(`reminder:${assignment.id}:${fixture.users.studentA2.id}:${dueAt.toISOString()}`, ["SENT"]);
      expect(harness.sink.to(emailOf("studentB")).filter((message) => message.mail.subject?.startsWith("Due "))).toHaveLength(0);
      expect(harness.sink.to(emailOf("studentA1")).filter((message) => message.mail.subject?.startsWith("Due "))).toHaveLength(0);
    } finally {
      await db.assignment.update({ where: { id: assignment.id }, data: { dueAt: null, minPosts: 0 } });
    }
  });

  it("[REMINDER] a reminder is checked again when it goes out: one whose student caught up meanwhile, or whose due date moved, is not sent", async () => {
    const db = getDb();
    const assignment = await db.assignment.findFirstOrThrow({ where: { courseId: fixture.courseId }, select: { id: true } });
    const dueAt = new Date(Date.now() + 10 * 60 * 60_000);
    dueAt.setUTCSeconds(0, 0);
    await db.assignment.update({ where: { id: assignment.id }, data: { dueAt, minPosts: 2 } });
    try {
      const caughtUp = await harness.whileWorkerPaused(async () => {
        const queued = (await runMailTick()).reminders.find((key) => key.includes(fixture.users.studentNoGroup.id))!;
        await fixture.post("studentNoGroup", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("NoGroup two") });
        return queued;
      });
      expect((await harness.waitForDelivery(caughtUp, ["SKIPPED"])).skipReason).toMatch(/reached the minimum/);

      const laterDue = new Date(dueAt.getTime() + 60 * 60_000);
      await db.assignment.update({ where: { id: assignment.id }, data: { dueAt: laterDue } });
      const moved = await harness.whileWorkerPaused(async () => {
        const queued = (await runMailTick()).reminders.find((key) => key.includes(fixture.users.studentA2.id))!;
        await db.assignment.update({ where: { id: assignment.id }, data: { dueAt: new Date(laterDue.getTime() + 60 * 60_000) } });
        return queued;
      });
      expect(moved).toBe(`reminder:${assignment.id}:${fixture.users.studentA2.id}:${laterDue.toISOString()}`);
      expect((await harness.waitForDelivery(moved, ["SKIPPED"])).skipReason).toMatch(/due date changed/);
    } finally {
      await db.assignment.update({ where: { id: assignment.id }, data: { dueAt: null, minPosts: 0 } });
    }
  });
});

describe("unanswered questions", () => {
  it("[UNANSWERED] at 7:00 in their zone, instructors get the questions no reply answers yet, per assignment; answered, hidden and opted-out ones are left out", async () => {
    const db = getDb();
    await db.mailPreference.create({ data: { userId: fixture.users.instructor.id, timeZone: "Europe/Paris" } });
    await db.mailPreference.create({ data: { userId: fixture.users.ta.id, unansweredDigest: false } });
    const open = await fixture.post("studentA1", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 3 },
      body: plainBody(`Open question ${fixture.prefix}`),
      isQuestion: true,
    });
    const answered = await fixture.post("studentB", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody(`Answered question ${fixture.prefix}`),
      isQuestion: true,
    });
    const answer = await fixture.reply("studentA2", answered.id, "Here is the answer");
    await moderateAnnotation({ actorId: fixture.users.instructor.id, annotationId: answer.id, action: { action: "mark-answer" } });
    const hidden = await fixture.post("studentB", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 2 },
      body: plainBody(`Hidden question ${fixture.prefix}`),
      isQuestion: true,
    });
    await fixture.hide(hidden.id);

    // Tomorrow in Paris: 6:59 is too early, 7:00 is the time.
    const date = addDays(localDateOf(new Date(), "Europe/Paris"), 1);
    const seven = localInstant(date, 7, "Europe/Paris");
    const early = new Date(seven.getTime() - 60_000);
    expect((await runMailTick({ now: early })).unanswered.filter((key) => key.includes(fixture.users.instructor.id))).toEqual([]);
    const queued = await runMailTick({ now: seven });
    expect(queued.unanswered).toContain(`unanswered:${fixture.users.instructor.id}:${date}`);
    expect(queued.unanswered.filter((key) => key.includes(fixture.users.ta.id))).toEqual([]);
    expect(
      (await runMailTick({ now: new Date(seven.getTime() + 60 * 60_000) })).unanswered.filter((key) =>
        key.includes(fixture.users.instructor.id),
      ),
    ).toEqual([]);

    const list = await harness.sink.waitFor(
      (message) => message.recipients.includes(emailOf("instructor")) && (message.mail.subject ?? "").includes("waiting for an answer"),
    );
    expect(list.mail.subject).toBe("1 unanswered question waiting for an answer");
    expect(list.mail.text).toContain(`Read it — ${fixture.prefix} main course (1)`);
    expect(list.mail.text).toContain(`${fixture.users.studentA1.name}, paragraph 3`);
    expect(list.mail.text).toContain(`Open question ${fixture.prefix}`);
    expect(list.raw).not.toContain(`Answered question ${fixture.prefix}`);
    expect(list.raw).not.toContain(`Hidden question ${fixture.prefix}`);
    expect(list.mail.text).toContain(`https://scholia.example.test/readings/${fixture.reading.id}?course=${fixture.courseId}#a-${open.id}`);
    expect(open.id).toBeTruthy();
  });
});

function headerOf(lines: readonly { key: string; line: string }[], name: string): string {
  const line = lines.find((header) => header.key === name)?.line ?? "";
  return line
    .slice(line.indexOf(":") + 1)
    .replace(/\r?\n[ \t]+/g, "")
    .trim();
}
