import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCUSSION_KINDS } from "../../domain/discussion.ts";
import { canReadAnnotationContent } from "../../domain/permissions.ts";
import { countLockedPosts } from "../annotations/count-locked-posts.ts";
import { disconnectDb, getDb } from "../db.ts";
import { annotationReadScope, loadActorContext } from "../permissions/annotation-scope.ts";
import { readRuleColumns } from "../permissions/read-rule-columns.ts";
import { createCourseFixture, plainBody, type CourseFixture, type Person } from "../testing/course-fixture.ts";
import { loadWorkspaceFor } from "../testing/reading-workspace.ts";

// The shared layers are kept per audience (course, role, group) and reused by every reader of that
// audience (reading-layers.ts). These tests warm every audience's layer first, then post what only
// some may see — a private note, group posts of both groups, a post behind a post-first gate, a
// hidden post — and check that each reader's next page shows exactly what the permission core
// lets them see: painted marks, discussion counts, the margin's total and the closed paragraphs.

let fixture: CourseFixture;
const READERS: Person[] = ["instructor", "ta", "studentA1", "studentA2", "studentB", "studentNoGroup"];
const COUNTED: ReadonlySet<string> = new Set(DISCUSSION_KINDS);

beforeAll(async () => {
  fixture = await createCourseFixture("audiences");
});

afterAll(async () => {
  await fixture.cleanUp();
  await disconnectDb();
});

async function setPostFirst(isOn: boolean): Promise<void> {
  await getDb().assignment.updateMany({ where: { courseId: fixture.courseId, readingId: fixture.reading.id }, data: { postFirst: isOn } });
}

async function workspaceOf(person: Person) {
  const workspace = await loadWorkspaceFor(fixture.users[person].id, fixture.reading.id, fixture.courseId);
  expect(workspace, person).not.toBeNull();
  return workspace!;
}

/** What the permission core lets the reader see, read from the table with no cache in between. */
async function coreView(person: Person) {
  const actor = await loadActorContext(fixture.users[person].id);
  const readable = await getDb().annotation.findMany({
    where: { AND: [annotationReadScope(actor), { readingId: fixture.reading.id, courseId: fixture.courseId }] },
    select: {
      id: true,
      kind: true,
      ...readRuleColumns,
      parentId: true,
      startOffset: true,
      endOffset: true,
      anchorStatus: true,
      paragraph: { select: { position: true } },
    },
  });
  const painted = readable
    .filter((row) => row.startOffset !== null && row.anchorStatus === "ANCHORED" && canReadAnnotationContent(actor, row))
    .map((row) => row.id)
    .sort();
  const postCounts: Record<number, number> = {};
  for (const row of readable) {
    if (row.deletedAt === null && COUNTED.has(row.kind)) postCounts[row.paragraph.position] = (postCounts[row.paragraph.position] ?? 0) + 1;
  }
  const total = readable.filter((row) => row.parentId === null).length;
  const assignment = await getDb().assignment.findFirstOrThrow({ where: { courseId: fixture.courseId, readingId: fixture.reading.id } });
  const locks = await countLockedPosts({ actor, readingId: fixture.reading.id, courseId: fixture.courseId, assignmentId: assignment.id });
  return { painted, postCounts, total, locks };
}

async function expectEveryReaderAsTheCoreSays(step: string): Promise<void> {
  for (const person of READERS) {
    const workspace = await workspaceOf(person);
    const expected = await coreView(person);
    expect(
      {
        painted: workspace
          .paintedRanges()
          .map((range) => range.id)
          .sort(),
        postCounts: workspace.postCounts,
        total: workspace.annotations.total,
        locks: workspace.postFirst
          ? { unlockedParagraphIds: workspace.postFirst.unlockedParagraphIds, lockedPostCounts: workspace.postFirst.lockedPostCounts }
          : null,
      },
      `${step}: ${person}`,
    ).toEqual(expected);
  }
}

describe("audience layers", () => {
  it("[LAYERS] a warm audience layer shows no one a private note, another group's post, a gated post or a hidden post's mark they may not see", async () => {
    await expectEveryReaderAsTheCoreSays("warm, empty");

    const privateNote = await fixture.post("studentA1", {
      kind: "HIGHLIGHT",
      target: fixture.rangeOf("information security"),
      visibility: "PRIVATE",
    });
    const groupA = await fixture.post("studentA1", {
      kind: "COMMENT",
      target: fixture.rangeOf("member states"),
      body: plainBody("For group A."),
      visibility: "GROUP",
    });
    const groupB = await fixture.post("studentB", {
      kind: "COMMENT",
      target: fixture.rangeOf("cooperation"),
      body: plainBody("For group B."),
      visibility: "GROUP",
    });
    const hidden = await fixture.post("studentA2", {
      kind: "COMMENT",
      target: fixture.rangeOf("short remark"),
      body: plainBody("To be hidden."),
    });
    await fixture.hide(hidden.id);
    await expectEveryReaderAsTheCoreSays("after private, group and hidden posts");

    const paintedBy = async (id: string) => {
      const seen: Person[] = [];
      for (const person of READERS) if ((await workspaceOf(person)).paintedRanges().some((range) => range.id === id)) seen.push(person);
      return seen;
    };
    expect(await paintedBy(privateNote.id)).toEqual(["studentA1"]);
    expect(await paintedBy(groupA.id)).toEqual(["instructor", "ta", "studentA1", "studentA2"]);
    expect(await paintedBy(groupB.id)).toEqual(["instructor", "ta", "studentB"]);
    expect(await paintedBy(hidden.id)).toEqual(["instructor", "ta", "studentA2"]);

    // Post first: the layers stay warm; the gate is the reader's own and closes paragraph 3.
    await setPostFirst(true);
    try {
      const gated = await fixture.post("studentNoGroup", {
        kind: "COMMENT",
        target: fixture.rangeOf("closes the statement"),
        body: plainBody("Behind the gate."),
      });
      await expectEveryReaderAsTheCoreSays("behind a post-first gate");
      // studentA2's (hidden) post on the paragraph opened it for them.
      expect(await paintedBy(gated.id)).toEqual(["instructor", "ta", "studentA2", "studentNoGroup"]);
      const closed = await workspaceOf("studentB");
      expect(closed.postCounts[3]).toBeUndefined();
      expect(Object.values(closed.postFirst?.lockedPostCounts ?? {})).toEqual([2]);

      // Posting on the paragraph opens it on the student's next load, and only theirs.
      await fixture.post("studentB", { kind: "PARAGRAPH_POST", target: { paragraph: 3 }, body: plainBody("My turn.") });
      await expectEveryReaderAsTheCoreSays("after a student opened the paragraph");
      expect(await paintedBy(gated.id)).toEqual(["instructor", "ta", "studentA2", "studentB", "studentNoGroup"]);
    } finally {
      await setPostFirst(false);
    }
  }, 240_000);
});
