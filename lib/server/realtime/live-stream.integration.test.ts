import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Credential, StreamAccess } from "../../domain/live-access.ts";
import type { ActorContext } from "../../domain/permissions.ts";
import { disconnectDb, getDb } from "../db.ts";
import { startSession } from "../sessions/start-session.ts";
import { createCourseFixture, plainBody, type CourseFixture, type Person } from "../testing/course-fixture.ts";
import { createApiToken } from "../tokens/create-api-token.ts";
import { announceRevocation, type Revocation } from "./announce-revocation.ts";
import { authorizeLiveStream } from "./authorize-live-stream.ts";
import { readLiveStart } from "./event-horizon.ts";
import { createEventBus, type EventBus } from "./event-bus.ts";
import { openLiveStream, type IntervalTimers, type LiveStream, type LiveStreamEnd } from "./live-stream.ts";
import { eventually } from "../testing/eventually.ts";

// The live stream's life cycle (issue #14.14) and revocations (#14.6), against real LISTEN/NOTIFY.
// Two buses stand for two app instances. Every way a stream ends must leave nothing behind: no
// subscriber on the bus (which would keep being sent events and re-read for) and no timer.

let fixture: CourseFixture;
let busA: EventBus;
let busB: EventBus;
const opened: Opened[] = [];

beforeAll(async () => {
  fixture = await createCourseFixture("live-stream");
  busA = createEventBus();
  busB = createEventBus();
});

afterAll(async () => {
  for (const stream of opened) stream.stream.close();
  await Promise.all([busA?.close(), busB?.close()]);
  await fixture?.cleanUp();
  await disconnectDb();
});

const sessions = new Map<string, string>();

/** A real signed-in session of the person (one per label), as sign-in starts it. */
async function session(person: Person, label = "default"): Promise<Credential> {
  const key = `${person}:${label}`;
  if (!sessions.has(key)) sessions.set(key, (await startSession({ userId: fixture.users[person].id, userAgent: "test" })).sessionId);
  return { kind: "session", sessionId: sessions.get(key)! };
}

/** setInterval/clearInterval that keep count of the intervals still running. */
function countingTimers(): { timers: IntervalTimers; running: Set<unknown> } {
  const running = new Set<unknown>();
  return {
    running,
    timers: {
      setInterval: (callback, ms) => {
        const handle = setInterval(callback, ms);
        running.add(handle);
        return handle;
      },
      clearInterval: (handle) => {
        running.delete(handle);
        clearInterval(handle as ReturnType<typeof setInterval>);
      },
    },
  };
}

type Opened = {
  stream: LiveStream;
  /** Everything the client has read so far. */
  text: () => string;
  /** Ids of the annotations the client was told about. */
  annotationIds: () => string[];
  running: Set<unknown>;
  /** Resolves when the client has read the end of the body. */
  finished: Promise<void>;
};

type OpenOptions = {
  credential?: Credential;
  courseId?: string | null;
  signal?: AbortSignal;
  /** Read the body (default) or leave it unread (a client too slow to read). */
  read?: boolean;
  reauthorizeMs?: number;
  maxBufferedBytes?: number;
  reauthorize?: (access: StreamAccess) => Promise<ActorContext>;
};

async function open(bus: EventBus, person: Person, options: OpenOptions = {}): Promise<Opened> {
  const courseId = options.courseId === undefined ? fixture.courseId : options.courseId;
  const access: StreamAccess = {
    userId: fixture.users[person].id,
    courseId,
    credential: options.credential ?? (await session(person)),
  };
  const readingId = fixture.reading.id;
  const actor = await authorizeLiveStream({ access, readingId });
  const { timers, running } = countingTimers();
  const stream = openLiveStream({
    bus,
    readingId,
    access,
    actor,
    after: await readLiveStart(getDb()),
    signal: options.signal,
    reauthorize: () => (options.reauthorize ?? ((given) => authorizeLiveStream({ access: given, readingId })))(access),
    reauthorizeMs: options.reauthorizeMs,
    maxBufferedBytes: options.maxBufferedBytes,
    timers,
  });
  let text = "";
  const finished =
    options.read === false
      ? stream.ended.then(() => undefined)
      : (async () => {
          const decoder = new TextDecoder();
          const reader = stream.body.getReader();
          for (;;) {
            const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
            if (done) return;
            text += decoder.decode(value, { stream: true });
          }
        })();
  const result: Opened = {
    stream,
    text: () => text,
    annotationIds: () =>
      [...text.matchAll(/^data: (.*)$/gm)].flatMap((match) => {
        const payload = JSON.parse(match[1]!) as { annotation?: { id: string } | null; annotationId?: string };
        const id = payload.annotation?.id ?? payload.annotationId;
        return id ? [id] : [];
      }),
    running,
    finished,
  };
  opened.push(result);
  return result;
}

async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  await eventually(what, predicate);
}

