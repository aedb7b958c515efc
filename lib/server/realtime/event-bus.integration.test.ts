import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importReading } from "../../domain/reading-import.ts";
import { createReply } from "../annotations/create-reply.ts";
import { deleteAnnotation } from "../annotations/delete-annotation.ts";
import { moderateAnnotation } from "../annotations/moderate-annotation.ts";
import { canReadAnnotation } from "../../domain/permissions.ts";
import { annotationViewSelect, presentAnnotation, presentationKey, type AnnotationView } from "../annotations/present-annotation.ts";
import { updateAnnotation } from "../annotations/update-annotation.ts";
import { disconnectDb, getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { saveImportedReading } from "../readings/save-imported-reading.ts";
import { compareLivePositions, formatLivePosition, parseLivePosition, type LivePosition } from "../../domain/live-position.ts";
import { createEventBus, type EventBus, type LiveEventPayload } from "./event-bus.ts";
import { readLiveStart } from "./event-horizon.ts";
import { recordAnnotationEvent } from "./record-annotation-event.ts";
import { plainBody, postOnReading, type PostInput } from "../testing/course-fixture.ts";
import { createPeople, type TestPerson } from "../testing/people.ts";
import { eventually } from "../testing/eventually.ts";

// The live channel over real LISTEN/NOTIFY. Two buses, each with its own LISTEN connection,
// stand for two app instances behind a load balancer: a write made through the services (which
// NOTIFY on commit) must reach subscribers of both, each filtered by the permission core.
// A "sentinel" post that everyone may read, written after the one under test, proves a negative:
// events arrive in order, so once a subscriber has the sentinel it would already have the other.
const prefix = `bus-${randomUUID().slice(0, 8)}`;

const READING_TEXT = [
  "Live Channel Test Reading",
  "",
  "Geneva, 1 May 2020",
  "",
  "The first paragraph speaks of information security and of the states that signed it.",
  "",
  "The second paragraph is about cooperation between the member states, in plain words.",
  "",
].join("\n");

const PEOPLE = ["instructor", "studentA1", "studentA2", "studentB"] as const;
type Person = (typeof PEOPLE)[number];

let users = {} as Record<Person, TestPerson>;
const readingIds: string[] = [];
let courseId = "";
let groupA = "";
let busA: EventBus;
let busB: EventBus;
const unsubscribes: (() => void)[] = [];

beforeAll(async () => {
  const db = getDb();
  users = await createPeople(prefix, PEOPLE);
  courseId = (await db.course.create({ data: { title: `${prefix} Live` } })).id;
  groupA = (await db.group.create({ data: { courseId, name: "A" } })).id;
  const groupB = (await db.group.create({ data: { courseId, name: "B" } })).id;
  const memberships = [
    { person: "instructor", role: "INSTRUCTOR", groupId: null },
    { person: "studentA1", role: "STUDENT", groupId: groupA },
    { person: "studentA2", role: "STUDENT", groupId: groupA },
    { person: "studentB", role: "STUDENT", groupId: groupB },
  ] as const;
  for (const { person, role, groupId } of memberships) {
    await db.membership.create({ data: { courseId, userId: users[person].id, role, groupId } });
  }
  busA = createEventBus();
  busB = createEventBus();
});

afterAll(async () => {
  for (const unsubscribe of unsubscribes) unsubscribe();
  await Promise.all([busA?.close(), busB?.close()]);
  const db = getDb();
  await db.annotationEvent.deleteMany({ where: { readingId: { in: readingIds } } });
  await db.course.deleteMany({ where: { id: courseId } });
  await db.reading.deleteMany({ where: { id: { in: readingIds } } });
  await db.user.deleteMany({ where: { id: { in: Object.values(users).map((user) => user.id) } } });
  await disconnectDb();
});

/** A fresh reading assigned in the course, so each test hears only its own events. */
async function makeReading(name: string): Promise<string> {
  const { readingId } = await saveImportedReading({ slug: `${prefix}-${name}`, reading: importReading(READING_TEXT) });
  readingIds.push(readingId);
  await getDb().assignment.create({ data: { courseId, readingId, title: `Read ${name}` } });
  return readingId;
}

function post(person: Person, readingId: string, text: string, fields: Partial<PostInput> = {}): Promise<AnnotationView> {
  return postOnReading(users[person].id, { readingId, courseId }, text, fields);
}

/** `id`: the event's position as sent ("<txid>-<id>"). */
type ReceivedEvent = { id: string; payload: LiveEventPayload };

/** What one subscriber was sent: the raw SSE chunks and the parsed annotation events. */
type Listener = { person: Person; chunks: string[]; events: ReceivedEvent[]; ids: () => string[]; annotationIds: () => string[] };

async function listen(
  bus: EventBus,
  person: Person,
  readingId: string,
  { context = courseId, after }: { context?: string | null; after?: LivePosition } = {},
): Promise<Listener> {
  const listener: Listener = {
    person,
    chunks: [],
    events: [],
    ids: () => listener.events.map((event) => event.id),
    annotationIds: () => listener.events.map((event) => annotationIdOf(event.payload)),
  };
  const send = (chunk: string) => {
    listener.chunks.push(chunk);
    const id = /^id: (\d+-\d+)$/m.exec(chunk)?.[1];
    const type = /^event: (.+)$/m.exec(chunk)?.[1];
    const data = /^data: (.*)$/m.exec(chunk)?.[1];
    if (type === "annotation" && id !== undefined && data !== undefined) {
      listener.events.push({ id, payload: JSON.parse(data) as LiveEventPayload });
    }
  };
  const subscription = bus.subscribe({
    readingId,
    courseId: context,
    actor: await loadActorContext(users[person].id),
    access: { userId: users[person].id, courseId: context, credential: { kind: "session", sessionId: "test-session" } },
    after: after ?? (await readLiveStart(getDb())),
    send,
    onRevoked: () => {},
  });
  unsubscribes.push(subscription.unsubscribe);
  await subscription.ready;
  return listener;
}

/** Polls until the predicate holds. */
async function waitFor(predicate: () => boolean, what = "the expected events"): Promise<void> {
  await eventually(what, predicate);
}

function annotationIdOf(payload: LiveEventPayload): string {
  return payload.type === "DELETED" || payload.type === "RETRACTED" ? payload.annotationId : payload.annotation.id;
}

function eventsAbout(listener: Listener, annotationId: string): ReceivedEvent[] {
  return listener.events.filter((event) => annotationIdOf(event.payload) === annotationId);
}

function waitForAnnotation(listener: Listener, annotationId: string, type: LiveEventPayload["type"]): Promise<void> {
  return waitFor(
    () => eventsAbout(listener, annotationId).some((event) => event.payload.type === type),
    `${listener.person} to receive ${type} for ${annotationId}`,
  );
}

function expectStrictlyIncreasing(ids: string[]): void {
  for (let index = 1; index < ids.length; index += 1) {
    const [current, previous] = [parseLivePosition(ids[index]), parseLivePosition(ids[index - 1])];
    expect(
      current !== null && previous !== null && compareLivePositions(current, previous) > 0,
      `event ${ids[index]} after ${ids[index - 1]}`,
    ).toBe(true);
  }
}

/** The log of a reading (and context), in delivery order, as positions. */
async function loggedPositions(where: { readingId: string; courseId?: string | null }, after?: LivePosition): Promise<string[]> {
  const events = await getDb().annotationEvent.findMany({
    where,
    orderBy: [{ txid: "asc" }, { id: "asc" }],
    select: { txid: true, id: true },
  });
  return events.filter((event) => !after || compareLivePositions(event, after) > 0).map(formatLivePosition);
}

/** A post everyone in the course may read; once it has arrived, anything written before it has too. */
async function sentinel(readingId: string, ...listeners: Listener[]): Promise<AnnotationView> {
  const view = await post("instructor", readingId, `Sentinel ${randomUUID()}`);
  for (const listener of listeners) await waitForAnnotation(listener, view.id, "CREATED");
  return view;
}

describe("the event bus over LISTEN/NOTIFY", () => {
  it("[LIVE] a post made through the service reaches subscribers on two app instances, presented for each", async () => {
    const readingId = await makeReading("two-instances");
    const onA = await listen(busA, "studentA2", readingId);
    const onB = await listen(busB, "studentB", readingId);
    const authorOnB = await listen(busB, "studentA1", readingId);
    const view = await post("studentA1", readingId, "Seen everywhere.");
    for (const listener of [onA, onB, authorOnB]) await waitForAnnotation(listener, view.id, "CREATED");

    const logged = await getDb().annotationEvent.findFirstOrThrow({
      where: { annotationId: view.id, type: "CREATED" },
      select: { id: true, txid: true },
    });
    for (const listener of [onA, onB, authorOnB]) {
      expect(listener.events).toHaveLength(1);
      expect(listener.events[0]?.id).toBe(formatLivePosition(logged));
      expect(listener.chunks[0]).toBe(
        `id: ${formatLivePosition(logged)}\nevent: annotation\ndata: ${JSON.stringify(listener.events[0]?.payload)}\n\n`,
      );
      expect(listener.events[0]?.payload).toMatchObject({
        type: "CREATED",
        rootId: view.id,
        annotation: {
          id: view.id,
          kind: "PARAGRAPH_POST",
          bodyHtml: "<p>Seen everywhere.</p>",
          author: users.studentA1,
          paragraphPosition: 1,
          visibility: "COURSE",
        },
      });
    }
    // Presented per reader: only the author may edit, and only the author gets the editor's document.
    const [forClassmate, forAuthor] = [onA.events[0]?.payload, authorOnB.events[0]?.payload];
    expect(forClassmate).toMatchObject({ annotation: { canEdit: false, body: null } });
    expect(forAuthor).toMatchObject({ annotation: { canEdit: true, body: plainBody("Seen everywhere.") } });
  });

  it("[VISIBILITY] a private note reaches only its author's subscriber; a classmate's stream never carries its text", async () => {
    const readingId = await makeReading("private");
    const author = await listen(busA, "studentA1", readingId);
    const classmate = await listen(busB, "studentA2", readingId);
    const instructor = await listen(busA, "instructor", readingId);
    const secret = `secret-${randomUUID()}`;
    const note = await post("studentA1", readingId, secret, { visibility: "PRIVATE" });
    await waitForAnnotation(author, note.id, "CREATED");
    await sentinel(readingId, classmate, instructor);

    expect(eventsAbout(author, note.id).map((event) => event.payload.type)).toEqual(["CREATED"]);
    for (const listener of [classmate, instructor]) {
      expect(eventsAbout(listener, note.id), listener.person).toEqual([]);
      expect(listener.chunks.join(""), listener.person).not.toContain(secret);
      expect(listener.chunks.join(""), listener.person).not.toContain(note.id);
    }
  });

  it("[VISIBILITY] a group post reaches the group's students and the instructor, not a student of another group", async () => {
    const readingId = await makeReading("group");
    const groupmate = await listen(busA, "studentA2", readingId);
    const instructor = await listen(busB, "instructor", readingId);
    const otherGroup = await listen(busB, "studentB", readingId);
    const groupText = `group-${randomUUID()}`;
    const view = await post("studentA1", readingId, groupText, { visibility: "GROUP" });
    await waitForAnnotation(groupmate, view.id, "CREATED");
    await waitForAnnotation(instructor, view.id, "CREATED");
    await sentinel(readingId, otherGroup);

    expect(eventsAbout(groupmate, view.id)[0]?.payload).toMatchObject({
      annotation: { groupId: groupA, visibility: "GROUP", bodyText: groupText },
    });
    expect(eventsAbout(otherGroup, view.id)).toEqual([]);
    expect(otherGroup.chunks.join("")).not.toContain(groupText);
  });

  it("[MODERATION] a hidden post's MODERATED and UPDATED events reach a student without content and its author with content", async () => {
    const readingId = await makeReading("hidden");
    const author = await listen(busA, "studentA1", readingId);
    const classmate = await listen(busB, "studentA2", readingId);
    const view = await post("studentA1", readingId, "Rude words.");
    await moderateAnnotation({ actorId: users.instructor.id, annotationId: view.id, action: { action: "hide", reason: "Be civil." } });
    const editedText = `edited-${randomUUID()}`;
    await updateAnnotation({ actorId: users.studentA1.id, annotationId: view.id, input: { body: plainBody(editedText) } });
    for (const listener of [author, classmate]) await waitForAnnotation(listener, view.id, "UPDATED");

    const typesOf = (listener: Listener) => eventsAbout(listener, view.id).map((event) => event.payload.type);
    expect(typesOf(classmate)).toEqual(["CREATED", "MODERATED", "UPDATED"]);
    expect(typesOf(author)).toEqual(["CREATED", "MODERATED", "UPDATED"]);
    const [, moderatedForClassmate, updatedForClassmate] = eventsAbout(classmate, view.id).map((event) => event.payload);
    for (const payload of [moderatedForClassmate, updatedForClassmate]) {
      expect(payload).toMatchObject({ annotation: { isHidden: true, bodyHtml: null, bodyText: null, hiddenReason: null } });
    }
    expect(classmate.chunks.join("")).not.toContain(editedText);
    expect(classmate.chunks.join("")).not.toContain("Be civil.");
    const [, moderatedForAuthor, updatedForAuthor] = eventsAbout(author, view.id).map((event) => event.payload);
    expect(moderatedForAuthor).toMatchObject({ annotation: { isHidden: true, bodyHtml: "<p>Rude words.</p>", hiddenReason: "Be civil." } });
    expect(updatedForAuthor).toMatchObject({ annotation: { isHidden: true, bodyText: editedText, hiddenReason: "Be civil." } });
  });

  it("[VISIBILITY] deleting a private note is announced to its author only; deleting a course post to everyone", async () => {
    const readingId = await makeReading("delete");
    const author = await listen(busA, "studentA1", readingId);
    const classmate = await listen(busB, "studentA2", readingId);
    const note = await post("studentA1", readingId, "Private, then gone.", { visibility: "PRIVATE" });
    const shared = await post("studentA1", readingId, "Shared, then gone.");
    await deleteAnnotation({ actorId: users.studentA1.id, annotationId: note.id });
    await deleteAnnotation({ actorId: users.studentA1.id, annotationId: shared.id });
    await waitForAnnotation(author, shared.id, "DELETED");
    await waitForAnnotation(classmate, shared.id, "DELETED");

    expect(eventsAbout(author, note.id).map((event) => event.payload)).toEqual([
      expect.objectContaining({ type: "CREATED" }),
      { type: "DELETED", rootId: note.id, annotationId: note.id, annotation: null },
    ]);
    expect(eventsAbout(classmate, note.id)).toEqual([]);
    expect(eventsAbout(classmate, shared.id).map((event) => event.payload)).toEqual([
      expect.objectContaining({ type: "CREATED" }),
      { type: "DELETED", rootId: shared.id, annotationId: shared.id, annotation: null },
    ]);
  });

  it("[LIVE] subscribers of another reading or of another context (personal notes vs the course) get nothing", async () => {
    const readingId = await makeReading("scoped");
    const otherReadingId = await makeReading("scoped-other");
    const otherReading = await listen(busA, "studentA2", otherReadingId);
    const personalContext = await listen(busB, "studentA2", readingId, { context: null });
    const ownPersonal = await listen(busB, "studentA1", readingId, { context: null });
    const courseView = await post("studentA1", readingId, "In the course.");
    const personalNote = await post("studentA1", readingId, "My own note.", { courseId: null });
    await waitForAnnotation(ownPersonal, personalNote.id, "CREATED");
    // Sentinels each of the others may read, in their own reading and context.
    const otherSentinel = await post("instructor", otherReadingId, "Elsewhere.");
    const ownNote = await post("studentA2", readingId, "Her own note.", { courseId: null });
    await waitForAnnotation(otherReading, otherSentinel.id, "CREATED");
    await waitForAnnotation(personalContext, ownNote.id, "CREATED");

    expect(otherReading.annotationIds()).toEqual([otherSentinel.id]);
    expect(personalContext.annotationIds()).toEqual([ownNote.id]);
    expect(ownPersonal.annotationIds()).toEqual([personalNote.id]);
    expect(ownPersonal.annotationIds()).not.toContain(courseView.id);
  });

  it("[LIVE] a subscriber resuming after an older event id gets the missed events in order, then live ones, with no duplicates", async () => {
    const readingId = await makeReading("resume");
    const before: AnnotationView[] = [];
    for (const index of [1, 2, 3]) before.push(await post("studentA1", readingId, `Before ${index}.`));
    const firstEvent = await getDb().annotationEvent.findFirstOrThrow({
      where: { annotationId: before[0]!.id },
      select: { id: true, txid: true },
    });
    // Posts keep arriving while the subscriber replays: some land in the replay, some in the buffer.
    const during = (async () => {
      const views: AnnotationView[] = [];
      for (const index of [1, 2, 3, 4]) views.push(await post("studentA1", readingId, `During ${index}.`));
      return views;
    })();
    const resumed = await listen(busA, "studentA2", readingId, { after: firstEvent });
    const duringViews = await during;
    const after: AnnotationView[] = [];
    for (const index of [1, 2]) after.push(await post("studentA1", readingId, `After ${index}.`));
    await waitForAnnotation(resumed, after[1]!.id, "CREATED");

    expect(resumed.ids()).toEqual(await loggedPositions({ readingId, courseId }, firstEvent));
    expectStrictlyIncreasing(resumed.ids());
    expect(resumed.annotationIds()).toEqual([...before.slice(1), ...duringViews, ...after].map((view) => view.id));
    expect(resumed.annotationIds()).not.toContain(before[0]!.id);
  });

  it("[VISIBILITY] a post turned from COURSE to PRIVATE sends its author the UPDATED event and classmates who saw it a retraction naming only its id", async () => {
    const readingId = await makeReading("narrowed");
    const author = await listen(busA, "studentA1", readingId);
    const classmate = await listen(busB, "studentA2", readingId);
    const instructor = await listen(busA, "instructor", readingId);
    const view = await post("studentA1", readingId, "Public for now.");
    await waitForAnnotation(classmate, view.id, "CREATED");
    const privateText = `now-private-${randomUUID()}`;
    await updateAnnotation({
      actorId: users.studentA1.id,
      annotationId: view.id,
      input: { visibility: "PRIVATE", body: plainBody(privateText) },
    });
    await waitForAnnotation(author, view.id, "UPDATED");
    await waitForAnnotation(classmate, view.id, "RETRACTED");
    await waitForAnnotation(instructor, view.id, "RETRACTED");

    // The log holds the wider (COURSE) snapshot: who saw it; the row is PRIVATE now: who may see it.
    const logged = await getDb().annotationEvent.findFirstOrThrow({
      where: { annotationId: view.id, type: "UPDATED" },
      select: { id: true, txid: true, visibility: true },
    });
    expect(logged.visibility).toBe("COURSE");
    expect(eventsAbout(author, view.id).map((event) => event.payload)).toEqual([
      expect.objectContaining({ type: "CREATED" }),
      expect.objectContaining({ type: "UPDATED", annotation: expect.objectContaining({ visibility: "PRIVATE", bodyText: privateText }) }),
    ]);
    for (const listener of [classmate, instructor]) {
      expect(eventsAbout(listener, view.id).map((event) => event.payload)).toEqual([
        expect.objectContaining({ type: "CREATED" }),
        { type: "RETRACTED", annotationId: view.id },
      ]);
      expect(listener.chunks.at(-1)).toBe(
        `id: ${formatLivePosition(logged)}\nevent: annotation\ndata: ${JSON.stringify({ type: "RETRACTED", annotationId: view.id })}\n\n`,
      );
      expect(listener.chunks.join("")).not.toContain(privateText);
    }
  });

  it("[VISIBILITY] a group post made private is retracted from its group and staff; a student of another group, who never saw it, hears nothing", async () => {
    const readingId = await makeReading("narrowed-group");
    const groupmate = await listen(busA, "studentA2", readingId);
    const instructor = await listen(busB, "instructor", readingId);
    const otherGroup = await listen(busB, "studentB", readingId);
    const view = await post("studentA1", readingId, "For group A.", { visibility: "GROUP" });
    await updateAnnotation({ actorId: users.studentA1.id, annotationId: view.id, input: { visibility: "PRIVATE" } });
    await waitForAnnotation(groupmate, view.id, "RETRACTED");
    await waitForAnnotation(instructor, view.id, "RETRACTED");
    await sentinel(readingId, otherGroup);
    expect(eventsAbout(otherGroup, view.id)).toEqual([]);
    expect(otherGroup.chunks.join("")).not.toContain(view.id);
  });

  it("[LIVE] quick posts, one after another or at once, reach every subscriber on both instances in commit order", async () => {
    const readingId = await makeReading("order");
    const listeners = [
      await listen(busA, "studentA2", readingId),
      await listen(busB, "studentB", readingId),
      await listen(busB, "instructor", readingId),
    ];
    const views: AnnotationView[] = [];
    for (const index of [1, 2, 3, 4, 5]) views.push(await post("studentA1", readingId, `Quick ${index}.`));
    views.push(...(await Promise.all([1, 2, 3, 4, 5].map((index) => post("studentA2", readingId, `At once ${index}.`)))));
    const expected = new Set(views.map((view) => view.id));
    for (const listener of listeners) {
      await waitFor(
        () => [...expected].every((id) => listener.annotationIds().includes(id)),
        `${listener.person} to receive all ten posts`,
      );
    }
    const logged = await loggedPositions({ readingId });
    for (const listener of listeners) {
      expectStrictlyIncreasing(listener.ids());
      expect(listener.ids(), listener.person).toEqual(logged);
      expect(listener.annotationIds().slice(0, 5)).toEqual(views.slice(0, 5).map((view) => view.id));
    }
  });

  it("[LIVE] an event that commits after a later one is still delivered, and before it; the later writer does not wait for it", async () => {
    const readingId = await makeReading("slow-commit");
    const listener = await listen(busA, "studentA2", readingId);
    const db = getDb();
    const paragraph = await db.paragraph.findFirstOrThrow({ where: { readingId, position: 2 }, select: { id: true } });
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let recorded = () => {};
    const hasRecorded = new Promise<void>((resolve) => {
      recorded = resolve;
    });
    // A slow writer: it logs its event (taking an id), then holds its transaction open.
    const slow = db.$transaction(
      async (tx) => {
        const row = await tx.annotation.create({
          data: {
            kind: "PARAGRAPH_POST",
            authorId: users.studentA1.id,
            readingId,
            paragraphId: paragraph.id,
            courseId,
            visibility: "COURSE",
            bodyText: "Slow.",
            bodyHtml: "<p>Slow.</p>",
          },
          select: annotationViewSelect,
        });
        await recordAnnotationEvent(tx, { type: "CREATED", annotation: row, actorId: users.studentA1.id });
        recorded();
        await gate;
        return row;
      },
      { timeout: 15_000 },
    );
    await hasRecorded;
    // A quick writer meanwhile: it commits without waiting for the slow one, and its event waits
    // below the slow transaction (the horizon) instead.
    const quickView = await post("studentA1", readingId, "Quick.");
    release();
    const slowRow = await slow;

    await waitFor(() => listener.annotationIds().includes(slowRow.id) && listener.annotationIds().includes(quickView.id), "both posts");
    expectStrictlyIncreasing(listener.ids());
    expect(listener.annotationIds()).toEqual([slowRow.id, quickView.id]);
  });

  it("[FAULTS] a bus whose LISTEN connection is cut (database restart) listens again and catches up on what was committed meanwhile, in order, once", async () => {
    const readingId = await makeReading("cut");
    const listeners = [await listen(busA, "studentA2", readingId), await listen(busB, "instructor", readingId)];
    const first = await post("studentA1", readingId, "Before the cut.");
    for (const listener of listeners) await waitForAnnotation(listener, first.id, "CREATED");
    // What a restart does to every session; only this database's live connections are cut.
    const cut = await getDb().$queryRaw<{ terminated: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'scholia-live'`;
    expect(cut.filter((row) => row.terminated).length).toBeGreaterThanOrEqual(2);
    const meanwhile: AnnotationView[] = [];
    for (const index of [1, 2, 3]) meanwhile.push(await post("studentA1", readingId, `While cut ${index}.`));
    const last = await post("studentA1", readingId, "After the cut.");
    for (const listener of listeners) await waitForAnnotation(listener, last.id, "CREATED");

    const logged = await loggedPositions({ readingId });
    for (const listener of listeners) {
      expect(listener.ids(), listener.person).toEqual(logged);
      expect(listener.annotationIds()).toEqual([first, ...meanwhile, last].map((view) => view.id));
    }
  });
});

describe("presenting an event once per kind of reader", () => {
  it("[VISIBILITY] readers with the same presentation key get the same view of a post, whatever it is (own, others', group, hidden, deleted)", async () => {
    const readingId = await makeReading("presentation-key");
    const course = await post("studentA1", readingId, "For the course.");
    const group = await post("studentA2", readingId, "For the group.", { visibility: "GROUP" });
    const hidden = await post("studentB", readingId, "Hidden soon.");
    await moderateAnnotation({ actorId: users.instructor.id, annotationId: hidden.id, action: { action: "hide", reason: "No." } });
    const gone = await post("studentA1", readingId, "Deleted soon, with a reply.");
    await createReply({ actorId: users.studentA2.id, parentId: gone.id, body: plainBody("A reply.") });
    await deleteAnnotation({ actorId: users.studentA1.id, annotationId: gone.id });
    const rows = await getDb().annotation.findMany({ where: { readingId }, select: annotationViewSelect });
    const actors = await Promise.all(PEOPLE.map((person) => loadActorContext(users[person].id)));
    let compared = 0;
    for (const row of rows) {
      const viewsByKey = new Map<string, AnnotationView>();
      for (const actor of actors) {
        if (!canReadAnnotation(actor, row)) continue;
        const key = presentationKey(actor, row);
        const view = presentAnnotation(actor, row);
        const earlier = viewsByKey.get(key);
        if (earlier) {
          expect(view, `${row.id} for ${actor.userId} (${key})`).toEqual(earlier);
          compared += 1;
        } else viewsByKey.set(key, view);
      }
    }
    expect(rows.map((row) => row.id)).toEqual(expect.arrayContaining([course.id, group.id, hidden.id, gone.id]));
    expect(compared).toBeGreaterThan(3);
  });
});
