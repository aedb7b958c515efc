import { describe, expect, it } from "vitest";
import { makeRandom, type Random } from "../../scripts/bench/stats";
import { groupRangesByParagraph } from "./highlight-segments";
import { paintParagraphHtml } from "./paint-html";
import {
  canReadAnnotation,
  canReadAnnotationContent,
  type ActorContext,
  type ActorMembership,
  type Role,
  type Visibility,
} from "./permissions";
import {
  audienceKey,
  audienceReader,
  composeReadingView,
  isPersonalRow,
  leadingParagraphIds,
  paragraphsOverlapping,
  SharedLayer,
  type LayerParagraph,
  type LayerRow,
  type ReadingLayerView,
} from "./reading-layers";

// Three paragraphs of a canonical text joined by blank lines.
const texts = ["The first paragraph of the text.", "A second one, somewhat longer than the first.", "Third."];
const paragraphs: LayerParagraph[] = [];
let offset = 0;
texts.forEach((text, index) => {
  paragraphs.push({ id: `par${index + 1}`, position: index + 1, startOffset: offset, text });
  offset += text.length + 2;
});
const textLength = offset - 2;

const COURSE = "course";
const GROUPS = ["g1", "g2", null] as const;
const AUTHORS = ["u1", "u2", "u3", "u4", "u5"];
const ASSIGNMENTS = ["gated", "open", null] as const;

function randomRow(random: Random, id: string): LayerRow {
  const kind = random.pick(["HIGHLIGHT", "COMMENT", "PARAGRAPH_POST", "REPLY"] as const);
  const visibility = random.pick(["PRIVATE", "GROUP", "COURSE", "COURSE"] as Visibility[]);
  const paragraph = random.pick(paragraphs);
  const start = Math.floor(random.next() * textLength);
  const end = Math.min(textLength, start + 1 + Math.floor(random.next() * 40));
  const hasRange = kind === "HIGHLIGHT" || kind === "COMMENT";
  const isRoot = kind !== "REPLY";
  return {
    id,
    kind,
    isRoot,
    // Threads among the first ids, so replies (some marked as the answer) land on questions.
    rootId: isRoot ? null : `a${Math.floor(random.next() * 12)}`,
    isQuestion: isRoot && random.next() < 0.4,
    isAnswer: !isRoot && random.next() < 0.4,
    authorId: random.pick(AUTHORS),
    courseId: COURSE,
    groupId: visibility === "GROUP" ? random.pick(GROUPS) : null,
    visibility,
    hiddenAt: random.next() < 0.15 ? new Date(0) : null,
    deletedAt: random.next() < 0.1 ? new Date(0) : null,
    assignmentId: random.pick(ASSIGNMENTS),
    paragraphId: paragraph.id,
    start: hasRange ? start : null,
    end: hasRange ? end : null,
    color: random.pick(["yellow", "green", "blue", "pink", null]),
    isAnchored: random.next() < 0.9,
  };
}

