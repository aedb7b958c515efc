import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_PAINT_FILTER, type PaintFilter } from "../../domain/paint-filter.ts";
import { updateAnnotation } from "../annotations/update-annotation.ts";
import { disconnectDb } from "../db.ts";
import { createCourseFixture, type CourseFixture, type Person } from "../testing/course-fixture.ts";
import { loadWorkspaceFor } from "../testing/reading-workspace.ts";
import { findReadingPreference } from "./find-reading-preference.ts";
import { updateReadingPreference } from "./update-reading-preference.ts";

// Highlights have a visibility like every post (#13.2): the cached paint layers keep a PRIVATE
// highlight out of the audience's shared layer (it is painted from its owner's own layer), a
// widening or narrowing shows on the next page load from a warm layer, and the reader's filters
// and their "others' highlights" switch decide what of the rest is painted.

let fx: CourseFixture;
const ids: Record<string, string> = {};

beforeAll(async () => {
  fx = await createCourseFixture("hlvis");
  const highlight = async (person: Person, phrase: string, visibility: "PRIVATE" | "GROUP" | "COURSE", color: "yellow" | "blue") =>
    (await fx.post(person, { kind: "HIGHLIGHT", target: fx.rangeOf(phrase), color, visibility })).id;
  ids.a1Private = await highlight("studentA1", "information security", "PRIVATE", "yellow");
  ids.a1Course = await highlight("studentA1", "member states", "COURSE", "blue");
  ids.a1Group = await highlight("studentA1", "short remark", "GROUP", "yellow");
  ids.bCourse = await highlight("studentB", "plain words", "COURSE", "yellow");
});

afterAll(async () => {
  await fx?.cleanUp();
  await disconnectDb();
});

async function paintedIds(person: Person, filter?: PaintFilter): Promise<string[]> {
  const workspace = await loadWorkspaceFor(fx.users[person].id, fx.reading.id, fx.courseId, filter);
  expect(workspace, person).not.toBeNull();
  return workspace!
    .paintedRanges()
    .map((range) => range.id)
    .filter((id) => Object.values(ids).includes(id))
    .sort();
}

const sorted = (...values: (string | undefined)[]) => values.map(String).sort();

describe("highlight visibility in the paint layers", () => {
  it("[VISIBILITY] a PRIVATE highlight is painted for its owner only, even for a reader of the same (cached) audience", async () => {
    // The owner's page first: the group-A students' shared layer is warm when A2 loads.
    expect(await paintedIds("studentA1")).toEqual(sorted(ids.a1Private, ids.a1Course, ids.a1Group, ids.bCourse));
    expect(await paintedIds("studentA2")).toEqual(sorted(ids.a1Course, ids.a1Group, ids.bCourse));
    expect(await paintedIds("studentB")).toEqual(sorted(ids.a1Course, ids.bCourse));
    expect(await paintedIds("instructor")).toEqual(sorted(ids.a1Course, ids.a1Group, ids.bCourse));
  });

  it("[VISIBILITY] widening a highlight paints it for the course on their next page load; narrowing takes it back", async () => {
    await updateAnnotation({ actorId: fx.users.studentA1.id, annotationId: ids.a1Private!, input: { visibility: "COURSE" } });
    expect(await paintedIds("studentB")).toContain(ids.a1Private);
    expect(await paintedIds("studentA2")).toContain(ids.a1Private);
    await updateAnnotation({ actorId: fx.users.studentA1.id, annotationId: ids.a1Private!, input: { visibility: "PRIVATE" } });
    expect(await paintedIds("studentB")).not.toContain(ids.a1Private);
    expect(await paintedIds("studentA2")).not.toContain(ids.a1Private);
    expect(await paintedIds("studentA1")).toContain(ids.a1Private);
  });

  it("[FILTERS] the margin's filters decide what is painted, within what the reader may see", async () => {
    expect(await paintedIds("studentA2", { ...NO_PAINT_FILTER, author: fx.users.studentB.id })).toEqual([ids.bCourse]);
    expect(await paintedIds("studentA2", { ...NO_PAINT_FILTER, color: "blue" })).toEqual([ids.a1Course]);
    expect(await paintedIds("studentA2", { ...NO_PAINT_FILTER, visibility: "GROUP" })).toEqual([ids.a1Group]);
    expect(await paintedIds("studentA2", { ...NO_PAINT_FILTER, kind: "COMMENT" })).toEqual([]);
    // A filter never paints what the reader may not see.
    expect(await paintedIds("studentB", { ...NO_PAINT_FILTER, visibility: "PRIVATE" })).toEqual([]);
    expect(await paintedIds("studentA1", { ...NO_PAINT_FILTER, visibility: "PRIVATE" })).toEqual([ids.a1Private]);
    // The unfiltered view is unchanged by the filtered ones (the shared layer stays whole).
    expect(await paintedIds("studentA2")).toEqual(sorted(ids.a1Course, ids.a1Group, ids.bCourse));
  });

  it("[PREFERENCES] a reader who switches others' highlights off sees only their own painted; the choice is remembered", async () => {
    expect(await findReadingPreference(fx.users.studentA1.id)).toEqual({ highlightVisibility: "PRIVATE", showOthersHighlights: true });
    await updateReadingPreference({ actorId: fx.users.studentA1.id, input: { showOthersHighlights: false } });
    expect(await paintedIds("studentA1")).toEqual(sorted(ids.a1Private, ids.a1Course, ids.a1Group));
    // Others are unaffected.
    expect(await paintedIds("studentA2")).toEqual(sorted(ids.a1Course, ids.a1Group, ids.bCourse));
    await updateReadingPreference({ actorId: fx.users.studentA1.id, input: { showOthersHighlights: true } });
    expect(await paintedIds("studentA1")).toContain(ids.bCourse);
  });

  it("[PREFERENCES] new highlights are Only me by default; a remembered choice applies where the context allows it", async () => {
    const workspaceOf = async (person: Person) => (await loadWorkspaceFor(fx.users[person].id, fx.reading.id, fx.courseId))!;
    expect((await workspaceOf("studentA2")).highlightVisibility).toBe("PRIVATE");
    expect((await workspaceOf("studentA2")).highlightVisibilities).toEqual(["PRIVATE", "GROUP", "COURSE"]);
    await updateReadingPreference({ actorId: fx.users.studentA2.id, input: { highlightVisibility: "GROUP" } });
    expect((await workspaceOf("studentA2")).highlightVisibility).toBe("GROUP");
    // In their own notes the only choice is Only me.
    expect((await loadWorkspaceFor(fx.users.studentA2.id, fx.reading.id, null))!.highlightVisibility).toBe("PRIVATE");
    // A student with no group, and staff, are not offered "Group".
    await updateReadingPreference({ actorId: fx.users.studentNoGroup.id, input: { highlightVisibility: "GROUP" } });
    expect((await workspaceOf("studentNoGroup")).highlightVisibility).toBe("PRIVATE");
    expect((await workspaceOf("instructor")).highlightVisibilities).toEqual(["PRIVATE", "COURSE"]);
  });
});
