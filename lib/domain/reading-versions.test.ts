import { describe, expect, it } from "vitest";
import { describeRange } from "./anchoring";
import { importParagraphs } from "./reading-input";
import { planParagraphChanges, reanchorTarget, type CurrentParagraph } from "./reading-versions";

/** Current paragraphs as stored rows (ids p1, p2 … by position). */
function rows(text: string): CurrentParagraph[] {
  return importParagraphs(text).paragraphs.map((paragraph) => ({ id: `p${paragraph.position}`, ...paragraph }));
}

const next = (text: string) => importParagraphs(text).paragraphs;

const A = "The heads of state agree that information security matters to every member.";
const B = "They express concern about the use of information technology against security.";
const C = "They will create a group of experts to draft an action plan for the member states.";

describe("planParagraphChanges", () => {
  it("[VERSIONS] an unchanged text keeps every row and writes nothing", () => {
    const plan = planParagraphChanges(rows([A, B, C].join("\n\n")), next([A, B, C].join("\n\n")));
    expect(plan.updates.map((update) => [update.id, update.isChanged])).toEqual([
      ["p1", false],
      ["p2", false],
      ["p3", false],
    ]);
    expect(plan.creates).toEqual([]);
    expect(plan.retires).toEqual([]);
  });

  it("[VERSIONS] a paragraph inserted before others is created; the others keep their rows, renumbered and shifted", () => {
    const inserted = "A new opening paragraph.";
    const plan = planParagraphChanges(rows([A, B].join("\n\n")), next([inserted, A, B].join("\n\n")));
    expect(plan.creates.map((paragraph) => [paragraph.position, paragraph.text])).toEqual([[1, inserted]]);
    expect(plan.updates.map((update) => [update.id, update.position, update.isTextChanged])).toEqual([
      ["p1", 2, false],
      ["p2", 3, false],
    ]);
    expect(plan.updates[0]!.startOffset).toBe(inserted.length + 2);
    expect(plan.layout.map((entry) => entry.id)).toEqual([null, "p1", "p2"]);
  });

  it("[VERSIONS] a paragraph with a word changed keeps its row (same position, new text and key)", () => {
    const changedB = B.replace("concern", "worry");
    const plan = planParagraphChanges(rows([A, B, C].join("\n\n")), next([A, changedB, C].join("\n\n")));
    const update = plan.updates.find((candidate) => candidate.id === "p2")!;
    expect(update).toMatchObject({ position: 2, text: changedB, isTextChanged: true, isChanged: true });
    expect(update.key).not.toBe(rows(B)[0]!.key);
    expect(plan.creates).toEqual([]);
    expect(plan.retires).toEqual([]);
  });

  it("[VERSIONS] a removed paragraph is retired, never deleted; the rest move up", () => {
    const plan = planParagraphChanges(rows([A, B, C].join("\n\n")), next([A, C].join("\n\n")));
    expect(plan.retires).toEqual(["p2"]);
    expect(plan.updates.map((update) => [update.id, update.position])).toEqual([
      ["p1", 1],
      ["p3", 2],
    ]);
  });

  it("[VERSIONS] a paragraph rewritten beyond recognition is a new one: the old row retires", () => {
    const plan = planParagraphChanges(
      rows([A, B].join("\n\n")),
      next([A, "Entirely different words now stand in this place."].join("\n\n")),
    );
    expect(plan.retires).toEqual(["p2"]);
    expect(plan.creates.map((paragraph) => paragraph.position)).toEqual([2]);
  });

  it("[VERSIONS] an edited paragraph pairs with the old one between its neighbours, not with a look-alike elsewhere", () => {
    const twinA = `${A} Again.`;
    const plan = planParagraphChanges(
      rows([A, B, twinA].join("\n\n")),
      next([A.replace("agree", "agreed"), B, `${twinA} More.`].join("\n\n")),
    );
    expect(plan.updates.map((update) => [update.id, update.position])).toEqual([
      ["p1", 1],
      ["p2", 2],
      ["p3", 3],
    ]);
  });

  it("[VERSIONS] a moved paragraph keeps its row (matched by key)", () => {
    const plan = planParagraphChanges(rows([A, B, C].join("\n\n")), next([C, A, B].join("\n\n")));
    expect(plan.updates.map((update) => [update.id, update.position])).toEqual([
      ["p3", 1],
      ["p1", 2],
      ["p2", 3],
    ]);
    expect(plan.retires).toEqual([]);
  });
});