/** What the page showed before the layers: every row through the core for the actual reader. */
function directView(actor: ActorContext, rows: readonly LayerRow[]): Omit<ReadingLayerView, "paintedRanges"> & { ids: string[] } {
  const postCounts: Record<number, number> = {};
  const ranges: { id: string; start: number; end: number; color: string | null }[] = [];
  let rootCount = 0;
  const rootCounts: Record<string, number> = {};
  const readable = rows.filter((row) => canReadAnnotation(actor, row));
  // Open: a question (a thread-starting post, neither deleted nor hidden) no readable reply answers.
  const answered = new Set(readable.filter((row) => !row.isRoot && row.isAnswer && row.deletedAt === null).map((row) => row.rootId));
  const openQuestions: Record<number, number> = {};
  for (const row of readable) {
    if (!row.isRoot || !row.isQuestion || row.kind === "HIGHLIGHT" || row.deletedAt !== null || row.hiddenAt !== null) continue;
    if (answered.has(row.id)) continue;
    const position = paragraphs.find((paragraph) => paragraph.id === row.paragraphId)!.position;
    openQuestions[position] = (openQuestions[position] ?? 0) + 1;
  }
  for (const row of rows) {
    if (!canReadAnnotation(actor, row)) continue;
    // The margin lists a deleted thread-starter (a placeholder for its replies); nothing else counts it.
    if (row.isRoot) {
      rootCount += 1;
      rootCounts[row.paragraphId] = (rootCounts[row.paragraphId] ?? 0) + 1;
    }
    if (row.deletedAt !== null) continue;
    if (row.kind !== "HIGHLIGHT") {
      const position = paragraphs.find((paragraph) => paragraph.id === row.paragraphId)!.position;
      postCounts[position] = (postCounts[position] ?? 0) + 1;
    }
    if (row.isAnchored && row.start !== null && row.end !== null && row.start < row.end && canReadAnnotationContent(actor, row)) {
      ranges.push({ id: row.id, start: row.start, end: row.end, color: row.color });
    }
  }
  const colors = new Map(ranges.map((range) => [range.id, range.color]));
  const grouped = groupRangesByParagraph(paragraphs, ranges);
  const paints: ReadingLayerView["paints"] = {};
  paragraphs.forEach((paragraph, index) => {
    if (grouped[index]!.length > 0) paints[paragraph.id] = paintParagraphHtml(paragraph, grouped[index]!, (id) => colors.get(id));
  });
  // A range falling only between paragraphs is painted nowhere.
  return { paints, postCounts, rootCount, rootCounts, openQuestions, ids: [...new Set(grouped.flat().map((range) => range.id))].sort() };
}

function layeredView(actor: ActorContext, layer: SharedLayer, rows: readonly LayerRow[]) {
  const view = composeReadingView(
    layer,
    actor,
    rows.filter((row) => row.authorId === actor.userId && isPersonalRow(row)),
  );
  return {
    paints: view.paints,
    postCounts: view.postCounts,
    rootCount: view.rootCount,
    rootCounts: view.rootCounts,
    openQuestions: view.openQuestions,
    ids: view
      .paintedRanges()
      .map((range) => range.id)
      .sort(),
  };
}

const readers: { name: string; membership: ActorMembership; gates?: ActorContext["postFirstGates"] }[] = [
  { name: "instructor", membership: { courseId: COURSE, role: "INSTRUCTOR", groupId: null } },
  { name: "ta in g1", membership: { courseId: COURSE, role: "TA", groupId: "g1" } },
  { name: "student in g1", membership: { courseId: COURSE, role: "STUDENT", groupId: "g1" } },
  { name: "student in g2", membership: { courseId: COURSE, role: "STUDENT", groupId: "g2" } },
  { name: "student without a group", membership: { courseId: COURSE, role: "STUDENT", groupId: null } },
  {
    name: "gated student in g1",
    membership: { courseId: COURSE, role: "STUDENT", groupId: "g1" },
    gates: [{ assignmentId: "gated", unlockedParagraphIds: ["par2"] }],
  },
];

/** A visible course-wide paragraph post by u2 on paragraph 2, with `fields` changed. */
const post = (fields: Partial<LayerRow> & { id: string }): LayerRow => ({
  kind: "PARAGRAPH_POST",
  isRoot: true,
  rootId: null,
  isQuestion: false,
  isAnswer: false,
  authorId: "u2",
  courseId: COURSE,
  groupId: null,
  visibility: "COURSE",
  hiddenAt: null,
  deletedAt: null,
  assignmentId: null,
  paragraphId: "par2",
  start: null,
  end: null,
  color: null,
  isAnchored: true,
  ...fields,
});
const reply = (id: string, rootId: string, fields: Partial<LayerRow> = {}) => post({ id, kind: "REPLY", isRoot: false, rootId, ...fields });

