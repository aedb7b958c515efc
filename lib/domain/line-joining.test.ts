import { describe, expect, it } from "vitest";
import { countWords, joinLine, joinLines } from "./line-joining";

describe("joining printed lines", () => {
  it("[IMPORT] a word the typesetter hyphenated at a line end is rejoined", () => {
    const counts = countWords(["Type Specialization for Dynamic Languages"]);
    expect(joinLines(["trace-based type special-", "ization of loops"], counts)).toBe("trace-based type specialization of loops");
    // No evidence at all, and the halves are not words: the typesetter's hyphen.
    expect(joinLine("more difficult to com-", "pile than", counts)).toBe("more difficult to compile than");
  });

  it("[IMPORT] a real hyphen at a line end stays when the document spells the word with it", () => {
    const counts = countWords(["loop traces at run-time and then", "the run-time system"]);
    expect(joinLine("identifies loop traces at run-", "time and then", counts)).toBe("identifies loop traces at run-time and then");
  });

  it("[IMPORT] a compound of two words seen nowhere whole keeps its hyphen", () => {
    const counts = countWords(["a mixed strategy", "in this mode", "execution"]);
    expect(joinLine("uses a mixed-", "mode execution", counts)).toBe("uses a mixed-mode execution");
  });

  it("[IMPORT] a capitalised half joins when the whole word is the document's usual spelling", () => {
    const counts = countWords(["TraceMonkey is fast.", "TraceMonkey records traces."]);
    expect(joinLine("the resulting VM Trace-", "Monkey supports", counts)).toBe("the resulting VM TraceMonkey supports");
    expect(joinLine("Anglo-", "Saxon law", countWords([]))).toBe("Anglo-Saxon law");
  });

  it("[IMPORT] lines join with one space; a dash at the line end joins without one", () => {
    const counts = countWords([]);
    expect(joinLines(["first line", "second line"], counts)).toBe("first line second line");
    expect(joinLine("his invention—", "FM radio", counts)).toBe("his invention—FM radio");
    expect(joinLine("pages 12–", "15", counts)).toBe("pages 12–15");
  });

  it("[IMPORT] a word cut at a line end is not counted as a word", () => {
    const counts = countWords(["we present an al-", "ternative way"]);
    expect(counts.has("al")).toBe(false);
    expect(counts.has("ternative")).toBe(false);
    expect(counts.get("way")).toBe(1);
    expect(counts.get("we")).toBe(1);
  });
});
