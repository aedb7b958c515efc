import { describe, expect, it } from "vitest";
import {
  allowedVisibilities,
  canDeleteAnnotation,
  canEditAnnotation,
  canModerateAnnotation,
  canReadAnnotation,
  canReadAnnotationContent,
  canWriteInContext,
  decideLiveDelivery,
  describeWriteRefusal,
  NOT_A_MEMBER_MESSAGE,
  pointedContentAccess,
  READ_RULES,
  unlocksPostFirstParagraph,
  VISIBILITIES,
  type ActorContext,
  type AnnotationFacts,
  type Visibility,
} from "./permissions.ts";
import { ARCHIVED_COURSE_MESSAGE } from "./course-permissions.ts";

// One course with groups A and B; the author is a student of group A. The outsider is staff of
// another course, to prove that a role in one course opens nothing in another.
const COURSE = "course-1";
const OTHER_COURSE = "course-2";
const GROUP_A = "group-a";
const GROUP_B = "group-b";

const ACTORS = {
  author: { userId: "author", memberships: [{ courseId: COURSE, role: "STUDENT", groupId: GROUP_A }] },
  instructor: { userId: "instructor", memberships: [{ courseId: COURSE, role: "INSTRUCTOR", groupId: null }] },
  ta: { userId: "ta", memberships: [{ courseId: COURSE, role: "TA", groupId: null }] },
  studentInGroup: { userId: "student-a", memberships: [{ courseId: COURSE, role: "STUDENT", groupId: GROUP_A }] },
  studentOutsideGroup: { userId: "student-b", memberships: [{ courseId: COURSE, role: "STUDENT", groupId: GROUP_B }] },
  studentWithoutGroup: { userId: "student-none", memberships: [{ courseId: COURSE, role: "STUDENT", groupId: null }] },
  outsider: { userId: "outsider", memberships: [{ courseId: OTHER_COURSE, role: "INSTRUCTOR", groupId: null }] },
} as const satisfies Record<string, ActorContext>;

type ActorKind = keyof typeof ACTORS;

const ACTOR_PHRASES: Record<ActorKind, string> = {
  author: "the author",
  instructor: "an instructor of the course",
  ta: "a TA of the course",
  studentInGroup: "a student in the group",
  studentOutsideGroup: "a student outside the group",
  studentWithoutGroup: "a student without a group",
  outsider: "a non-member (staff of another course)",
};

type Context = "course" | "personal";
type State = "visible" | "hidden" | "deleted";
type Action = "read" | "read content" | "edit" | "delete" | "moderate";

const CHECKS: Record<Action, (actor: ActorContext, annotation: AnnotationFacts) => boolean> = {
  read: canReadAnnotation,
  "read content": canReadAnnotationContent,
  edit: canEditAnnotation,
  delete: canDeleteAnnotation,
  moderate: canModerateAnnotation,
};

const ACTION_PHRASES: Record<Action, string> = {
  read: "see",
  "read content": "read the content of",
  edit: "edit",
  delete: "delete",
  moderate: "moderate",
};

const ACTION_TAGS: Record<Action, string> = {
  read: "[VISIBILITY]",
  "read content": "[VISIBILITY]",
  edit: "[AUTHORSHIP]",
  delete: "[AUTHORSHIP]",
  moderate: "[MODERATION]",
};

type Case = { actor: ActorKind; visibility: Visibility; context: Context; state: State; action: Action };
type Outcome = { isAllowed: boolean; because: string };

const allow = (because: string): Outcome => ({ isAllowed: true, because });
const deny = (because: string): Outcome => ({ isAllowed: false, because });

const isStaffOfCourse = (actor: ActorKind) => actor === "instructor" || actor === "ta";

