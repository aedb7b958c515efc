import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Role } from "../../domain/permissions.ts";
import { importReading } from "../../domain/reading-import.ts";
import { createAnnotationInputSchema } from "../../domain/annotation-input.ts";
import { createAnnotation } from "../annotations/create-annotation.ts";
import { createReply } from "../annotations/create-reply.ts";
import { moderateAnnotation } from "../annotations/moderate-annotation.ts";
import type { AnnotationView } from "../annotations/present-annotation.ts";
import { getDb } from "../db.ts";
import { loadActorContext } from "../permissions/annotation-scope.ts";
import { saveImportedReading } from "../readings/save-imported-reading.ts";
import { createPeople } from "./people.ts";

// A permission matrix for integration tests that read what people posted (search, exports):
// one course with groups A and B and its people, another course with an outsider, and a reading
// assigned in both. Posts go through the real services. Everything is created under a random
// prefix and removed by cleanUp().

export const PARAGRAPHS = [
  "The first paragraph speaks of information security and of the states that signed it.",
  "The second paragraph is about cooperation between the member states, in plain words.",
  "A third paragraph closes the statement with a short remark.",
] as const;

export const PEOPLE = ["instructor", "ta", "studentA1", "studentA2", "studentB", "studentNoGroup", "outsider"] as const;
export type Person = (typeof PEOPLE)[number];

type CreateFields = Omit<z.input<typeof createAnnotationInputSchema>, "readingId" | "courseId"> & { courseId?: string | null };

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
  reply(person: Person, parentId: string, text: string): Promise<AnnotationView>;
  hide(annotationId: string): Promise<void>;
  /** The offsets of a phrase that occurs once in the reading. */
  rangeOf(phrase: string): { start: number; end: number };
  cleanUp(): Promise<void>;
};

export const plainBody = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

export async function createCourseFixture(name: string): Promise<CourseFixture> {
  const db = getDb();
  const prefix = `${name}-${randomUUID().slice(0, 8)}`;
  const users = await createPeople(prefix, PEOPLE);
  const course = await db.course.create({ data: { title: `${prefix} main course` } });
  const other = await db.course.create({ data: { title: `${prefix} other course` } });
  const groupA = (await db.group.create({ data: { courseId: course.id, name: "A" } })).id;
  const groupB = (await db.group.create({ data: { courseId: course.id, name: "B" } })).id;
  const memberships: { person: Person; courseId: string; role: Role; groupId: string | null }[] = [
    { person: "instructor", courseId: course.id, role: "INSTRUCTOR", groupId: null },
    { person: "ta", courseId: course.id, role: "TA", groupId: null },
    { person: "studentA1", courseId: course.id, role: "STUDENT", groupId: groupA },
    { person: "studentA2", courseId: course.id, role: "STUDENT", groupId: groupA },
    { person: "studentB", courseId: course.id, role: "STUDENT", groupId: groupB },
    { person: "studentNoGroup", courseId: course.id, role: "STUDENT", groupId: null },
    { person: "outsider", courseId: other.id, role: "STUDENT", groupId: null },
  ];
  await db.membership.createMany({ data: memberships.map(({ person, ...rest }) => ({ userId: users[person].id, ...rest })) });

  const text = [`Test Reading ${prefix}`, "", "Geneva, 1 May 2020", "", ...PARAGRAPHS.flatMap((paragraph) => [paragraph, ""])].join("\n");
  const imported = importReading(text);
  const slug = `${prefix}-reading`;
  const { readingId } = await saveImportedReading({ slug, reading: imported });
  await db.assignment.createMany({
    data: [
      { courseId: course.id, readingId, title: "Read it" },
      { courseId: other.id, readingId, title: "Read it too" },
    ],
  });
  const reading = { id: readingId, slug, title: imported.title ?? "", canonicalText: imported.canonicalText };

  return {
    prefix,
    users,
    courseId: course.id,
    otherCourseId: other.id,
    groupA,
    groupB,
    reading,
    actor: (person) => loadActorContext(users[person].id),
    post: (person, { courseId = course.id, ...fields }) =>
      createAnnotation({ actorId: users[person].id, input: createAnnotationInputSchema.parse({ ...fields, courseId, readingId }) }),
    reply: (person, parentId, replyText) => createReply({ actorId: users[person].id, parentId, body: plainBody(replyText) }),
    hide: async (annotationId) => {
      await moderateAnnotation({ actorId: users.instructor.id, annotationId, action: { action: "hide", reason: "Off topic" } });
    },
    rangeOf: (phrase) => {
      const start = imported.canonicalText.indexOf(phrase);
      if (start < 0 || imported.canonicalText.indexOf(phrase, start + 1) >= 0)
        throw new Error(`"${phrase}" must occur once in the reading`);
      return { start, end: start + phrase.length };
    },
    cleanUp: async () => {
      await db.course.deleteMany({ where: { id: { in: [course.id, other.id] } } });
      await db.reading.deleteMany({ where: { id: readingId } });
      await db.annotationEvent.deleteMany({ where: { readingId } });
      await db.user.deleteMany({ where: { id: { in: Object.values(users).map((user) => user.id) } } });
    },
  };
}
