// Who may read, edit, delete and moderate an annotation (docs/ARCHITECTURE.md, "Visibility").
//
// This is the single statement of the rule. The server turns the same READ_RULES data into a
// Prisma `where` (lib/server/permissions/annotation-scope.ts) so that a query can only return
// what the actor may see; the predicates below decide about one annotation already in hand
// (a mutation, a live event). Both are tested to agree.
//
// Pure TypeScript: no Next, no Prisma runtime, no lib/server. The string unions below are the
// same values as the Prisma enums, so rows from the database fit them as they are.

import { ARCHIVED_COURSE_MESSAGE } from "./course-permissions.ts";

export type Role = "INSTRUCTOR" | "TA" | "STUDENT";
export type Visibility = "PRIVATE" | "GROUP" | "COURSE";

export const ROLES = ["INSTRUCTOR", "TA", "STUDENT"] as const satisfies readonly Role[];
export const VISIBILITIES = ["PRIVATE", "GROUP", "COURSE"] as const satisfies readonly Visibility[];

export type ActorMembership = { courseId: string; role: Role; groupId: string | null };

/**
 * "Post first" (an assignment option): in that assignment, a student sees others' posts on a
 * paragraph only once they have posted on it themselves. One gate per such assignment the
 * student is assigned, with the paragraphs they have unlocked so far.
 */
export type PostFirstGate = { assignmentId: string; unlockedParagraphIds: ReadonlyArray<string> };

/** The signed-in user and every course they belong to: all a permission check needs. */
export type ActorContext = {
  userId: string;
  memberships: ReadonlyArray<ActorMembership>;
  /** Only students have gates; absent or empty means nothing is gated. */
  postFirstGates?: ReadonlyArray<PostFirstGate>;
  /** The actor's courses that are archived (read-only for everyone); absent means none. */
  archivedCourseIds?: ReadonlyArray<string>;
};

/** A reading as one actor reads it in one context: a course, or (courseId null) the actor's own notes. */
export type ReadingScope = { actor: ActorContext; readingId: string; courseId: string | null };

/** The fields of an annotation that decide who may do what with it. */
export type AnnotationFacts = {
  authorId: string;
  /** Null for a personal note outside any course. */
  courseId: string | null;
  groupId: string | null;
  visibility: Visibility;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  /**
   * Where the post sits, for the post-first gate. A caller that does not know them (a live
   * event's snapshot) leaves them out; the gate is then decided on the current row.
   */
  assignmentId?: string | null;
  paragraphId?: string;
};

/**
 * How far a member of a course reaches, for one visibility, among annotations of that course
 * written by others (an author always reads their own):
 * - "author-only": nobody but the author;
 * - "own-group": only annotations of the member's own group (none when the member has no group);
 * - "all": every annotation of the course with that visibility.
 */
export type ReadReach = "author-only" | "own-group" | "all";

/**
 * Visibility as data: per role, what a member may read in a course they belong to.
 * Staff follow every group's discussion because they moderate and grade it; a student's group
 * work is shared with that group only; PRIVATE is a note to oneself, whatever one's role.
 * Outside their courses nobody reads anything but their own annotations.
 */
export const READ_RULES = {
  INSTRUCTOR: { PRIVATE: "author-only", GROUP: "all", COURSE: "all" },
  TA: { PRIVATE: "author-only", GROUP: "all", COURSE: "all" },
  STUDENT: { PRIVATE: "author-only", GROUP: "own-group", COURSE: "all" },
} as const satisfies Record<Role, Record<Visibility, ReadReach>>;

/**
 * The visibilities every instructor and TA of a course reads in full: what a student shares with
 * the course's staff. A PRIVATE note is not among them, so it is neither assessed (insights,
 * grades) nor does it unlock a post-first paragraph.
 */
export const STAFF_READABLE_VISIBILITIES: readonly Visibility[] = VISIBILITIES.filter(
  (visibility) => READ_RULES.INSTRUCTOR[visibility] === "all" && READ_RULES.TA[visibility] === "all",
);

/**
 * Whether a student's own post opens a post-first paragraph to them: a post staff can see (a
 * comment, paragraph post or reply that is not a PRIVATE note) that is not deleted. A highlight
 * is not a post, and a private note would let a student unlock the discussion without sharing
 * anything. The server states the same rule as a query in loadActorContext.
 */
