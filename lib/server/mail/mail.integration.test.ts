import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAIL_QUEUE } from "../../domain/mail/mail-queue-policy.ts";
import { createReply } from "../annotations/create-reply.ts";
import { deleteAnnotation } from "../annotations/delete-annotation.ts";
import { moderateAnnotation } from "../annotations/moderate-annotation.ts";
import { disconnectDb, getDb } from "../db.ts";
import { createCourseFixture, plainBody, type CourseFixture } from "../testing/course-fixture.ts";
import { startMailHarness, type MailHarness } from "../testing/mail-harness.ts";
import type { ReceivedMail, SmtpSink } from "../testing/smtp-sink.ts";
import { deliverMail } from "./deliver-mail.ts";
import { readUnsubscribeToken, unsubscribeToken } from "./mail-links.ts";
import type { MailSettings } from "./mail-settings.ts";
import { createMailTransport } from "./mail-transport.ts";
import { unsubscribe } from "./unsubscribe.ts";
import { eventually } from "../testing/eventually.ts";

// Email end to end against PostgreSQL and a real SMTP server on 127.0.0.1: posts go through the
// real services, which queue mail in their own transaction; the worker (pg-boss) sends it over
// SMTP; what arrives is parsed (mailparser) and checked — recipients, subject, both parts,
// escaping, links, List-Unsubscribe — along with what must not arrive.

let fixture: CourseFixture;
let harness: MailHarness;
let sink: SmtpSink;
let settings: MailSettings;
const emailOf = (person: keyof CourseFixture["users"]) => `${fixture.prefix}-${person.toLowerCase()}@example.test`;

async function keyOf(notificationFor: { annotationId: string; userId: string }): Promise<string> {
  const notification = await getDb().notification.findFirstOrThrow({ where: notificationFor, select: { id: true } });
  return `notification:${notification.id}`;
}

async function deliveryOf(notificationFor: { annotationId: string; userId: string }) {
  const notification = await getDb().notification.findFirst({ where: notificationFor, select: { id: true } });
  if (!notification) return null;
  return getDb().mailDelivery.findUnique({ where: { key: `notification:${notification.id}` } });
}

async function waitForDelivery(notificationFor: { annotationId: string; userId: string }, statuses: string[]) {
  return harness.waitForDelivery(await keyOf(notificationFor), statuses);
}

/** A header as sent (mailparser turns List-* headers into objects), unfolded. */
function headerValue(message: ReceivedMail, name: string): string {
  const line = message.mail.headerLines.find((header) => header.key === name)?.line ?? "";
  return line
    .slice(line.indexOf(":") + 1)
    .replace(/\r?\n[ \t]+/g, "")
    .trim();
}