// The rules of docs/ARCHITECTURE.md, "Visibility", stated case by case in words; written independently of
// the code under test so that a mistake in one shows up as a disagreement.
function expectedRead({ actor, visibility, context }: Case): Outcome {
  if (actor === "author") return allow("the author always sees their own post");
  if (context === "personal") return deny("a personal note is its author's only");
  if (actor === "outsider") return deny("non-members see nothing of a course");
  switch (visibility) {
    case "PRIVATE":
      return deny("PRIVATE is the author's only");
    case "COURSE":
      return allow("every member of the course reads COURSE posts");
    case "GROUP":
      if (isStaffOfCourse(actor)) return allow("instructors and TAs read every group");
      if (actor === "studentInGroup") return allow("members of the group read its GROUP posts");
      return deny("only the group and the course's staff read GROUP posts");
  }
}

function expectedOutcome(row: Case): Outcome {
  const read = expectedRead(row);
  switch (row.action) {
    case "read":
      return row.state === "deleted" && read.isAllowed ? allow(`${read.because}, deleted shows as a placeholder`) : read;
    case "read content":
      if (!read.isAllowed) return read;
      if (row.state === "deleted") return deny("a deleted post's content is gone for everyone");
      if (row.state === "visible") return allow(read.because);
      if (row.actor === "author") return allow("a hidden post stays readable to its author");
      if (isStaffOfCourse(row.actor)) return allow("a hidden post stays readable to the course's staff");
      return deny("a hidden post shows as hidden to students");
    case "edit":
    case "delete":
      if (row.actor !== "author") return deny(`only the author may ${row.action}`);
      if (row.state === "deleted") return deny("a deleted post cannot be changed again");
      return allow(`the author may ${row.action} their post`);
    case "moderate":
      if (row.context === "personal") return deny("a personal note has no course, so no moderator");
      if (!isStaffOfCourse(row.actor)) return deny("only the course's instructors and TAs moderate");
      if (!read.isAllowed) return deny("staff moderate only what they can see");
      if (row.state === "deleted") return deny("a deleted post has nothing left to moderate");
      return allow("the course's instructors and TAs moderate what they can see");
  }
}

function annotationFor({ visibility, context, state }: Case): AnnotationFacts {
  const inCourse = context === "course";
  return {
    authorId: ACTORS.author.userId,
    courseId: inCourse ? COURSE : null,
    groupId: inCourse ? GROUP_A : null,
    visibility,
    hiddenAt: state === "hidden" ? new Date("2026-01-02T10:00:00Z") : null,
    deletedAt: state === "deleted" ? new Date("2026-01-03T10:00:00Z") : null,
  };
}

function titleOf(row: Case, outcome: Outcome): string {
  const state = row.state === "visible" ? "" : `${row.state} `;
  const where = row.context === "course" ? "in the course" : "as a personal note";
  const verdict = outcome.isAllowed ? "can" : "cannot";
  return `${ACTION_TAGS[row.action]} ${ACTOR_PHRASES[row.actor]} ${verdict} ${ACTION_PHRASES[row.action]} a ${state}${row.visibility} annotation ${where}: ${outcome.because}`;
}

function buildCases(states: readonly State[]) {
  const rows = [];
  for (const state of states)
    for (const context of ["course", "personal"] as const)
      for (const visibility of VISIBILITIES)
        for (const actor of Object.keys(ACTORS) as ActorKind[])
          for (const action of Object.keys(CHECKS) as Action[]) {
            const row: Case = { actor, visibility, context, state, action };
            const outcome = expectedOutcome(row);
            rows.push({ ...row, isAllowed: outcome.isAllowed, title: titleOf(row, outcome) });
          }
  return rows;
}

describe("annotation permissions, every actor × visibility × context × hidden × action", () => {
  const cases = buildCases(["visible", "hidden"]);

  it("[VISIBILITY] the table covers all 7 × 3 × 2 × 2 × 5 combinations", () => {
    expect(cases).toHaveLength(7 * 3 * 2 * 2 * 5);
    expect(new Set(cases.map((row) => row.title)).size).toBe(cases.length);
  });

  it.each(cases.map((row) => [row.title, row] as const))("%s", (_title, { actor, action, isAllowed, ...row }) => {
    const annotation = annotationFor({ actor, action, ...row });
    expect(CHECKS[action](ACTORS[actor], annotation)).toBe(isAllowed);
  });
});

