// Long readings (issue #16): the import of the 352-page book (pdf.js and the layout rules, as the
// import worker runs them), then the book as a reading of the bench course, and the time to open
// one of its sections beside the statement's page.
import { randomUUID } from "node:crypto";
import { extractPdfText } from "../../lib/documents/extract-pdf-text.ts";
import { importPdfText } from "../../lib/domain/pdf-import.ts";
import { planReadingOutline } from "../../lib/domain/reading-sections.ts";
import { readSharedPdf } from "../lib/shared-readings.ts";
import { COURSE_ID } from "./config.ts";
import type { Budget } from "./budgets.ts";
import { withClient } from "./lifecycle.ts";
import { samplePage, samplePagesAlternating, warmPage, type AlternatingPages, type PageResult } from "./pages.ts";
import { round } from "./stats.ts";

/** Issue #16: "import ≤ 30 s on this machine". */
export const BOOK_IMPORT_BUDGET_SECONDS = 30;

export type LongReadingResult = {
  importSeconds: number;
  pages: number;
  paragraphs: number;
  sections: number;
  /** The section opened: its title and paragraph count. */
  section: { title: string; paragraphs: number };
  sectionPage: Omit<PageResult, "html">;
  /** The section's page and the statement's, requested in turn: what the budget compares. */
  againstStatement: AlternatingPages;
};

type BookReading = { readingId: string; sectionAt: number; sectionTitle: string; sectionParagraphs: number };

/** Imports freeculture.pdf, timed, and stores it as a reading assigned in the bench course. */
async function importBook(
  databaseUrl: string,
): Promise<{ seconds: number; pages: number; paragraphs: number; sections: number; book: BookReading }> {
  const bytes = readSharedPdf("freeculture.pdf");
  const started = performance.now();
  const document = await extractPdfText(bytes);
  const { reading } = importPdfText(document);
  const seconds = (performance.now() - started) / 1000;

  const outline = planReadingOutline(
    reading.paragraphs.map(({ position, kind, level, page, startOffset, text }) => ({
      position,
      kind,
      level,
      page,
      startOffset,
      length: text.length,
      heading: kind === "HEADING" ? text : null,
    })),
  );
  // A chapter in the middle of the book, not its first pages.
  const section = outline.sections.find((candidate) => candidate.title.endsWith("CHAPTER ONE: Creators")) ?? outline.sections[1]!;
  const readingId = `bench_book_${randomUUID().slice(0, 8)}`;
  await withClient(databaseUrl, async (client) => {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Reading" (id, slug, title, "canonicalText", "isPublic", "updatedAt") VALUES ($1, $2, $3, $4, false, now())`,
      [readingId, readingId, reading.title ?? "Free Culture", reading.canonicalText],
    );
    const columns = reading.paragraphs.map((paragraph) => [
      `${readingId}_p${paragraph.position}`,
      paragraph.position,
      paragraph.kind,
      paragraph.level,
      paragraph.page,
      paragraph.key,
      paragraph.text,
      paragraph.startOffset,
    ]);
    await client.query(
      `INSERT INTO "Paragraph" (id, "readingId", position, kind, level, page, key, text, "startOffset")
       SELECT id, $1, position, kind::"ParagraphKind", level, page, key, text, "startOffset"
         FROM unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::int[])
           AS t(id, position, kind, level, page, key, text, "startOffset")`,
      [readingId, ...columns[0]!.map((_, index) => columns.map((row) => row[index]))],
    );
    await client.query(`INSERT INTO "Assignment" (id, "courseId", "readingId", title, "updatedAt") VALUES ($1, $2, $3, $4, now())`, [
      `${readingId}_assignment`,
      COURSE_ID,
      readingId,
      "Read Free Culture",
    ]);
    await client.query("COMMIT");
  });
  return {
    seconds,
    pages: document.pages.length,
    paragraphs: reading.paragraphs.length,
    sections: outline.sections.length,
    book: { readingId, sectionAt: section.from, sectionTitle: section.title, sectionParagraphs: section.to - section.from + 1 },
  };
}

/** The import of the book, then its section page signed in, sampled as the statement's page is. */
export async function benchLongReading({
  databaseUrl,
  origin,
  cookie,
  statementPath,
}: {
  databaseUrl: string;
  origin: string;
  cookie: string;
  /** The statement's signed-in page, the yardstick. */
  statementPath: string;
}): Promise<LongReadingResult> {
  const imported = await importBook(databaseUrl);
  const sectionPath = `/readings/${imported.book.readingId}?course=${COURSE_ID}&at=${imported.book.sectionAt}`;
  await warmPage(origin, sectionPath, cookie);
  const { html, ...sectionPage } = await samplePage(origin, sectionPath, cookie);
  if (!html.includes(imported.book.sectionTitle.split(" — ").at(-1)!)) {
    // The page must be the section asked for, not an error page or another section.
    throw new Error(`The section page ${sectionPath} does not show “${imported.book.sectionTitle}”.`);
  }
  const againstStatement = await samplePagesAlternating(origin, { path: sectionPath, cookie }, { path: statementPath, cookie });
  return {
    importSeconds: round(imported.seconds, 1),
    pages: imported.pages,
    paragraphs: imported.paragraphs,
    sections: imported.sections,
    section: { title: imported.book.sectionTitle, paragraphs: imported.book.sectionParagraphs },
    sectionPage,
    againstStatement,
  };
}

/** Issue #16's two numbers: the book's import time, and a section's page against the statement's. */
export function longReadingBudgets(result: LongReadingResult): Budget[] {
  const { first, second, pairs } = result.againstStatement;
  const sectionP50 = first.p50;
  const statementP50 = second.p50;
  return [
    {
      target: 16,
      what: `import of freeculture.pdf (${result.pages} pages → ${result.paragraphs} paragraphs, ${result.sections} sections)`,
      measured: `${result.importSeconds} s`,
      budget: `≤ ${BOOK_IMPORT_BUDGET_SECONDS} s`,
      ok: result.importSeconds <= BOOK_IMPORT_BUDGET_SECONDS,
    },
    {
      target: 16,
      what: `a section of the book (“${result.section.title}”, ${result.section.paragraphs} paragraphs), signed in, p50 vs the statement's page (requests alternating)`,
      measured: `${round(sectionP50)} ms vs ${round(statementP50)} ms (${pairs} of each)`,
      budget: "≤ the statement's page",
      ok: sectionP50 <= statementP50,
    },
  ];
}