export function unlocksPostFirstParagraph(post: {
  kind: "HIGHLIGHT" | "COMMENT" | "PARAGRAPH_POST" | "REPLY";
  visibility: Visibility;
  deletedAt: Date | null;
}): boolean {
  return post.kind !== "HIGHLIGHT" && post.deletedAt === null && STAFF_READABLE_VISIBILITIES.includes(post.visibility);
}

/** Instructors and TAs: they read every group, see hidden posts and moderate. */
export function isStaffRole(role: Role): boolean {
  return role === "INSTRUCTOR" || role === "TA";
}

/** The actor's membership in a course, or undefined when they are not a member. */
export function findMembership(actor: ActorContext, courseId: string | null): ActorMembership | undefined {
  if (courseId === null) return undefined;
  return actor.memberships.find((membership) => membership.courseId === courseId);
}

export function isCourseStaff(actor: ActorContext, courseId: string | null): boolean {
  const membership = findMembership(actor, courseId);
  return membership !== undefined && isStaffRole(membership.role);
}

export function isAuthor(actor: ActorContext, annotation: Pick<AnnotationFacts, "authorId">): boolean {
  return annotation.authorId === actor.userId;
}

/**
 * Whether the actor may know the annotation exists (it appears in their thread). Hidden and
 * deleted annotations still pass: they show as placeholders; their content is decided by
 * canReadAnnotationContent.
 */
export function canReadAnnotation(actor: ActorContext, annotation: AnnotationFacts): boolean {
  if (isAuthor(actor, annotation)) return true;
  if (isBehindPostFirstGate(actor, annotation)) return false;
  // A personal note belongs to no course, so no membership can open it to anyone else.
  const membership = findMembership(actor, annotation.courseId);
  if (!membership) return false;
  const reach: ReadReach = READ_RULES[membership.role][annotation.visibility];
  switch (reach) {
    case "all":
      return true;
    case "own-group":
      // A GROUP annotation without a group belongs to no student's group: staff and author only.
      return membership.groupId !== null && membership.groupId === annotation.groupId;
    case "author-only":
      return false;
  }
}

/**
 * Whether a post-first assignment keeps this (someone else's) post from the actor: it belongs
 * to a gated assignment and sits on a paragraph the actor has not posted on yet.
 */
export function isBehindPostFirstGate(actor: ActorContext, annotation: AnnotationFacts): boolean {
  if (annotation.paragraphId === undefined) return false;
  const gate = findPostFirstGate(actor, annotation.assignmentId);
  return gate !== undefined && !gate.unlockedParagraphIds.includes(annotation.paragraphId);
}

/** The actor's post-first gate in an assignment (a student's, of a post-first assignment), if any. */
export function findPostFirstGate(actor: ActorContext, assignmentId: string | null | undefined): PostFirstGate | undefined {
  if (assignmentId == null) return undefined;
  return actor.postFirstGates?.find((candidate) => candidate.assignmentId === assignmentId);
}

/**
 * What the live channel does with one change to an annotation, for one reader with an open page:
 * - "send": they may read the annotation as it is now (presented as presentAnnotation decides);
 * - "retract": they could read it as it was (`snapshot`, the wider of its states before and after
 *   the change) but not as it is now (made more private, its paragraph or group closed to them,
 *   removed outright: `current` null): their page drops its card, highlight and count, and is
 *   told nothing but its id, which it already had;
 * - "skip": they could not read it even as it was, so they hear nothing of it, not even its id.
 *
 * The snapshot carries no place (paragraph, assignment); the post-first gate is decided on the
 * place the event recorded, or the current row's (a post never moves). A removed post with no
 * recorded place cannot be placed behind or before a gate: a gated reader is then not told.
 */
export type LiveDelivery = "send" | "retract" | "skip";

export function decideLiveDelivery(
  actor: ActorContext,
  { snapshot, current }: { snapshot: AnnotationFacts; current: AnnotationFacts | null },
): LiveDelivery {
  const place = {
    assignmentId: snapshot.assignmentId !== undefined ? snapshot.assignmentId : current?.assignmentId,
    paragraphId: snapshot.paragraphId ?? current?.paragraphId,
  };
  const isPlaced = place.paragraphId !== undefined && place.assignmentId !== undefined;
  if (!isPlaced && !isAuthor(actor, snapshot) && (actor.postFirstGates?.length ?? 0) > 0) return "skip";
  if (!canReadAnnotation(actor, { ...snapshot, ...place })) return "skip";
  if (current === null || !canReadAnnotation(actor, current)) return "retract";
  return "send";
}