async function mailJobCount(): Promise<number> {
  const { rows } = await harness.pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM pgboss.job WHERE name = $1`, [
    MAIL_QUEUE,
  ]);
  return rows[0]!.count;
}

beforeAll(async () => {
  harness = await startMailHarness();
  sink = harness.sink;
  settings = harness.settings;
  fixture = await createCourseFixture("mail");
});

afterAll(async () => {
  await harness?.stop();
  await fixture?.cleanUp();
  await disconnectDb();
});

beforeEach(async () => {
  await getDb().mailPreference.deleteMany({ where: { userId: { in: Object.values(fixture.users).map((user) => user.id) } } });
});

describe("notification email", () => {
  it("[MAIL] a reply reaches its parent's author: one recipient, subject, a text and an HTML part, escaped text, links to the public origin, one-click unsubscribe", async () => {
    const root = await fixture.post("studentA1", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("Is this about security?"),
    });
    const hostile = `<img src=x onerror=alert(1)> & "quotes" <b>bold</b> ${fixture.prefix}`;
    const reply = await fixture.reply("studentA2", root.id, hostile);

    const arrived = await sink.waitFor(
      (message) => message.mail.text?.includes(fixture.prefix) === true && message.recipients.includes(emailOf("studentA1")),
    );
    expect(arrived.recipients).toEqual([emailOf("studentA1")]);
    expect(arrived.mail.from?.value).toEqual([{ name: "Scholia", address: "no-reply@scholia.example.test" }]);
    expect(arrived.mail.subject).toBe(`${fixture.users.studentA2.name} replied to your post on “${fixture.reading.title}”`);
    // Both parts, the text part quoting the reply as plain text.
    expect(arrived.mail.text).toContain(`> ${hostile}`);
    const html = String(arrived.mail.html);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>bold");
    // Every link is absolute, to the public origin; the button opens the reply itself in its course.
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const link of links) expect(link.startsWith("https://scholia.example.test/")).toBe(true);
    expect(links).toContain(`https://scholia.example.test/readings/${fixture.reading.id}?course=${fixture.courseId}#a-${reply.id}`);
    expect(arrived.mail.text).toContain(
      `https://scholia.example.test/readings/${fixture.reading.id}?course=${fixture.courseId}#a-${reply.id}`,
    );
    // RFC 8058: a one-click POST endpoint, signed for this person and this kind of email.
    const listUnsubscribe = headerValue(arrived, "list-unsubscribe");
    const oneClick = /^<(https:\/\/scholia\.example\.test\/api\/mail\/unsubscribe\?token=[^>]+)>$/.exec(listUnsubscribe);
    expect(oneClick).not.toBeNull();
    expect(headerValue(arrived, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const token = new URL(oneClick![1]!).searchParams.get("token")!;
    expect(readUnsubscribeToken(settings.secret, token)).toEqual({ userId: fixture.users.studentA1.id, subscription: "replies" });
    // No tracking: nothing is loaded from anywhere.
    expect(html).not.toMatch(/<(?:img|link|script|iframe)\b|\ssrc="/i);

    const delivery = await waitForDelivery({ annotationId: reply.id, userId: fixture.users.studentA1.id }, ["SENT"]);
    expect(delivery).toMatchObject({ status: "SENT", attempts: 1, sentTo: emailOf("studentA1"), kind: "NOTIFICATION" });
  });

  it("[MAIL] a reply that rolls back queues nothing and sends nothing", async () => {
    const root = await fixture.post("studentB", { kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("Rollback root") });
    const jobsBefore = await mailJobCount();
    const marker = `rolled-back-${fixture.prefix}`;
    // The post's last statement (its live-channel event) fails: the whole transaction rolls back.
    await harness.pool.query(`
      CREATE OR REPLACE FUNCTION mail_test_refuse_event() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`);
    await harness.pool.query(`CREATE TRIGGER mail_test_refuse_event BEFORE INSERT ON "AnnotationEvent" FOR EACH ROW
      WHEN (NEW."annotationId" IS NOT NULL AND NEW."readingId" = '${fixture.reading.id}') EXECUTE FUNCTION mail_test_refuse_event()`);
    try {
      await expect(fixture.reply("instructor", root.id, marker)).rejects.toThrow();
    } finally {
      await harness.pool.query(`DROP TRIGGER mail_test_refuse_event ON "AnnotationEvent"`);
      await harness.pool.query(`DROP FUNCTION mail_test_refuse_event()`);
    }
    expect(await mailJobCount()).toBe(jobsBefore);
    expect(await getDb().annotation.count({ where: { bodyText: marker } })).toBe(0);
    // A later reply goes out; the rolled-back one never does.
    await fixture.reply("instructor", root.id, `after ${marker}`);
    await sink.waitFor((message) => message.mail.text?.includes(`after ${marker}`) === true);
    expect(sink.received.filter((message) => message.mail.text?.includes(`> ${marker}`))).toHaveLength(0);
  });

  it("[MAIL] a mention reaches each mentioned reader once, and nobody who cannot read the post", async () => {
    const root = await fixture.post("studentA1", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("Group thread"),
      visibility: "GROUP",
    });
    const marker = `mention-${fixture.prefix}`;
    const reply = await createReply({
      actorId: fixture.users.studentA2.id,
      parentId: root.id,
      body: plainBody(marker),
      mentionedUserIds: [fixture.users.instructor.id, fixture.users.studentB.id, fixture.users.instructor.id],
    });
    const toInstructor = await sink.waitFor(
      (message) => message.recipients.includes(emailOf("instructor")) && message.mail.text?.includes(marker) === true,
    );
    expect(toInstructor.mail.subject).toBe(`${fixture.users.studentA2.name} mentioned you on “${fixture.reading.title}”`);
    await waitForDelivery({ annotationId: reply.id, userId: fixture.users.studentA1.id }, ["SENT"]);
    // Student B is in the other group: not notified, not emailed.
    expect(await getDb().notification.count({ where: { annotationId: reply.id, userId: fixture.users.studentB.id } })).toBe(0);
    const toMarker = sink.received.filter((message) => message.mail.text?.includes(marker));
    expect(toMarker.map((message) => message.recipients[0]).sort()).toEqual([emailOf("instructor"), emailOf("studentA1")].sort());
  });
});