describe("reanchorTarget", () => {
  const oldText = [A, B, C].join("\n\n");
  const quoted = "information technology";
  const start = oldText.indexOf(quoted);
  const range = describeRange(oldText, start, start + quoted.length);
  const stored = {
    startOffset: start,
    endOffset: start + quoted.length,
    quoteExact: range.quote.exact,
    quotePrefix: range.quote.prefix,
    quoteSuffix: range.quote.suffix,
  };

  it("[VERSIONS] text inserted before a quote shifts its offsets and its paragraph; the quote is refreshed", () => {
    const newText = ["Inserted first.", A, B, C].join("\n\n");
    const layout = importParagraphs(newText).paragraphs;
    const result = reanchorTarget(newText, layout, stored);
    expect(result.status).toBe("anchored");
    if (result.status !== "anchored") return;
    expect(newText.slice(result.startOffset, result.endOffset)).toBe(quoted);
    expect(result.startOffset).toBe(start + "Inserted first.\n\n".length);
    expect(result.paragraphIndex).toBe(2);
    expect(result.quotePrefix).toBe(newText.slice(result.startOffset - 32, result.startOffset));
  });

  it("[VERSIONS] a quote with a word changed is found fuzzily; the quote becomes the words now there", () => {
    const longQuote = "express concern about the use of information technology";
    const longStart = oldText.indexOf(longQuote);
    const longRange = describeRange(oldText, longStart, longStart + longQuote.length);
    const newText = oldText.replace("use of information", "misuse of information");
    const result = reanchorTarget(newText, importParagraphs(newText).paragraphs, {
      startOffset: longStart,
      endOffset: longStart + longQuote.length,
      quoteExact: longRange.quote.exact,
      quotePrefix: longRange.quote.prefix,
      quoteSuffix: longRange.quote.suffix,
    });
    expect(result).toMatchObject({ status: "anchored", method: "fuzzy" });
    if (result.status !== "anchored") return;
    expect(result.quoteExact).toContain("misuse of information technology");
  });

  it("[VERSIONS] a deleted passage is an orphan", () => {
    const newText = [A, C].join("\n\n");
    expect(reanchorTarget(newText, importParagraphs(newText).paragraphs, stored).status).toBe("orphan");
  });
});

describe("planParagraphChanges on random edits", () => {
  // A small deterministic generator (mulberry32): the same edits on every run.
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let value = Math.imul(state ^ (state >>> 15), 1 | state);
      value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
      return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
    };
  }
  const WORDS = "state security cooperation information member heads agree concern group experts plan threat use".split(" ");

  it("[VERSIONS] every old row is kept once or retired, every new paragraph has one row, positions follow the new text", () => {
    const next01 = random(2026);
    const sentence = () =>
      Array.from({ length: 6 + Math.floor(next01() * 8) }, () => WORDS[Math.floor(next01() * WORDS.length)]).join(" ") + ".";
    for (let round = 0; round < 200; round += 1) {
      const before = Array.from({ length: 1 + Math.floor(next01() * 8) }, sentence);
      const after = [...before];
      for (let edit = 0; edit < 1 + Math.floor(next01() * 4); edit += 1) {
        const at = Math.floor(next01() * (after.length + 1));
        const choice = next01();
        if (choice < 0.3) after.splice(at, 0, sentence());
        else if (choice < 0.55 && after.length > 1) after.splice(Math.min(at, after.length - 1), 1);
        else if (choice < 0.8 && after.length > 0) after[Math.min(at, after.length - 1)] += " Amended.";
        else if (after.length > 1) after.push(after.shift()!);
      }
      const current = rows(before.join("\n\n"));
      const incoming = next(after.join("\n\n"));
      const plan = planParagraphChanges(current, incoming);
      const kept = plan.updates.map((update) => update.id);
      expect(new Set([...kept, ...plan.retires]).size).toBe(current.length);
      expect(kept.length + plan.retires.length).toBe(current.length);
      expect(plan.updates.length + plan.creates.length).toBe(incoming.length);
      expect(plan.layout.map((entry) => entry.paragraph.position)).toEqual(incoming.map((paragraph) => paragraph.position));
      for (const update of plan.updates) {
        expect(incoming[update.position - 1]).toMatchObject({ key: update.key, text: update.text, startOffset: update.startOffset });
      }
      // An unchanged paragraph always keeps its row.
      for (const paragraph of incoming) {
        const same = current.find((row) => row.key === paragraph.key);
        if (same) expect(plan.layout[paragraph.position - 1]!.id).toBe(same.id);
      }
    }
  });
});