describe("deleted annotations", () => {
  it.each(buildCases(["deleted"]).map((row) => [row.title, row] as const))("%s", (_title, { actor, action, isAllowed, ...row }) => {
    const annotation = annotationFor({ actor, action, ...row });
    expect(CHECKS[action](ACTORS[actor], annotation)).toBe(isAllowed);
  });
});

describe("edge cases of the visibility rule", () => {
  const groupless: AnnotationFacts = {
    authorId: ACTORS.author.userId,
    courseId: COURSE,
    groupId: null,
    visibility: "GROUP",
    hiddenAt: null,
    deletedAt: null,
  };

  it.each(
    (
      [
        ["author", true],
        ["instructor", true],
        ["ta", true],
        ["studentInGroup", false],
        ["studentOutsideGroup", false],
        ["studentWithoutGroup", false],
        ["outsider", false],
      ] as const
    ).map(
      ([actor, isAllowed]) =>
        [
          `[VISIBILITY] ${ACTOR_PHRASES[actor]} ${isAllowed ? "can" : "cannot"} see a GROUP annotation that has no group: staff and author only`,
          actor,
          isAllowed,
        ] as const,
    ),
  )("%s", (_title, actor, isAllowed) => {
    expect(canReadAnnotation(ACTORS[actor], groupless)).toBe(isAllowed);
  });

  it("[VISIBILITY] a student without a group cannot see a GROUP annotation without a group (null never matches null)", () => {
    expect(canReadAnnotation(ACTORS.studentWithoutGroup, groupless)).toBe(false);
    expect(canReadAnnotationContent(ACTORS.studentWithoutGroup, groupless)).toBe(false);
  });

  it("[VISIBILITY] a role is per course: a TA elsewhere who is a groupless student here cannot see this course's GROUP posts", () => {
    const actor: ActorContext = {
      userId: "mixed",
      memberships: [
        { courseId: OTHER_COURSE, role: "TA", groupId: null },
        { courseId: COURSE, role: "STUDENT", groupId: null },
      ],
    };
    const groupPost: AnnotationFacts = { ...groupless, groupId: GROUP_A };
    expect(canReadAnnotation(actor, groupPost)).toBe(false);
    expect(canReadAnnotation(actor, { ...groupPost, visibility: "COURSE" })).toBe(true);
    expect(canModerateAnnotation(actor, { ...groupPost, visibility: "COURSE" })).toBe(false);
  });

  it("[MEMBERSHIP] an author who left (or was removed from) the course still reads their post, but edits, deletes and moderates it no more", () => {
    const formerInstructor: ActorContext = {
      userId: "former",
      memberships: [{ courseId: OTHER_COURSE, role: "INSTRUCTOR", groupId: null }],
    };
    const post: AnnotationFacts = { ...groupless, authorId: "former", visibility: "COURSE", hiddenAt: new Date() };
    expect(canReadAnnotation(formerInstructor, post)).toBe(true);
    expect(canReadAnnotationContent(formerInstructor, post)).toBe(true);
    expect(canEditAnnotation(formerInstructor, post)).toBe(false);
    expect(canDeleteAnnotation(formerInstructor, post)).toBe(false);
    expect(canModerateAnnotation(formerInstructor, post)).toBe(false);
    expect(canWriteInContext(formerInstructor, COURSE)).toBe(false);
    expect(canWriteInContext(formerInstructor, OTHER_COURSE)).toBe(true);
  });

  it("[MEMBERSHIP] a personal note stays its author's to change, whatever courses they are in", () => {
    const nobody: ActorContext = { userId: "former", memberships: [] };
    const note: AnnotationFacts = { ...groupless, authorId: "former", courseId: null, visibility: "PRIVATE" };
    expect(canWriteInContext(nobody, null)).toBe(true);
    expect(canEditAnnotation(nobody, note)).toBe(true);
    expect(canDeleteAnnotation(nobody, note)).toBe(true);
  });

  it("[MODERATION] staff of the course cannot moderate a PRIVATE post of a student, since they cannot see it", () => {
    const privatePost: AnnotationFacts = { ...groupless, visibility: "PRIVATE" };
    expect(canModerateAnnotation(ACTORS.instructor, privatePost)).toBe(false);
    expect(canModerateAnnotation(ACTORS.ta, privatePost)).toBe(false);
  });
});

