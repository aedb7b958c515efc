import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importReading, paragraphKey, parseIssuedOn, ReadingImportError, PARAGRAPH_SEPARATOR } from "./reading-import";

const statementPath = path.resolve(import.meta.dirname, "../../content/readings/sco-2006-international-information-security.txt");
const statementBytes = readFileSync(statementPath);
const statementText = statementBytes.toString("utf8");
const HEADER = "Instituto de Relaciones Internacionales (IRI) - Anuario 2007";

function expectImportError(input: string | Uint8Array, code: ReadingImportError["code"]): ReadingImportError {
  try {
    importReading(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ReadingImportError);
    expect((error as ReadingImportError).code).toBe(code);
    expect((error as ReadingImportError).message.length).toBeGreaterThan(10);
    return error as ReadingImportError;
  }
  throw new Error(`expected importReading to fail with ${code}`);
}

describe("importReading on the SCO 2006 statement", () => {
  const reading = importReading(statementBytes);

  it("[IMPORT] reads the title, the line above it, place and date as printed", () => {
    expect(reading.title).toBe("Statement of Heads of SCO Member States on International Information Security");
    // Original spelling kept ("Shangai").
    expect(reading.kicker).toBe("The Shangai Cooperation Organisation");
    expect(reading.placeAndDate).toBe("Shanghai, 15 June 2006");
    expect(reading.issuedOn).toBe("2006-06-15");
  });

  it("[IMPORT] credits the yearbook and department once, as the source", () => {
    expect(reading.source).toBe(`${HEADER} — Departamento de Asia y Pacífico`);
  });

  it("[IMPORT] keeps running headers and the department line out of the body", () => {
    expect(reading.canonicalText).not.toContain("Instituto de Relaciones");
    expect(reading.canonicalText).not.toContain("Anuario");
    expect(reading.canonicalText).not.toContain("Departamento");
    expect(reading.canonicalText).not.toContain(reading.title!);
  });

  it("[IMPORT] yields the ten paragraphs of the statement, numbered 1..10", () => {
    expect(reading.paragraphs.map((paragraph) => paragraph.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reading.paragraphs[0]!.text).toMatch(/^The heads of member states of Shanghai Cooperation Organisation \(SCO\)/);
    expect(reading.paragraphs[0]!.text).toMatch(/made the following statement:$/);
    expect(reading.paragraphs[9]!.text).toMatch(/within the framework of the SCO\.$/);
  });

  it("[IMPORT] joins the two paragraphs that page breaks cut in two", () => {
    const fourth = reading.paragraphs[3]!.text;
    expect(fourth).toContain("that run counter to the maintenance of international security, which will cause serious");
    expect(fourth).toMatch(/^Meanwhile, the heads of state express concern/);
    const tenth = reading.paragraphs[9]!.text;
    expect(tenth).toContain("wish to work in concert to take up new information challenges");
  });

  it("[IMPORT] keeps every word of the body, in order", () => {
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    const bodyStart = statementText.indexOf("The heads of member states");
    const expectedWords = words(statementText.slice(bodyStart).split(HEADER).join(" "));
    expect(words(reading.canonicalText)).toEqual(expectedWords);
  });

  it("[IMPORT] lays paragraphs out in the canonical text at their start offsets", () => {
    for (const paragraph of reading.paragraphs) {
      expect(reading.canonicalText.slice(paragraph.startOffset, paragraph.startOffset + paragraph.text.length)).toBe(paragraph.text);
    }
    expect(reading.canonicalText).toBe(reading.paragraphs.map((paragraph) => paragraph.text).join(PARAGRAPH_SEPARATOR));
  });

  it("[IMPORT] gives each paragraph a distinct key that a re-import reproduces", () => {
    const keys = reading.paragraphs.map((paragraph) => paragraph.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(importReading(statementText).paragraphs.map((paragraph) => paragraph.key)).toEqual(keys);
  });

  it("[IMPORT] is unaffected by CRLF line ends, a BOM, trailing spaces and runs of blank lines", () => {
    const messy = `\uFEFF${statementText.replace(/\n/g, "  \r\n").replace(/\r\n {2}\r\n/g, "\r\n\r\n\r\n\r\n")}`;
    expect(importReading(messy)).toEqual(reading);
  });
});

describe("importReading on synthetic texts", () => {
  it("[IMPORT] joins a paragraph when a header falls mid-sentence between blank lines", () => {
    const text = [
      "Running Head",
      "",
      "A Title",
      "",
      "Paris, 3 March 2001",
      "",
      "First paragraph ends here.",
      "",
      "Second paragraph runs on and",
      "",
      "Running Head",
      "",
      "finishes on the next page.",
      "",
      "Third paragraph.",
    ].join("\n");
    const reading = importReading(text);
    expect(reading.source).toBe("Running Head");
    expect(reading.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      "First paragraph ends here.",
      "Second paragraph runs on and finishes on the next page.",
      "Third paragraph.",
    ]);
  });

  it("[IMPORT] joins the lines around a header that sits inside a run of lines", () => {
    const text = [
      "Running Head",
      "",
      "A Title",
      "",
      "Body starts and",
      "Running Head",
      "goes on after the header.",
      "",
      "Running Head",
    ].join("\n");
    expect(importReading(text).paragraphs.map((paragraph) => paragraph.text)).toEqual(["Body starts and goes on after the header."]);
  });

  it("[IMPORT] keeps paragraphs apart when the header falls at a paragraph boundary", () => {
    const text = [
      "Journal of Things 12",
      "",
      "A Title",
      "",
      "One whole paragraph.",
      "",
      "Journal of Things 12",
      "",
      "Another whole paragraph.",
    ].join("\n");
    expect(importReading(text).paragraphs.map((paragraph) => paragraph.text)).toEqual(["One whole paragraph.", "Another whole paragraph."]);
  });

  it("[IMPORT] joins across a page break when the next page starts in lower case", () => {
    const text = ["H", "", "Title", "", "It was e.g.", "", "H", "", "continued here.", "", "H"].join("\n");
    expect(importReading(text).paragraphs.map((paragraph) => paragraph.text)).toEqual(["It was e.g. continued here."]);
  });

  it("[IMPORT] does not join paragraphs separated only by a blank line", () => {
    const text = "A Title\n\nA list introduced by a colon:\n\nthen a lower-case item.";
    expect(importReading(text).paragraphs).toHaveLength(2);
  });

  it("[IMPORT] reads a text with no header at all", () => {
    const reading = importReading("On Reading\n\nThe first paragraph,\nwrapped over two lines.\n\nThe second one.\n");
    expect(reading.title).toBe("On Reading");
    expect(reading.source).toBeNull();
    expect(reading.kicker).toBeNull();
    expect(reading.placeAndDate).toBeNull();
    expect(reading.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      "The first paragraph, wrapped over two lines.",
      "The second one.",
    ]);
  });

  it("[IMPORT] treats a text that opens with a sentence as having no title", () => {
    const reading = importReading("This opens with a sentence.\n\nAnd goes on.");
    expect(reading.title).toBeNull();
    expect(reading.paragraphs).toHaveLength(2);
  });

  it("[IMPORT] drops lone page numbers and form feeds as page breaks", () => {
    const text = "A Title\n\nA paragraph cut by\n\n- 2 -\n\nthe page number.\f\nNext paragraph.";
    expect(importReading(text).paragraphs.map((paragraph) => paragraph.text)).toEqual([
      "A paragraph cut by the page number.",
      "Next paragraph.",
    ]);
  });

  it("[IMPORT] removes a header named by the caller even when it occurs once", () => {
    const reading = importReading("Solo Header\n\nTitle\n\nText.", { runningHeaders: ["Solo Header"] });
    expect(reading.source).toBe("Solo Header");
    expect(reading.title).toBe("Title");
    expect(reading.paragraphs.map((paragraph) => paragraph.text)).toEqual(["Text."]);
  });

  it("[IMPORT] keeps a hyphen at a line end and joins without a space", () => {
    const reading = importReading("Title\n\nwell-\nknown words.");
    expect(reading.paragraphs[0]!.text).toBe("well-known words.");
  });

  it("[IMPORT] numbers identical paragraphs apart with distinct keys", () => {
    const reading = importReading("Title\n\nSame.\n\nSame.");
    const [first, second] = reading.paragraphs;
    expect(first!.key).not.toBe(second!.key);
    expect(second!.key.startsWith(first!.key)).toBe(true);
  });
});

