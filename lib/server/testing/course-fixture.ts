import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Role, Visibility } from "../../domain/permissions.ts";
import { importReading } from "../../domain/reading-import.ts";
import { createAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { createAnnotation } from "../annotations/create-annotation.ts";
import { createReply } from "../annotations/create-reply.ts";
import { moderateAnnotation } from "../annotations/moderate-annotation.ts";
import type { AnnotationView } from "../annotations/present-annotation.ts";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { saveImportedReading } from "../readings/save-imported-reading.ts";
import { createPeople, type TestPerson } from "./people.ts";

// The seed data of integration tests, one way: people, courses with their groups and members,
// readings. createTestWorld() makes them under a random prefix and remembers them, so that one
// cleanUp() removes all (courses, readings and users cascade to memberships, groups, assignments
// and posts; the live channel's event log, which has no foreign keys, is deleted by reading).
// createCourseFixture() is a ready-made permission matrix built on it.

/** Where someone sits in a course: a role, or the name of the group they are a student of. */
export type Seat<Group extends string> = Role | Group;

export type TestCourse<Group extends string> = { id: string; title: string; groups: Record<Group, string> };

export type TestReading = { id: string; slug: string; title: string; canonicalText: string; assignmentId: string | null };

export type TestWorld<Person extends string> = {
  prefix: string;
  users: Record<Person, TestPerson>;
  /** A course titled "prefix title", with its groups and its members. */
  course<Group extends string = never>(
    title: string,
    options?: { groups?: readonly Group[]; members?: Partial<Record<Person, Seat<Group>>> },
  ): Promise<TestCourse<Group>>;
  /** An imported reading (slug "prefix-name"), assigned in a course as "Read name" when told. */
  reading(name: string, text: string, options?: { assignIn?: string }): Promise<TestReading>;
  /** A reading made some other way (by the service under test), to be removed with the rest. */
  keepReading(readingId: string): void;
  cleanUp(): Promise<void>;
};

/** The test readings' paragraphs. */
export const PARAGRAPHS = [
  "The first paragraph speaks of information security and of the states that signed it.",
  "The second paragraph is about cooperation between the member states, in plain words.",
  "A third paragraph closes the statement with a short remark.",
] as const;

/** The text of the test readings: a title, a date line and the paragraphs, as importReading reads them. */
export function statementText(title: string, paragraphs: readonly string[] = PARAGRAPHS): string {
  return [title, "", "Geneva, 1 May 2020", "", ...paragraphs.flatMap((paragraph) => [paragraph, ""])].join("\n");
}

/** Creates the people (see createPeople) under the prefix `${name}-<random>`. */
export async function createTestWorld<Person extends string>(
  name: string,
  people: readonly Person[],
  options: { nameOf?: (person: Person) => string } = {},
): Promise<TestWorld<Person>> {
  const db = getDb();
  const prefix = `${name}-${randomUUID().slice(0, 8)}`;
  const users = await createPeople(prefix, people, options);
  const courseIds: string[] = [];
  const readingIds: string[] = [];
  return {
    prefix,
    users,
    course: async <Group extends string = never>(
      title: string,
      { groups = [], members = {} }: { groups?: readonly Group[]; members?: Partial<Record<Person, Seat<Group>>> } = {},
    ) => {
      const course = await db.course.create({ data: { title: `${prefix} ${title}` }, select: { id: true, title: true } });
      courseIds.push(course.id);
      const groupIds = {} as Record<Group, string>;
      for (const group of groups) groupIds[group] = (await db.group.create({ data: { courseId: course.id, name: group } })).id;
      const seats = Object.entries(members) as [Person, Seat<Group>][];
      await db.membership.createMany({
        data: seats.map(([person, seat]) => {
          const groupId = (groupIds as Record<string, string | undefined>)[seat] ?? null;
          return { courseId: course.id, userId: users[person].id, role: groupId ? "STUDENT" : (seat as Role), groupId };
        }),
      });
      return { ...course, groups: groupIds };
    },
    reading: async (readingName, text, { assignIn } = {}) => {
      const imported = importReading(text);
      const slug = `${prefix}-${readingName}`;
      const { readingId } = await saveImportedReading({ slug, reading: imported });
      readingIds.push(readingId);
      const assignment = assignIn
        ? await db.assignment.create({ data: { courseId: assignIn, readingId, title: `Read ${readingName}` }, select: { id: true } })
        : null;
      return {
        id: readingId,
        slug,
        title: imported.title ?? "",
        canonicalText: imported.canonicalText,
        assignmentId: assignment?.id ?? null,
      };
    },
    keepReading: (readingId) => void readingIds.push(readingId),
    cleanUp: async () => {
      await db.course.deleteMany({ where: { id: { in: courseIds } } });
      await db.reading.deleteMany({ where: { id: { in: readingIds } } });
      await db.annotationEvent.deleteMany({ where: { readingId: { in: readingIds } } });
      await db.user.deleteMany({ where: { id: { in: Object.values<TestPerson>(users).map((user) => user.id) } } });
    },
  };
}

// A permission matrix for integration tests that read what people posted (search, exports):
// one course with groups A and B and its people, another course with an outsider, and a reading
// assigned in both. Posts go through the real services. Everything is created under a random
// prefix and removed by cleanUp().

export const PEOPLE = ["instructor", "ta", "studentA1", "studentA2", "studentB", "studentNoGroup", "outsider"] as const;
export type Person = (typeof PEOPLE)[number];
/** Who sits where in the main course: staff, two students of group A, one of group B, one of no group. */
export const CLASS_SEATS = {
  instructor: "INSTRUCTOR",
  ta: "TA",
  studentA1: "A",
  studentA2: "A",
  studentB: "B",
  studentNoGroup: "STUDENT",
} as const satisfies Partial<Record<Person, Seat<"A" | "B">>>;

type CreateFields = Omit<z.input<typeof createAnnotationInputSchema>, "readingId" | "courseId"> & { courseId?: string | null };

/** Where a post of onParagraph() or onPhrase() goes, besides its target and text (the main course, by default). */
type PostFields = { visibility?: Visibility; groupId?: string; courseId?: string | null; tags?: string[] };

export type CourseFixture = {
  prefix: string;
  users: Record<Person, { id: string; name: string }>;
  courseId: string;
  otherCourseId: string;
  groupA: string;
  groupB: string;
  reading: { id: string; slug: string; title: string; canonicalText: string };
  actor(person: Person): ReturnType<typeof loadActorContext>;
  /** A post in the main course (unless courseId says otherwise), through createAnnotation. */
  post(person: Person, fields: CreateFields): Promise<AnnotationView>;
  /** The id of a post on a paragraph, of `text`, through post(). */
  onParagraph(person: Person, paragraph: number, text: string, fields?: PostFields): Promise<string>;
  /** The id of a comment on a phrase that occurs once in the reading, of `text`, through post(). */
  onPhrase(person: Person, phrase: string, text: string, fields?: PostFields): Promise<string>;
  reply(person: Person, parentId: string, text: string): Promise<AnnotationView>;
  hide(annotationId: string): Promise<void>;
  /** The offsets of a phrase that occurs once in the reading. */
  rangeOf(phrase: string): { start: number; end: number };
  cleanUp(): Promise<void>;
};

export const plainBody = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

/** What a post may say besides its reading: the API's create body. */
export type PostInput = Omit<z.input<typeof createAnnotationInputSchema>, "readingId">;

/**
 * A post through createAnnotation, its input parsed as the API parses it: on the reading in the
 * course, a paragraph post on paragraph 1 saying `text`, unless `fields` say otherwise.
 */
export function postOnReading(
  actorId: string,
  place: { readingId: string; courseId: string | null },
  text: string,
  fields: Partial<PostInput> = {},
): Promise<AnnotationView> {
  return createAnnotation({
    actorId,
    input: createAnnotationInputSchema.parse({
      courseId: place.courseId,
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody(text),
      ...fields,
      readingId: place.readingId,
    }),
  });
}

export async function createCourseFixture(name: string): Promise<CourseFixture> {
  const world = await createTestWorld(name, PEOPLE);
  const { prefix, users } = world;
  const course = await world.course("main course", { groups: ["A", "B"], members: CLASS_SEATS });
  const other = await world.course("other course", { members: { outsider: "STUDENT" } });
  const reading = await world.reading("reading", statementText(`Test Reading ${prefix}`));
  const readingId = reading.id;
  await getDb().assignment.createMany({
    data: [
      { courseId: course.id, readingId, title: "Read it" },
      { courseId: other.id, readingId, title: "Read it too" },
    ],
  });
  const post: CourseFixture["post"] = (person, { courseId = course.id, ...fields }) =>
    createAnnotation({ actorId: users[person].id, input: createAnnotationInputSchema.parse({ ...fields, courseId, readingId }) });
  const rangeOf = (phrase: string) => {
    const start = reading.canonicalText.indexOf(phrase);
    if (start < 0 || reading.canonicalText.indexOf(phrase, start + 1) >= 0) throw new Error(`"${phrase}" must occur once in the reading`);
    return { start, end: start + phrase.length };
  };

  return {
    prefix,
    users,
    courseId: course.id,
    otherCourseId: other.id,
    groupA: course.groups.A,
    groupB: course.groups.B,
    reading: { id: readingId, slug: reading.slug, title: reading.title, canonicalText: reading.canonicalText },
    actor: (person) => loadActorContext(users[person].id),
    post,
    onParagraph: async (person, paragraph, postText, fields = {}) =>
      (await post(person, { kind: "PARAGRAPH_POST", target: { paragraph }, body: plainBody(postText), ...fields })).id,
    onPhrase: async (person, phrase, postText, fields = {}) =>
      (await post(person, { kind: "COMMENT", target: rangeOf(phrase), body: plainBody(postText), ...fields })).id,
    reply: (person, parentId, replyText) => createReply({ actorId: users[person].id, parentId, body: plainBody(replyText) }),
    hide: async (annotationId) => {
      await moderateAnnotation({ actorId: users.instructor.id, annotationId, action: { action: "hide", reason: "Off topic" } });
    },
    rangeOf,
    cleanUp: () => world.cleanUp(),
  };
}

// A visibility matrix for the tests of the read rules themselves (annotation-scope and its SQL):
// the main course with groups A and B, another course that studentNoGroup and the outsider are
// in, someone in no course, and a one-paragraph reading. Posts are written straight into the table,
// so that any combination of context, visibility, hiding and deletion can be made.

export const MATRIX_PEOPLE = ["instructor", "ta", "studentA1", "studentA2", "studentB", "studentNoGroup", "outsider", "loner"] as const;
export type MatrixPerson = (typeof MATRIX_PEOPLE)[number];

export type PostSeed = {
  author: MatrixPerson;
  course: "main" | "other" | null;
  group: "A" | "B" | null;
  visibility: Visibility;
  isHidden?: boolean;
  isDeleted?: boolean;
};

export type VisibilityMatrix = {
  prefix: string;
  userIds: Record<MatrixPerson, string>;
  /** The main course's id, then the other's. */
  courseIds: [string, string];
  readingId: string;
  paragraphId: string;
  /** Writes the posts (each with its body text; hidden ones hidden by the instructor) and returns their ids in order. */
  insertPosts(posts: readonly { seed: PostSeed; bodyText: string }[]): Promise<string[]>;
  cleanUp(): Promise<void>;
};

/** The matrix, people named by their role in it; `outsiderRole` is the outsider's in the other course. */
export async function createVisibilityMatrix(name: string, { outsiderRole }: { outsiderRole: Role }): Promise<VisibilityMatrix> {
  const db = getDb();
  const world = await createTestWorld(name, MATRIX_PEOPLE, { nameOf: (person) => person });
  const { prefix, users } = world;
  const main = await world.course("main course", { groups: ["A", "B"], members: CLASS_SEATS });
  const other = await world.course("other course", { members: { studentNoGroup: "STUDENT", outsider: outsiderRole } });
  const text = "The member states are concerned about the use of information technologies.";
  const reading = await db.reading.create({
    data: {
      slug: `${prefix}-reading`,
      title: "Visibility matrix reading",
      canonicalText: text,
      paragraphs: { create: [{ position: 1, key: `${prefix}-p1`, text, startOffset: 0 }] },
    },
    select: { id: true, paragraphs: { select: { id: true } } },
  });
  world.keepReading(reading.id);
  const paragraphId = reading.paragraphs[0]!.id;
  const courseOf = { main: main.id, other: other.id };
  return {
    prefix,
    userIds: Object.fromEntries(MATRIX_PEOPLE.map((person) => [person, users[person].id])) as Record<MatrixPerson, string>,
    courseIds: [main.id, other.id],
    readingId: reading.id,
    paragraphId,
    insertPosts: async (posts) => {
      const rows = await db.annotation.createManyAndReturn({
        data: posts.map(({ seed, bodyText }) => ({
          kind: "PARAGRAPH_POST" as const,
          authorId: users[seed.author].id,
          readingId: reading.id,
          paragraphId,
          courseId: seed.course ? courseOf[seed.course] : null,
          groupId: seed.group ? main.groups[seed.group] : null,
          visibility: seed.visibility,
          bodyText,
          hiddenAt: seed.isHidden ? new Date() : null,
          hiddenById: seed.isHidden ? users.instructor.id : null,
          deletedAt: seed.isDeleted ? new Date() : null,
        })),
        select: { id: true, bodyText: true },
      });
      const idOf = new Map(rows.map((row) => [row.bodyText, row.id]));
      return posts.map(({ bodyText }) => idOf.get(bodyText)!);
    },
    cleanUp: () => world.cleanUp(),
  };
}
