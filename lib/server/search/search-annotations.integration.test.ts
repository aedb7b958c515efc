import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canReadAnnotationContent } from "../../domain/permissions.ts";
import { deleteAnnotation } from "../annotations/delete-annotation.ts";
import { disconnectDb, getDb } from "../db.ts";
import { createCourseFixture, plainBody, PEOPLE, type CourseFixture, type Person } from "../testing/course-fixture.ts";
import { searchAnnotations } from "./search-annotations.ts";
import { parseSearchParams, SEARCH_PAGE_SIZE, type SearchQuery } from "./search-input.ts";

// Search against PostgreSQL: what each actor of the permission matrix finds, the filters, the
// ranking, the marked snippets and the paging. Posts go through the real services.
let fx: CourseFixture;
const ids: Record<string, string> = {};

function query(fields: Record<string, string>): SearchQuery {
  const parsed = parseSearchParams(fields);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.query;
}

async function search(person: Person, fields: Record<string, string>) {
  return searchAnnotations({ actor: await fx.actor(person), query: query(fields) });
}

async function foundIds(person: Person, fields: Record<string, string>): Promise<string[]> {
  return (await search(person, fields)).items.map((item) => item.id).sort();
}

const named = (...names: string[]) => names.map((name) => ids[name]!).sort();

beforeAll(async () => {
  fx = await createCourseFixture("search");
  const { groupA, groupB } = fx;
  ids.a1Course = await fx.onPhrase("studentA1", "cooperation between the member states", "A quasar of an idea, says A1.", {
    visibility: "COURSE",
    tags: ["evidence"],
  });
  ids.a1Group = await fx.onParagraph("studentA1", 1, "Group A thinks quasar.", { visibility: "GROUP", groupId: groupA });
  ids.a1Private = await fx.onParagraph("studentA1", 1, "My private quasar.", { visibility: "PRIVATE" });
  ids.a1Personal = await fx.onParagraph("studentA1", 2, "A personal quasar note.", { courseId: null });
  ids.bGroup = await fx.onParagraph("studentB", 2, "Group B quasar.", { visibility: "GROUP", groupId: groupB });
  ids.bHidden = await fx.onParagraph("studentB", 3, "A rude quasar remark.", { visibility: "COURSE" });
  await fx.hide(ids.bHidden);
  ids.instructorCourse = await fx.onParagraph("instructor", 3, "The instructor's quasar.", { visibility: "COURSE" });
  ids.bReply = (await fx.reply("studentB", ids.a1Course, "I answer the quasar idea.")).id;
  ids.outsiderPost = await fx.onParagraph("outsider", 1, "Elsewhere, a quasar.", { courseId: fx.otherCourseId, visibility: "COURSE" });
  // Only quoted text: found by the passage, never by a body.
  ids.highlight = (await fx.post("studentNoGroup", { kind: "HIGHLIGHT", target: fx.rangeOf("short remark"), visibility: "COURSE" })).id;
  // Deleted with a reply: the placeholder keeps its quote, but deleted posts never match.
  ids.deleted = await fx.onPhrase("studentA2", "closes the statement", "Deleted quasar statement.", { visibility: "COURSE" });
  await fx.reply("studentA1", ids.deleted, "Keeping the thread.");
  await deleteAnnotation({ actorId: fx.users.studentA2.id, annotationId: ids.deleted });
});

afterAll(async () => {
  await fx.cleanUp();
  await disconnectDb();
});

const EXPECTED_QUASAR: Record<Person, string[]> = {
  instructor: ["a1Course", "a1Group", "bGroup", "bHidden", "instructorCourse", "bReply"],
  ta: ["a1Course", "a1Group", "bGroup", "bHidden", "instructorCourse", "bReply"],
  studentA1: ["a1Course", "a1Group", "a1Private", "a1Personal", "instructorCourse", "bReply"],
  studentA2: ["a1Course", "a1Group", "instructorCourse", "bReply"],
  studentB: ["a1Course", "bGroup", "bHidden", "instructorCourse", "bReply"],
  studentNoGroup: ["a1Course", "instructorCourse", "bReply"],
  outsider: ["outsiderPost"],
};