async function expectEnded(opened: Opened, reason: LiveStreamEnd): Promise<void> {
  expect(await opened.stream.ended).toBe(reason);
  expect(opened.stream.isOpen).toBe(false);
  expect(opened.running.size, "intervals still running").toBe(0);
}

/** A post every member may read: once a stream has it, it would have had anything sent before. */
async function sentinel(...streams: Opened[]): Promise<string> {
  const view = await fixture.post("instructor", { kind: "PARAGRAPH_POST", target: { paragraph: 1 }, body: plainBody("Sentinel.") });
  for (const stream of streams) await waitFor(() => stream.annotationIds().includes(view.id), `the sentinel on ${stream.stream.isOpen}`);
  return view.id;
}

async function announce(revocation: Revocation): Promise<void> {
  await getDb().$transaction((tx) => announceRevocation(tx, revocation));
}

describe("the live stream's life cycle", () => {
  it("[LIVE] a client that goes away while its subscription is still being set up leaves no subscriber and no timer behind", async () => {
    const before = busA.subscriberCount;
    const controller = new AbortController();
    const pending = open(busA, "studentA1", { signal: controller.signal });
    // Abort as soon as the stream exists: the replay of missed events is still running.
    const stream = await pending;
    controller.abort();
    await expectEnded(stream, "client");
    await waitFor(() => busA.subscriberCount === before, "the subscriber count to return to where it was");

    const already = new AbortController();
    already.abort();
    const neverOpened = await open(busA, "studentA1", { signal: already.signal });
    await expectEnded(neverOpened, "client");
    expect(neverOpened.text()).toBe("");
    expect(busA.subscriberCount).toBe(before);
  });

  it("[LIVE] a client that cancels its reading ends the stream: subscriber and timers are gone", async () => {
    const before = busB.subscriberCount;
    const stream = await open(busB, "studentA2", { read: false });
    await waitFor(() => busB.subscriberCount === before + 1, "the subscription");
    await stream.stream.body.cancel();
    await expectEnded(stream, "client");
    expect(busB.subscriberCount).toBe(before);
  });

  it("[LIVE] a client too slow to read what it is sent is dropped instead of buffered without end", async () => {
    const before = busA.subscriberCount;
    const slow = await open(busA, "studentA2", { read: false, maxBufferedBytes: 64 });
    const reading = await open(busA, "studentB");
    await sentinel(reading);
    await expectEnded(slow, "slow");
    expect(busA.subscriberCount).toBe(before + 1);
    reading.stream.close();
    await expectEnded(reading, "client");
    expect(busA.subscriberCount).toBe(before);
  });

  it("[LIVE] a subscription that cannot be set up (the database refuses the connection) ends the stream and leaves nothing", async () => {
    const unreachable = createEventBus({ connectionString: "postgresql://nobody@127.0.0.1:1/none" });
    try {
      const stream = await open(unreachable, "studentA1");
      await expectEnded(stream, "failed");
      expect(unreachable.subscriberCount).toBe(0);
    } finally {
      await unreachable.close();
    }
  });

  it("[LIVE] a re-authorisation that cannot reach the database keeps the stream open with the access it had", async () => {
    let calls = 0;
    const stream = await open(busB, "studentA1", {
      reauthorizeMs: 50,
      reauthorize: () => {
        calls += 1;
        return Promise.reject(Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" }));
      },
    });
    await waitFor(() => calls >= 3, "three re-authorisations");
    expect(stream.stream.isOpen).toBe(true);
    await sentinel(stream);
    stream.stream.close();
    await expectEnded(stream, "client");
  });
});

describe("revocations end streams at once, on every instance", () => {
  it("[REVOCATION] each kind of revocation ends exactly the streams it matches, on both instances; the others keep receiving", async () => {
    const { secret: _secret, id: tokenId } = await createApiToken({ actorId: fixture.users.studentA1.id, name: "live test" });
    const first = await session("studentA1", "first");
    const second = await session("studentA1", "second");
    const session1A = await open(busA, "studentA1", { credential: first });
    const session1B = await open(busB, "studentA1", { credential: first });
    const session2 = await open(busB, "studentA1", { credential: second });
    const notes = await open(busA, "studentA1", { credential: second, courseId: null });
    const token = await open(busA, "studentA1", { credential: { kind: "token", tokenId } });
    const classmate = await open(busB, "studentA2");
    const other = await open(busA, "studentB");

    await announce({ kind: "session", userId: fixture.users.studentA1.id, sessionId: first.kind === "session" ? first.sessionId : "" });
    await expectEnded(session1A, "revoked");
    await expectEnded(session1B, "revoked");
    for (const ended of [session1A, session1B]) {
      await ended.finished;
      expect(ended.text()).toMatch(/event: revoked\ndata: \{\}\n\n$/);
    }
    await sentinel(session2, token, classmate, other);

    await announce({ kind: "token", userId: fixture.users.studentA1.id, tokenId });
    await expectEnded(token, "revoked");
    await sentinel(session2, classmate, other);

    await announce({ kind: "membership", userId: fixture.users.studentA1.id, courseId: fixture.courseId });
    await expectEnded(session2, "revoked");
    expect(notes.stream.isOpen).toBe(true);
    await sentinel(classmate, other);

    await announce({ kind: "user", userId: fixture.users.studentA1.id });
    await expectEnded(notes, "revoked");
    await announce({ kind: "user", userId: fixture.users.studentA2.id });
    await expectEnded(classmate, "revoked");
    const last = await sentinel(other);
    expect(other.stream.isOpen).toBe(true);
    for (const ended of [session1A, session1B, token, session2, classmate]) expect(ended.annotationIds()).not.toContain(last);
    other.stream.close();
  });

  it("[REVOCATION] a revocation that rolls back ends nothing", async () => {
    const stream = await open(busA, "studentB");
    await getDb()
      .$transaction(async (tx) => {
        await announceRevocation(tx, { kind: "user", userId: fixture.users.studentB.id });
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    await sentinel(stream);
    expect(stream.stream.isOpen).toBe(true);
    stream.stream.close();
  });
});

describe("the periodic refresh re-authenticates", () => {
  it("[REVOCATION] a stream opened with a token revoked without an announcement ends at the next refresh", async () => {
    const { id: tokenId } = await createApiToken({ actorId: fixture.users.studentB.id, name: "refresh test" });
    const stream = await open(busA, "studentB", { credential: { kind: "token", tokenId }, reauthorizeMs: 100 });
    await sentinel(stream);
    await getDb().apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    await expectEnded(stream, "revoked");
  });

  it("[REVOCATION] a stream whose session was ended without an announcement ends at the next refresh", async () => {
    const credential = await session("studentB", "ended quietly");
    const stream = await open(busB, "studentB", { credential, reauthorizeMs: 100 });
    await sentinel(stream);
    await getDb().userSession.update({
      where: { id: credential.kind === "session" ? credential.sessionId : "" },
      data: { endedAt: new Date() },
    });
    await expectEnded(stream, "revoked");
  });

  it("[REVOCATION] a member removed from the course without an announcement loses the stream at the next refresh; another context stays", async () => {
    const db = getDb();
    const user = await db.user.create({
      data: { email: `${fixture.prefix}-leaver@example.test`, name: "Leaver", passwordHash: "x" },
      select: { id: true },
    });
    const membership = await db.membership.create({ data: { userId: user.id, courseId: fixture.courseId, role: "STUDENT" } });
    const { sessionId } = await startSession({ userId: user.id, userAgent: "test" });
    const access = (courseId: string | null): StreamAccess => ({ userId: user.id, courseId, credential: { kind: "session", sessionId } });
    const openAs = async (courseId: string | null) => {
      const actor = await authorizeLiveStream({ access: access(courseId), readingId: fixture.reading.id });
      const { timers, running } = countingTimers();
      const stream = openLiveStream({
        bus: busB,
        readingId: fixture.reading.id,
        access: access(courseId),
        actor,
        after: await readLiveStart(getDb()),
        reauthorize: () => authorizeLiveStream({ access: access(courseId), readingId: fixture.reading.id }),
        reauthorizeMs: 100,
        timers,
      });
      void stream.body.getReader().read();
      return { stream, running };
    };
    try {
      const course = await openAs(fixture.courseId);
      const notes = await openAs(null);
      await db.membership.delete({ where: { id: membership.id } });
      expect(await course.stream.ended).toBe("revoked");
      expect(course.running.size).toBe(0);
      expect(notes.stream.isOpen).toBe(true);
      notes.stream.close();
    } finally {
      await db.user.delete({ where: { id: user.id } });
    }
  });

  it("[LIVE] a refreshed context takes effect: a student moved to another group receives that group's posts", async () => {
    const db = getDb();
    let refreshed = 0;
    const stream = await open(busB, "studentNoGroup", {
      reauthorizeMs: 100,
      reauthorize: async (access) => {
        const actor = await authorizeLiveStream({ access, readingId: fixture.reading.id });
        refreshed += 1;
        return actor;
      },
    });
    const membership = await db.membership.findFirstOrThrow({
      where: { userId: fixture.users.studentNoGroup.id, courseId: fixture.courseId },
    });
    try {
      await db.membership.update({ where: { id: membership.id }, data: { groupId: fixture.groupB } });
      // Once a refresh that started after the move has finished, the stream reads as a member of group B.
      const seen = refreshed;
      await waitFor(() => refreshed >= seen + 2, "two refreshes");
      const groupPost = await fixture.post("studentB", {
        kind: "PARAGRAPH_POST",
        target: { paragraph: 2 },
        body: plainBody("For group B."),
        visibility: "GROUP",
      });
      await waitFor(() => stream.annotationIds().includes(groupPost.id), "the group post");
    } finally {
      await db.membership.update({ where: { id: membership.id }, data: { groupId: null } });
      stream.stream.close();
    }
  });
});