describe("composeReadingView", () => {
  it("[LAYERS] shows every reader what the permission core shows them, row by row (random cases, with changes)", () => {
    for (let seed = 1; seed <= 15; seed += 1) {
      const random = makeRandom(seed);
      let rows = Array.from({ length: 30 }, (_, index) => randomRow(random, `a${index}`));
      for (const reader of readers) {
        const layer = new SharedLayer(audienceReader(reader.membership), paragraphs);
        for (const row of rows) layer.put(row.id, row);
        for (const author of AUTHORS) {
          const actor: ActorContext = { userId: author, memberships: [reader.membership], postFirstGates: reader.gates };
          expect(layeredView(actor, layer, rows), `seed ${seed}, ${reader.name} as ${author}`).toEqual(directView(actor, rows));
        }
      }
      // The same after changes applied one annotation at a time: edits, deletions, new posts.
      const layers = readers.map((reader) => {
        const layer = new SharedLayer(audienceReader(reader.membership), paragraphs);
        for (const row of rows) layer.put(row.id, row);
        return layer;
      });
      for (let change = 0; change < 20; change += 1) {
        const id = `a${Math.floor(random.next() * 40)}`;
        const gone = random.next() < 0.25;
        const next = gone ? null : randomRow(random, id);
        rows = [...rows.filter((row) => row.id !== id), ...(next ? [next] : [])];
        for (const layer of layers) layer.put(id, next);
        // Between changes too: a paint kept for a reader's own marks (paintWith) must not outlive a change.
        if (change % 5 === 4) {
          readers.forEach((reader, index) => {
            for (const author of AUTHORS) {
              const actor: ActorContext = { userId: author, memberships: [reader.membership], postFirstGates: reader.gates };
              expect(layeredView(actor, layers[index]!, rows), `seed ${seed} at change ${change}, ${reader.name} as ${author}`).toEqual(
                directView(actor, rows),
              );
            }
          });
        }
      }
      readers.forEach((reader, index) => {
        for (const author of AUTHORS) {
          const actor: ActorContext = { userId: author, memberships: [reader.membership], postFirstGates: reader.gates };
          expect(layeredView(actor, layers[index]!, rows), `seed ${seed} after changes, ${reader.name} as ${author}`).toEqual(
            directView(actor, rows),
          );
        }
      });
    }
  }, 60_000);

  it("[LAYERS] a paragraph the reader's own posts do not touch is the shared layer's paint, the same string", () => {
    const membership: ActorMembership = { courseId: COURSE, role: "STUDENT", groupId: "g1" };
    const layer = new SharedLayer(audienceReader(membership), paragraphs);
    const shared = post({ id: "s", kind: "HIGHLIGHT", paragraphId: "par1", start: 4, end: 9, color: "green" });
    layer.put(shared.id, shared);
    const note: LayerRow = { ...shared, id: "n", authorId: "u1", visibility: "PRIVATE", paragraphId: "par2", start: 40, end: 45 };
    const actor: ActorContext = { userId: "u1", memberships: [membership] };
    const first = composeReadingView(layer, actor, [note]);
    const second = composeReadingView(layer, { userId: "u3", memberships: [membership] }, []);
    expect(first.paints.par1).toBe(second.paints.par1);
    expect(first.paints.par2?.html).toContain("<mark");
    expect(second.paints.par2).toBeUndefined();
    // The reader's next load reuses the paint made for their own marks; a change to the paragraph makes a new one.
    expect(composeReadingView(layer, actor, [note]).paints.par2).toBe(first.paints.par2);
    layer.put("s2", { ...shared, id: "s2", paragraphId: "par2", start: 34, end: 38 });
    const changed = composeReadingView(layer, actor, [note]).paints.par2;
    expect(changed).not.toBe(first.paints.par2);
    expect(changed?.html.match(/<mark/g)?.length).toBeGreaterThan(first.paints.par2!.html.match(/<mark/g)!.length);
  });
});