describe("searchAnnotations: the permission matrix", () => {
  it.each(PEOPLE.map((person) => [person] as const))("[SEARCH] %s finds exactly the posts they may read", async (person) => {
    expect(await foundIds(person, { q: "quasar", reading: fx.reading.id })).toEqual(named(...EXPECTED_QUASAR[person]));
  });

  it.each(PEOPLE.map((person) => [person] as const))("[SEARCH] for %s, search agrees with canReadAnnotationContent", async (person) => {
    const actor = await fx.actor(person);
    const all = await getDb().annotation.findMany({ where: { readingId: fx.reading.id } });
    const expected = all
      .filter((row) => canReadAnnotationContent(actor, row) && /quasar/i.test(`${row.bodyText ?? ""} ${row.quoteExact ?? ""}`))
      .map((row) => row.id)
      .sort();
    expect(await foundIds(person, { q: "quasar", reading: fx.reading.id })).toEqual(expected);
  });

  it("[SEARCH] a student cannot find a hidden post by its words; its author and staff can", async () => {
    expect(await foundIds("studentA1", { q: "rude" })).toEqual([]);
    expect(await foundIds("studentB", { q: "rude" })).toEqual(named("bHidden"));
    expect(await foundIds("ta", { q: "rude" })).toEqual(named("bHidden"));
    const [result] = (await search("ta", { q: "rude" })).items;
    expect(result?.isHidden).toBe(true);
  });

  it("[SEARCH] a deleted post never matches, not even by its quote, not even for its author", async () => {
    expect(await foundIds("studentA2", { q: "closes statement", reading: fx.reading.id })).toEqual([]);
    expect(await foundIds("instructor", { q: "deleted" })).toEqual([]);
  });

  it("[SEARCH] a highlight matches by the quoted passage only", async () => {
    const result = await search("studentA1", { q: "short remark", reading: fx.reading.id });
    expect(result.items.map((item) => item.id)).toEqual([ids.highlight]);
    const [highlight] = result.items;
    expect(highlight?.snippet).toEqual([]);
    expect(highlight?.quote?.filter((segment) => segment.isMatch).map((segment) => segment.text)).toEqual(["short", "remark"]);
  });
});

describe("searchAnnotations: results", () => {
  it("[SEARCH] matched terms are marked segments of plain text, and the result links to the post itself in its context", async () => {
    const [result] = (await search("studentA1", { q: "idea", kind: "COMMENT" })).items;
    expect(result).toMatchObject({
      id: ids.a1Course,
      readingTitle: fx.reading.title,
      paragraphPosition: 2,
      courseId: fx.courseId,
      authorName: fx.users.studentA1.name,
      href: `/readings/${fx.reading.id}?course=${fx.courseId}#a-${ids.a1Course}`,
      tags: ["evidence"],
    });
    expect(result?.snippet.map((segment) => segment.text).join("")).toBe("A quasar of an idea, says A1.");
    expect(result?.snippet.filter((segment) => segment.isMatch)).toEqual([{ text: "idea", isMatch: true }]);
    expect(result?.quote?.map((segment) => segment.text).join("")).toBe("cooperation between the member states");
  });

  it("[SEARCH] a personal note links to the reading without a course", async () => {
    const [result] = (await search("studentA1", { q: "personal" })).items;
    expect(result?.href).toBe(`/readings/${fx.reading.id}#a-${result?.id}`);
    expect(result?.courseTitle).toBeNull();
  });

  it("[SEARCH] a word in the body ranks above the same word only in the quote", async () => {
    const bodyMatch = await fx.post("studentNoGroup", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("Cooperation first."),
      visibility: "COURSE",
    });
    const found = (await search("studentNoGroup", { q: "cooperation", reading: fx.reading.id })).items.map((item) => item.id);
    expect(found).toEqual([bodyMatch.id, ids.a1Course]);
  });

  it("[SEARCH] markup and operators in the query are words, never SQL or HTML", async () => {
    expect(await foundIds("instructor", { q: `'); DROP TABLE "Annotation"; -- <mark>` })).toEqual([]);
    expect(await foundIds("instructor", { q: "quasar -idea", reading: fx.reading.id })).toEqual(
      named("a1Group", "bGroup", "bHidden", "instructorCourse"),
    );
    expect(await getDb().annotation.count({ where: { readingId: fx.reading.id } })).toBeGreaterThan(0);
  });

  it("[SEARCH] user text containing the match markers cannot fake a match", async () => {
    const sneaky = await fx.post("studentNoGroup", {
      kind: "PARAGRAPH_POST",
      target: { paragraph: 1 },
      body: plainBody("Fake \u0001marked\u0002 text with nebula."),
      visibility: "COURSE",
    });
    const [result] = (await search("studentNoGroup", { q: "nebula" })).items;
    expect(result?.id).toBe(sneaky.id);
    expect(result?.snippet.filter((segment) => segment.isMatch).map((segment) => segment.text)).toEqual(["nebula"]);
  });
});