describe("READ_RULES, the visibility rule as data", () => {
  it("[VISIBILITY] instructors and TAs read every group; students only their own; PRIVATE is the author's for every role", () => {
    expect(READ_RULES).toEqual({
      INSTRUCTOR: { PRIVATE: "author-only", GROUP: "all", COURSE: "all" },
      TA: { PRIVATE: "author-only", GROUP: "all", COURSE: "all" },
      STUDENT: { PRIVATE: "author-only", GROUP: "own-group", COURSE: "all" },
    });
  });
});

describe("allowedVisibilities", () => {
  it.each([
    ["a personal note, for anyone", "studentWithoutGroup", null, ["PRIVATE"]],
    ["a personal note, for a non-member of every course", "outsider", null, ["PRIVATE"]],
    ["an instructor in the course", "instructor", COURSE, ["PRIVATE", "GROUP", "COURSE"]],
    ["a TA in the course", "ta", COURSE, ["PRIVATE", "GROUP", "COURSE"]],
    ["a student with a group", "studentInGroup", COURSE, ["PRIVATE", "GROUP", "COURSE"]],
    ["a student without a group (no group to share with)", "studentWithoutGroup", COURSE, ["PRIVATE", "COURSE"]],
    ["a non-member of the course (cannot post there)", "outsider", COURSE, []],
    ["an unknown course", "instructor", "no-such-course", []],
  ] as const)("[VISIBILITY] %s may post with the allowed visibilities", (_situation, actor, courseId, expected) => {
    expect(allowedVisibilities(ACTORS[actor], courseId)).toEqual(expected);
  });
});

// A post-first assignment: a course-wide post on its paragraph p-1, and a student who has posted
// on the paragraphs given (and so unlocked them).
const ASSIGNMENT = "assignment-1";
const assignmentPost = (groupId: string | null): AnnotationFacts => ({
  authorId: "author",
  courseId: COURSE,
  groupId,
  visibility: "COURSE",
  hiddenAt: null,
  deletedAt: null,
  assignmentId: ASSIGNMENT,
  paragraphId: "p-1",
});
const gated = (unlocked: string[]): ActorContext => ({
  ...ACTORS.studentOutsideGroup,
  postFirstGates: [{ assignmentId: ASSIGNMENT, unlockedParagraphIds: unlocked }],
});