describe("open questions", () => {
  const membership: ActorMembership = { courseId: COURSE, role: "STUDENT", groupId: "g1" };
  it("[DENSITY] a question is open until a reply the reader may read is marked as its answer, and the layer follows the change", () => {
    const layer = new SharedLayer(audienceReader(membership), paragraphs);
    const actor: ActorContext = { userId: "u1", memberships: [membership] };
    layer.put("q1", post({ id: "q1", isQuestion: true }));
    layer.put("q2", post({ id: "q2", isQuestion: true, paragraphId: "par3" }));
    layer.put("c", post({ id: "c" }));
    layer.put("r1", reply("r1", "q1"));
    expect(composeReadingView(layer, actor, []).openQuestions).toEqual({ 2: 1, 3: 1 });

    layer.put("r1", reply("r1", "q1", { isAnswer: true }));
    expect(composeReadingView(layer, actor, []).openQuestions).toEqual({ 3: 1 });
    // The answer deleted: open again.
    layer.put("r1", reply("r1", "q1", { isAnswer: true, deletedAt: new Date(0) }));
    expect(composeReadingView(layer, actor, []).openQuestions).toEqual({ 2: 1, 3: 1 });
    // An answer later hidden by staff still answers it (its place in the thread stays; insights count it so too).
    layer.put("r2", reply("r2", "q2", { isAnswer: true, hiddenAt: new Date(0) }));
    expect(composeReadingView(layer, actor, []).openQuestions).toEqual({ 2: 1 });
    // One in another group's thread, which the reader may not read, answers nothing for them.
    layer.put("q3", post({ id: "q3", isQuestion: true, paragraphId: "par1" }));
    layer.put("r3", reply("r3", "q3", { isAnswer: true, visibility: "GROUP", groupId: "g2" }));
    expect(composeReadingView(layer, actor, []).openQuestions).toEqual({ 1: 1, 2: 1 });
  });

  it("[DENSITY] hidden and deleted questions wait for nothing; the reader's own private question counts for them alone", () => {
    const layer = new SharedLayer(audienceReader(membership), paragraphs);
    layer.put("d", post({ id: "d", isQuestion: true, deletedAt: new Date(0) }));
    layer.put("h", post({ id: "h", isQuestion: true, hiddenAt: new Date(0) }));
    const own = post({ id: "mine", authorId: "u1", visibility: "PRIVATE", isQuestion: true, paragraphId: "par1" });
    expect(composeReadingView(layer, { userId: "u1", memberships: [membership] }, [own]).openQuestions).toEqual({ 1: 1 });
    expect(composeReadingView(layer, { userId: "u3", memberships: [membership] }, []).openQuestions).toEqual({});
  });
});

describe("audiences and paragraphs", () => {
  it("members with the same role and group share a key; another group or role does not", () => {
    const key = (role: Role, groupId: string | null) => audienceKey({ courseId: COURSE, role, groupId });
    expect(key("STUDENT", "g1")).toBe(key("STUDENT", "g1"));
    expect(new Set([key("STUDENT", "g1"), key("STUDENT", "g2"), key("STUDENT", null), key("TA", "g1"), key("INSTRUCTOR", null)]).size).toBe(
      5,
    );
  });

  it("finds the leading paragraphs that hold a page of posts", () => {
    expect(leadingParagraphIds(paragraphs, { par1: 2, par2: 5, par3: 9 }, 2)).toEqual(["par1"]);
    expect(leadingParagraphIds(paragraphs, { par1: 2, par2: 5, par3: 9 }, 3)).toEqual(["par1", "par2"]);
    expect(leadingParagraphIds(paragraphs, { par2: 1 }, 50)).toEqual(["par1", "par2", "par3"]);
  });

  it("finds the paragraphs a range shares a character with", () => {
    expect(paragraphsOverlapping(paragraphs, 0, 3)).toEqual([0]);
    expect(paragraphsOverlapping(paragraphs, paragraphs[0]!.text.length, paragraphs[1]!.startOffset)).toEqual([]);
    expect(paragraphsOverlapping(paragraphs, 5, paragraphs[2]!.startOffset + 1)).toEqual([0, 1, 2]);
    expect(paragraphsOverlapping(paragraphs, textLength, textLength + 5)).toEqual([]);
  });
});
