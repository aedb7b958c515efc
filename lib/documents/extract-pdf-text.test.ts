import { describe, expect, it } from "vitest";
import { makeMinimalPdf } from "../../scripts/lib/minimal-pdf";
import { importPdfText } from "../domain/pdf-import";
import { ReadingImportError } from "../domain/reading-import";
import { extractPdfText, looksLikePdf } from "./extract-pdf-text";

async function refusal(bytes: Uint8Array): Promise<ReadingImportError> {
  try {
    importPdfText(await extractPdfText(bytes));
  } catch (error) {
    expect(error).toBeInstanceOf(ReadingImportError);
    return error as ReadingImportError;
  }
  throw new Error("expected the PDF to be refused");
}

describe("reading a PDF with pdf.js", () => {
  it("[IMPORT] reads the text items with their positions, sizes, fonts and the document's title", async () => {
    const pdf = makeMinimalPdf(
      [
        {
          lines: [
            { text: "A first line of text (with brackets).", x: 72, y: 700, size: 12 },
            { text: "Page two follows.", x: 72, y: 686 },
          ],
        },
      ],
      { title: "A Small Document" },
    );
    const document = await extractPdfText(pdf);
    expect(document.metadataTitle).toBe("A Small Document");
    expect(document.pages).toHaveLength(1);
    const [first] = document.pages[0]!.items;
    expect(first).toMatchObject({ text: "A first line of text (with brackets).", x: 72, y: 700, fontSize: 12 });
    expect(document.fonts[first!.fontId]).toMatchObject({ name: "Helvetica", isBold: false, isMonospace: false });
  });

  it("[IMPORT] reports progress page by page", async () => {
    const pdf = makeMinimalPdf([1, 2, 3].map((page) => ({ lines: [{ text: `Page ${page} has a line of text on it.`, x: 72, y: 700 }] })));
    const progress: string[] = [];
    await extractPdfText(pdf, { onProgress: (done, total) => progress.push(`${done}/${total}`) });
    expect(progress).toEqual(["1/3", "2/3", "3/3"]);
  });

  it("[IMPORT] a file that is not a PDF is refused as such", async () => {
    expect(looksLikePdf(new TextEncoder().encode("PK\u0003\u0004 a zip file"))).toBe(false);
    const error = await refusal(new TextEncoder().encode("Just some text, not a PDF at all."));
    expect(error.code).toBe("UNREADABLE");
    expect(error.message).toMatch(/not a PDF/);
  });

  it("[IMPORT] a damaged PDF is refused with a message, not an exception", async () => {
    const whole = makeMinimalPdf([{ lines: [{ text: "Some text that will be cut off.", x: 72, y: 700 }] }]);
    const error = await refusal(whole.slice(0, 120));
    expect(["UNREADABLE", "NO_TEXT"]).toContain(error.code);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it("[IMPORT] a PDF that needs a password is refused and says so", async () => {
    const error = await refusal(makeMinimalPdf([{ lines: [{ text: "Secret text.", x: 72, y: 700 }] }], { requiresPassword: true }));
    expect(error.code).toBe("ENCRYPTED");
    expect(error.message).toMatch(/password/);
  });

  it("[IMPORT] a PDF of images only (a scan: no text layer) is refused: no OCR", async () => {
    const error = await refusal(makeMinimalPdf([{ lines: [] }, { lines: [] }, { lines: [] }]));
    expect(error.code).toBe("NO_TEXT");
    expect(error.message).toMatch(/OCR/);
  });

  it("[IMPORT] more pages than the cap are refused before they are read", async () => {
    const pdf = makeMinimalPdf([1, 2, 3].map(() => ({ lines: [{ text: "Text.", x: 72, y: 700 }] })));
    await expect(extractPdfText(pdf, { maxPages: 2 })).rejects.toMatchObject({ code: "TOO_LARGE" });
  });
});