describe("what an email may say", () => {
  it("[VISIBILITY] a post hidden before its email went out is announced without its text", async () => {
    const root = await fixture.post("studentA1", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 3 },
      body: plainBody("Root to be answered"),
    });
    const secret = `hidden-text-${fixture.prefix}`;
    // The worker is paused so the post is hidden while its email waits in the queue.
    const reply = await harness.whileWorkerPaused(async () => {
      const created = await fixture.reply("studentA2", root.id, secret);
      await fixture.hide(created.id);
      return created;
    });
    await waitForDelivery({ annotationId: reply.id, userId: fixture.users.studentA1.id }, ["SENT"]);
    const arrived = sink
      .to(emailOf("studentA1"))
      .find((message) => message.mail.subject?.includes("replied") && message.mail.text?.includes("hidden"));
    expect(arrived).toBeDefined();
    expect(arrived!.mail.text).toContain("An instructor has hidden this post.");
    for (const message of sink.received) {
      expect(message.raw).not.toContain(secret);
      expect(message.mail.text ?? "").not.toContain(secret);
    }
  });

  it("[POST FIRST] a mention in a paragraph the student has not posted on carries no excerpt", async () => {
    const db = getDb();
    await db.assignment.updateMany({ where: { courseId: fixture.courseId }, data: { postFirst: true } });
    try {
      const secret = `gated-text-${fixture.prefix}`;
      const post = await fixture.post("studentA1", {
        kind: "PARAGRAPH_POST",
        target: { paragraph: 2 },
        body: plainBody(secret),
        mentionedUserIds: [fixture.users.studentNoGroup.id],
      });
      const delivery = await waitForDelivery({ annotationId: post.id, userId: fixture.users.studentNoGroup.id }, ["SENT"]);
      expect(delivery.status).toBe("SENT");
      const arrived = sink.to(emailOf("studentNoGroup")).at(-1)!;
      expect(arrived.mail.subject).toContain("mentioned you");
      expect(arrived.mail.text).toContain("post on that paragraph to read the discussion");
      expect(arrived.raw).not.toContain(secret);
    } finally {
      await db.assignment.updateMany({ where: { courseId: fixture.courseId }, data: { postFirst: false } });
    }
  });

  it("[VISIBILITY] a post deleted before its email went out sends nothing", async () => {
    const root = await fixture.post("studentB", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("Root for a deleted reply"),
    });
    const secret = `deleted-text-${fixture.prefix}`;
    const notificationId = await harness.whileWorkerPaused(async () => {
      const reply = await fixture.reply("ta", root.id, secret);
      const notification = await getDb().notification.findFirstOrThrow({ where: { annotationId: reply.id }, select: { id: true } });
      await deleteAnnotation({ actorId: fixture.users.ta.id, annotationId: reply.id });
      return notification.id;
    });
    const started = Date.now();
    for (;;) {
      const delivery = await getDb().mailDelivery.findUnique({ where: { key: `notification:${notificationId}` } });
      if (delivery?.status === "SKIPPED") break;
      if (Date.now() - started > 20_000) throw new Error(`The deleted post's mail was not skipped: ${JSON.stringify(delivery)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const message of sink.received) expect(message.raw).not.toContain(secret);
  });
});

describe("preferences", () => {
  it("[PREFERENCES] an endorsement waits for the daily digest by default; replies set to off send nothing", async () => {
    const root = await fixture.post("studentA2", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("Endorse me") });
    await moderateAnnotation({ actorId: fixture.users.instructor.id, annotationId: root.id, action: { action: "endorse" } });
    const endorsed = await waitForDelivery({ annotationId: root.id, userId: fixture.users.studentA2.id }, ["SKIPPED"]);
    expect(endorsed.skipReason).toMatch(/daily digest/);

    await getDb().mailPreference.create({ data: { userId: fixture.users.studentA2.id, replies: "OFF" } });
    const reply = await fixture.reply("studentB", root.id, "Nobody hears of this by email");
    const off = await waitForDelivery({ annotationId: reply.id, userId: fixture.users.studentA2.id }, ["SKIPPED"]);
    expect(off.skipReason).toMatch(/turned these emails off/);
    // The in-app notification is there all the same.
    expect(await getDb().notification.count({ where: { annotationId: reply.id, userId: fixture.users.studentA2.id } })).toBe(1);
  });

  it("[CONFIRMED ADDRESS] a reply to someone whose address is not confirmed sends no email (a sign-up cannot aim notices at a stranger)", async () => {
    const root = await fixture.post("studentB", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("Unconfirmed root") });
    const marker = `unconfirmed-${fixture.prefix}`;
    await getDb().user.update({ where: { id: fixture.users.studentB.id }, data: { emailVerifiedAt: null } });
    try {
      const reply = await fixture.reply("studentA1", root.id, marker);
      const skipped = await waitForDelivery({ annotationId: reply.id, userId: fixture.users.studentB.id }, ["SKIPPED", "SENT"]);
      expect(skipped.status).toBe("SKIPPED");
      expect(skipped.skipReason).toMatch(/not confirmed/);
      expect(sink.received.filter((message) => message.mail.text?.includes(marker))).toHaveLength(0);
      // The in-app notification is there all the same.
      expect(await getDb().notification.count({ where: { annotationId: reply.id, userId: fixture.users.studentB.id } })).toBe(1);
    } finally {
      await getDb().user.update({ where: { id: fixture.users.studentB.id }, data: { emailVerifiedAt: new Date() } });
    }
  });

  it("[UNSUBSCRIBE] a signed token turns off exactly what it names; a forged or altered one changes nothing", async () => {
    const userId = fixture.users.studentB.id;
    const token = unsubscribeToken(settings.secret, userId, "mentions");
    expect(await unsubscribe({ secret: settings.secret, token })).toEqual({ subscription: "mentions" });
    expect(await getDb().mailPreference.findUnique({ where: { userId } })).toMatchObject({ mentions: "OFF", replies: "INSTANT" });
    // Twice is fine (mail clients retry).
    expect(await unsubscribe({ secret: settings.secret, token })).toEqual({ subscription: "mentions" });
    await expect(unsubscribe({ secret: settings.secret, token: token.replace("mentions", "replies") })).rejects.toThrow(/not valid/);
    await expect(unsubscribe({ secret: "another-secret", token })).rejects.toThrow(/not valid/);
    expect(await getDb().mailPreference.findUnique({ where: { userId } })).toMatchObject({ replies: "INSTANT" });
  });
});

describe("delivery", () => {
  it("[AT MOST ONCE] the same email's job run twice at once, and again later, sends one message", async () => {
    const root = await fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 2 }, body: plainBody("Twice?") });
    const marker = `twice-${fixture.prefix}`;
    const notificationId = await harness.whileWorkerPaused(async () => {
      const reply = await fixture.reply("studentA2", root.id, marker);
      const { id } = await getDb().notification.findFirstOrThrow({ where: { annotationId: reply.id }, select: { id: true } });
      const transport = createMailTransport({ kind: "smtp", url: sink.url });
      const data = { kind: "notification" as const, notificationId: id, recipientId: fixture.users.studentA1.id };
      const outcomes = await Promise.allSettled([
        deliverMail({ pool: harness.pool, transport, settings, data }),
        deliverMail({ pool: harness.pool, transport, settings, data }),
      ]);
      const values = outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : "busy"));
      // One sends; the other finds it sent (it waited for the first) or busy (it would be retried).
      expect(values.filter((value) => value === "sent")).toHaveLength(1);
      expect(await deliverMail({ pool: harness.pool, transport, settings, data })).toBe("already-sent");
      transport.close();
      return id;
    });
    // The queued job itself runs too, and finds the email sent.
    await waitForJobState(notificationId, "completed");
    expect(sink.received.filter((message: ReceivedMail) => message.mail.text?.includes(marker))).toHaveLength(1);
  });

  it("[OUTAGE] with the SMTP server down, mail is retried with backoff and delivered once it is back", async () => {
    const root = await fixture.post("studentA1", { kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: plainBody("Outage root") });
    const marker = `outage-${fixture.prefix}`;
    await sink.down();
    let replyId = "";
    try {
      replyId = (await fixture.reply("studentA2", root.id, marker)).id;
      // At least two failed attempts, the second after a backoff: the mail is delayed, not lost.
      const started = Date.now();
      for (;;) {
        const delivery = await deliveryOf({ annotationId: replyId, userId: fixture.users.studentA1.id });
        if (delivery && delivery.attempts >= 2) {
          expect(delivery.status).toBe("PENDING");
          expect(delivery.lastError).toMatch(/ECONNREFUSED|connect/i);
          break;
        }
        if (Date.now() - started > 30_000) throw new Error(`Not retried: ${JSON.stringify(delivery)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const { rows } = await harness.pool.query<{ state: string; retry_count: number }>(
        `SELECT state, retry_count FROM pgboss.job WHERE name = $1 AND data->>'kind' = 'notification' AND data->>'recipientId' = $2 ORDER BY created_on DESC LIMIT 1`,
        [MAIL_QUEUE, fixture.users.studentA1.id],
      );
      expect(["retry", "active"]).toContain(rows[0]!.state);
    } finally {
      await sink.up();
    }
    const arrived = await sink.waitFor((message) => message.mail.text?.includes(marker) === true, 30_000);
    expect(arrived.recipients).toEqual([emailOf("studentA1")]);
    const delivery = await waitForDelivery({ annotationId: replyId, userId: fixture.users.studentA1.id }, ["SENT"]);
    expect(delivery.attempts).toBeGreaterThanOrEqual(3);
    expect(sink.received.filter((message) => message.mail.text?.includes(marker))).toHaveLength(1);
  });
});

async function waitForJobState(notificationId: string, state: string): Promise<void> {
  let rows: { state: string }[] = [];
  await eventually(
    `the job to be ${state}`,
    async () => {
      ({ rows } = await harness.pool.query<{ state: string }>(
        `SELECT state FROM pgboss.job WHERE name = $1 AND data->>'notificationId' = $2`,
        [MAIL_QUEUE, notificationId],
      ));
      return rows.length > 0 && rows.every((row) => row.state === state);
    },
    { intervalMs: 100, describe: () => JSON.stringify(rows) },
  );
}