describe("post first (an assignment option)", () => {
  const classmatePost = assignmentPost(null);

  it("[POST FIRST] a student does not see a classmate's post on a paragraph they have not posted on", () => {
    expect(canReadAnnotation(gated([]), classmatePost)).toBe(false);
    expect(canReadAnnotation(gated(["p-2"]), classmatePost)).toBe(false);
    expect(canReadAnnotationContent(gated([]), classmatePost)).toBe(false);
  });

  it("[POST FIRST] once the student has posted on the paragraph, its thread opens", () => {
    expect(canReadAnnotation(gated(["p-1"]), classmatePost)).toBe(true);
  });

  it("[POST FIRST] the gate only covers posts of that assignment", () => {
    expect(canReadAnnotation(gated([]), { ...classmatePost, assignmentId: "another-assignment" })).toBe(true);
    expect(canReadAnnotation(gated([]), { ...classmatePost, assignmentId: null })).toBe(true);
  });

  it("[POST FIRST] an author always sees their own posts, and visibility still applies once unlocked", () => {
    const own: ActorContext = { ...ACTORS.author, postFirstGates: [{ assignmentId: ASSIGNMENT, unlockedParagraphIds: [] }] };
    expect(canReadAnnotation(own, classmatePost)).toBe(true);
    expect(canReadAnnotation(gated(["p-1"]), { ...classmatePost, visibility: "GROUP", groupId: GROUP_A })).toBe(false);
  });

  it("[POST FIRST] facts without a place (a live event's snapshot) are left to the check on the current row", () => {
    const { assignmentId: _assignment, paragraphId: _paragraph, ...snapshot } = classmatePost;
    expect(canReadAnnotation(gated([]), snapshot)).toBe(true);
  });

  it("[POST FIRST] staff have no gates and read every paragraph", () => {
    expect(canReadAnnotation(ACTORS.instructor, classmatePost)).toBe(true);
    expect(canReadAnnotation(ACTORS.ta, classmatePost)).toBe(true);
  });

  it("[POST FIRST] only a post staff can see unlocks a paragraph: not a PRIVATE note, a highlight or a deleted post", () => {
    const post = { kind: "PARAGRAPH_POST", visibility: "COURSE", deletedAt: null } as const;
    expect(unlocksPostFirstParagraph(post)).toBe(true);
    expect(unlocksPostFirstParagraph({ ...post, visibility: "GROUP" })).toBe(true);
    expect(unlocksPostFirstParagraph({ ...post, kind: "REPLY" })).toBe(true);
    expect(unlocksPostFirstParagraph({ ...post, visibility: "PRIVATE" })).toBe(false);
    expect(unlocksPostFirstParagraph({ ...post, kind: "HIGHLIGHT" })).toBe(false);
    expect(unlocksPostFirstParagraph({ ...post, deletedAt: new Date() })).toBe(false);
  });

  it("[POST FIRST] a post pointed to (a notification) behind the gate is 'locked': neither readable nor simply unreadable", () => {
    expect(pointedContentAccess(gated([]), classmatePost)).toBe("post-first-locked");
    expect(pointedContentAccess(gated(["p-1"]), classmatePost)).toBe("readable");
    // Behind the gate and not readable anyway (another group's): nothing to unlock.
    expect(pointedContentAccess(gated([]), { ...classmatePost, visibility: "GROUP", groupId: GROUP_A })).toBe("unreadable");
    expect(pointedContentAccess(gated(["p-1"]), { ...classmatePost, hiddenAt: new Date() })).toBe("unreadable");
    expect(pointedContentAccess(gated([]), { ...classmatePost, deletedAt: new Date() })).toBe("unreadable");
  });
});

describe("describeWriteRefusal", () => {
  const actor = { userId: "u1", memberships: [{ courseId: "c1", role: "STUDENT" as const, groupId: null }] };
  it("[ARCHIVE] nobody writes in an archived course; a former member is told they left; personal notes are always open", () => {
    expect(describeWriteRefusal(actor, "c1")).toBeNull();
    expect(describeWriteRefusal({ ...actor, archivedCourseIds: ["c1"] }, "c1")).toBe(ARCHIVED_COURSE_MESSAGE);
    expect(describeWriteRefusal(actor, "c2")).toBe(NOT_A_MEMBER_MESSAGE);
    expect(describeWriteRefusal({ ...actor, archivedCourseIds: ["c1"] }, null)).toBeNull();
  });
});