/**
 * Whether the actor may read the annotation's body and target. A hidden post stays readable to
 * its author (so they know what was moderated) and to the course's staff (who may unhide it);
 * others see "hidden". A deleted post's content is gone for everyone: its thread keeps a
 * "deleted" placeholder so replies are not lost.
 */
export function canReadAnnotationContent(actor: ActorContext, annotation: AnnotationFacts): boolean {
  if (annotation.deletedAt !== null) return false;
  if (!canReadAnnotation(actor, annotation)) return false;
  if (annotation.hiddenAt === null) return true;
  return isAuthor(actor, annotation) || isCourseStaff(actor, annotation.courseId);
}

/**
 * What the actor may see of a post someone pointed them to (a notification, an email):
 * - "readable": its content;
 * - "post-first-locked": they could read it, but it sits on a post-first paragraph they have not
 *   posted on yet: say that a post is there and that posting unlocks it, never what it says;
 * - "unreadable": nothing (hidden, deleted, or not theirs to read).
 */
export type PointedContentAccess = "readable" | "post-first-locked" | "unreadable";

export function pointedContentAccess(actor: ActorContext, annotation: AnnotationFacts): PointedContentAccess {
  if (canReadAnnotationContent(actor, annotation)) return "readable";
  if (!isBehindPostFirstGate(actor, annotation)) return "unreadable";
  const withoutGates: ActorContext = { ...actor, postFirstGates: [] };
  return canReadAnnotationContent(withoutGates, annotation) ? "post-first-locked" : "unreadable";
}

/**
 * Whether the actor may still write in a context: their personal notes always; a course only
 * while they are a member of it. Someone removed from a course (or who left it) still reads
 * what they wrote there, but edits, deletes, replies and reacts no more: classmates would see
 * changes from a person who is no longer in the class.
 */
export function canWriteInContext(actor: ActorContext, courseId: string | null): boolean {
  return describeWriteRefusal(actor, courseId) === null;
}

/** Why the actor may not write in a context (not a member, or the course is archived), or null. */
export function describeWriteRefusal(actor: ActorContext, courseId: string | null): string | null {
  if (courseId === null) return null;
  if (findMembership(actor, courseId) === undefined) return NOT_A_MEMBER_MESSAGE;
  if (actor.archivedCourseIds?.includes(courseId)) return ARCHIVED_COURSE_MESSAGE;
  return null;
}

/** Only the author edits, even staff do not: a post says what its author wrote. */
export function canEditAnnotation(actor: ActorContext, annotation: AnnotationFacts): boolean {
  return isAuthor(actor, annotation) && annotation.deletedAt === null && canWriteInContext(actor, annotation.courseId);
}

/** Only the author deletes; staff hide instead, which can be undone. */
export function canDeleteAnnotation(actor: ActorContext, annotation: AnnotationFacts): boolean {
  return isAuthor(actor, annotation) && annotation.deletedAt === null && canWriteInContext(actor, annotation.courseId);
}

/** What a former member is told when they try to change a post of the course. */
export const NOT_A_MEMBER_MESSAGE = "You are no longer a member of this course, so you cannot change its posts.";

/**
 * Hide, unhide, pin, endorse: the course's instructors and TAs, on what they can read. Personal
 * notes have no course and so no moderator; a deleted post has nothing left to moderate.
 */
export function canModerateAnnotation(actor: ActorContext, annotation: AnnotationFacts): boolean {
  return (
    annotation.deletedAt === null &&
    isCourseStaff(actor, annotation.courseId) &&
    canWriteInContext(actor, annotation.courseId) &&
    canReadAnnotation(actor, annotation)
  );
}

/**
 * The visibilities the actor may post with in a context (courseId null = a personal note).
 * A personal note can only be PRIVATE. In a course, GROUP needs a group to share with: a student
 * without one cannot choose it; staff may (the group is given with the post). Non-members
 * cannot post in a course at all.
 */
export function allowedVisibilities(actor: ActorContext, courseId: string | null): Visibility[] {
  if (courseId === null) return ["PRIVATE"];
  const membership = findMembership(actor, courseId);
  if (!membership) return [];
  if (!isStaffRole(membership.role) && membership.groupId === null) return ["PRIVATE", "COURSE"];
  return ["PRIVATE", "GROUP", "COURSE"];
}