describe("importReading refuses unusable input", () => {
  it("[IMPORT] empty and blank input is a clear error", () => {
    expectImportError("", "EMPTY");
    expectImportError("\uFEFF \r\n\t\n\n", "EMPTY");
    expectImportError(new Uint8Array(), "EMPTY");
  });

  it("[IMPORT] binary input is a clear error", () => {
    expectImportError(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]), "BINARY");
    expectImportError("text with a \u0000 NUL byte", "BINARY");
    expectImportError(new Uint8Array([0x41, 0xff, 0xfe, 0x42]), "BINARY");
  });

  it("[IMPORT] a title with nothing under it is a clear error", () => {
    expectImportError("Header\n\nTitle\n\nParis, 1 May 2000\n\nHeader", "NO_PARAGRAPHS");
  });
});

describe("parseIssuedOn and paragraphKey", () => {
  it("[IMPORT] parses day-month-year and month-day-year, with or without a place", () => {
    expect(parseIssuedOn("Shanghai, 15 June 2006")).toBe("2006-06-15");
    expect(parseIssuedOn("New York, June 15, 2006")).toBe("2006-06-15");
    expect(parseIssuedOn("1 January 1999")).toBe("1999-01-01");
  });

  it("[IMPORT] rejects impossible or non-date lines", () => {
    expect(parseIssuedOn("Shanghai, 31 February 2006")).toBeNull();
    expect(parseIssuedOn("Shanghai, 15 Juno 2006")).toBeNull();
    expect(parseIssuedOn("The heads of state met.")).toBeNull();
  });

  it("[IMPORT] paragraph keys fold case and spacing but not wording", () => {
    expect(paragraphKey("The  Heads of State")).toBe(paragraphKey("the heads of state"));
    expect(paragraphKey("The heads of state")).not.toBe(paragraphKey("The heads of states"));
  });
});