describe("the live channel's decision per reader (decideLiveDelivery)", () => {
  const coursePost = assignmentPost(GROUP_A);
  // What the log keeps: who could read it, without hidden or deleted state (and, in old events, without its place).
  const { assignmentId: _assignment, paragraphId: _paragraph, ...unplacedSnapshot } = coursePost;

  it("[LIVE] a post made Only me is retracted from classmates and staff who could read it, and still sent to its author", () => {
    const now = { ...coursePost, visibility: "PRIVATE" as const };
    for (const actor of [ACTORS.studentInGroup, ACTORS.studentOutsideGroup, ACTORS.instructor, ACTORS.ta]) {
      expect(decideLiveDelivery(actor, { snapshot: coursePost, current: now }), actor.userId).toBe("retract");
    }
    expect(decideLiveDelivery(ACTORS.author, { snapshot: coursePost, current: now })).toBe("send");
  });

  it("[LIVE] narrowed to the group: retracted from the other group only; the group and staff keep receiving it", () => {
    const now = { ...coursePost, visibility: "GROUP" as const };
    expect(decideLiveDelivery(ACTORS.studentOutsideGroup, { snapshot: coursePost, current: now })).toBe("retract");
    expect(decideLiveDelivery(ACTORS.studentWithoutGroup, { snapshot: coursePost, current: now })).toBe("retract");
    expect(decideLiveDelivery(ACTORS.studentInGroup, { snapshot: coursePost, current: now })).toBe("send");
    expect(decideLiveDelivery(ACTORS.instructor, { snapshot: coursePost, current: now })).toBe("send");
  });

  it("[LIVE] someone who could not read a post before the change hears nothing of it, not even its id", () => {
    const groupPost = { ...coursePost, visibility: "GROUP" as const };
    const now = { ...coursePost, visibility: "PRIVATE" as const };
    expect(decideLiveDelivery(ACTORS.studentOutsideGroup, { snapshot: groupPost, current: now })).toBe("skip");
    expect(decideLiveDelivery(ACTORS.outsider, { snapshot: coursePost, current: now })).toBe("skip");
    expect(decideLiveDelivery(ACTORS.outsider, { snapshot: coursePost, current: null })).toBe("skip");
  });

  it("[LIVE] a post removed outright is retracted from those who could read it; hidden and deleted placeholders are sent", () => {
    expect(decideLiveDelivery(ACTORS.studentInGroup, { snapshot: coursePost, current: null })).toBe("retract");
    expect(decideLiveDelivery(ACTORS.studentInGroup, { snapshot: coursePost, current: { ...coursePost, hiddenAt: new Date() } })).toBe(
      "send",
    );
    expect(decideLiveDelivery(ACTORS.studentInGroup, { snapshot: coursePost, current: { ...coursePost, deletedAt: new Date() } })).toBe(
      "send",
    );
  });

  it("[LIVE] widening is sent: a private note shared with the course reaches classmates", () => {
    const wasPrivate = { ...coursePost, visibility: "PRIVATE" as const };
    // The log holds the wider of before and after.
    expect(decideLiveDelivery(ACTORS.studentOutsideGroup, { snapshot: coursePost, current: coursePost })).toBe("send");
    expect(decideLiveDelivery(ACTORS.studentOutsideGroup, { snapshot: wasPrivate, current: wasPrivate })).toBe("skip");
  });

  it("[POST FIRST] a gated reader hears nothing of a post on a locked paragraph, even its removal; on an open paragraph they get the retraction", () => {
    const now = { ...coursePost, visibility: "PRIVATE" as const };
    expect(decideLiveDelivery(gated([]), { snapshot: coursePost, current: now })).toBe("skip");
    expect(decideLiveDelivery(gated([]), { snapshot: coursePost, current: null })).toBe("skip");
    expect(decideLiveDelivery(gated(["p-1"]), { snapshot: coursePost, current: now })).toBe("retract");
    expect(decideLiveDelivery(gated(["p-1"]), { snapshot: coursePost, current: null })).toBe("retract");
    // An old event without its place: the current row places it; a removed one cannot be placed.
    expect(decideLiveDelivery(gated([]), { snapshot: unplacedSnapshot, current: now })).toBe("skip");
    expect(decideLiveDelivery(gated(["p-1"]), { snapshot: unplacedSnapshot, current: now })).toBe("retract");
    expect(decideLiveDelivery(gated(["p-1"]), { snapshot: unplacedSnapshot, current: null })).toBe("skip");
    expect(decideLiveDelivery(ACTORS.studentInGroup, { snapshot: unplacedSnapshot, current: null })).toBe("retract");
  });
});