describe("searchAnnotations: filters", () => {
  const base = () => ({ q: "quasar", reading: fx.reading.id });

  it("[SEARCH] by author: part of the name, case-insensitive; % and _ are literal", async () => {
    expect(await foundIds("instructor", { ...base(), author: "STUDENTB" })).toEqual(named("bGroup", "bHidden", "bReply"));
    expect(await foundIds("instructor", { ...base(), author: "%" })).toEqual([]);
  });

  it("[SEARCH] by tag, paragraph and kind", async () => {
    expect(await foundIds("instructor", { ...base(), tag: "Evidence" })).toEqual(named("a1Course"));
    expect(await foundIds("instructor", { ...base(), paragraph: "3" })).toEqual(named("bHidden", "instructorCourse"));
    expect(await foundIds("instructor", { ...base(), kind: "REPLY" })).toEqual(named("bReply"));
  });

  it("[SEARCH] by course, personal notes and group", async () => {
    expect(await foundIds("studentA1", { ...base(), course: "notes" })).toEqual(named("a1Personal"));
    expect(await foundIds("studentA1", { ...base(), course: fx.courseId, group: fx.groupA })).toEqual(named("a1Group"));
    expect(await foundIds("instructor", { ...base(), group: fx.groupB })).toEqual(named("bGroup"));
    // A course the actor is not in adds nothing: the scope still decides.
    expect(await foundIds("studentA1", { ...base(), course: fx.otherCourseId })).toEqual([]);
  });

  it("[SEARCH] by date range, inclusive of both days", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await foundIds("studentNoGroup", { ...base(), from: today, to: today })).toEqual(named(...EXPECTED_QUASAR.studentNoGroup));
    expect(await foundIds("studentNoGroup", { ...base(), from: tomorrow })).toEqual([]);
    expect(await foundIds("studentNoGroup", { ...base(), to: yesterday })).toEqual([]);
  });

  it("[SEARCH] filters without words list matching posts, newest first", async () => {
    const result = await search("instructor", { author: "studentB", reading: fx.reading.id });
    expect(result.items.map((item) => item.id)).toEqual([ids.bReply, ids.bHidden, ids.bGroup]);
    expect(result.items[0]?.snippet).toEqual([{ text: "I answer the quasar idea.", isMatch: false }]);
  });

  it("[SEARCH] bad parameters are refused with a message per field", () => {
    const parsed = parseSearchParams({ q: "x", kind: "POEM", from: "2026-02-30", paragraph: "two", page: "0" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual(["from", "kind", "page", "paragraph"]);
    const reversed = parseSearchParams({ from: "2026-05-02", to: "2026-05-01" });
    expect(reversed.ok ? {} : reversed.fieldErrors).toEqual({ to: ["The start date is after the end date."] });
  });
});

describe("searchAnnotations: paging", () => {
  it("[SEARCH] pages of 20 in a stable order: no post twice, none missing, with the total", async () => {
    const created: string[] = [];
    for (let index = 0; index < SEARCH_PAGE_SIZE + 5; index += 1) {
      created.push(
        (
          await fx.post("ta", {
            kind: "PARAGRAPH_POST",
            target: { paragraph: 1 },
            body: plainBody(`Pulsar number ${index}.`),
            visibility: "COURSE",
          })
        ).id,
      );
    }
    const first = await search("studentB", { q: "pulsar" });
    const second = await search("studentB", { q: "pulsar", page: "2" });
    expect(first.items).toHaveLength(SEARCH_PAGE_SIZE);
    expect(first).toMatchObject({ total: SEARCH_PAGE_SIZE + 5, hasNextPage: true, page: 1 });
    expect(second.items).toHaveLength(5);
    expect(second.hasNextPage).toBe(false);
    expect([...first.items, ...second.items].map((item) => item.id).sort()).toEqual(created.sort());
    expect((await search("studentB", { q: "pulsar", page: "3" })).items).toEqual([]);
  });
});
