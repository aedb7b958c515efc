import "server-only";
import type { ActorContext } from "../../domain/permissions.ts";
import { postPath } from "../../domain/post-links.ts";
import { normaliseSearchWords } from "../../domain/search-words.ts";
import { MATCH_START, MATCH_STOP, splitMarkedSnippet, type SnippetSegment } from "../../domain/search-snippet.ts";
import { getDb } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { annotationContentScopeSql } from "../permissions/annotation-scope-sql.ts";
import { SEARCH_PAGE_SIZE, type SearchQuery } from "./search-input.ts";

export type SearchResult = {
  id: string;
  kind: "HIGHLIGHT" | "COMMENT" | "PARAGRAPH_POST" | "REPLY";
  readingId: string;
  readingTitle: string;
  paragraphPosition: number;
  courseId: string | null;
  /** Null for a personal note. */
  courseTitle: string | null;
  authorName: string;
  createdAt: string;
  isHidden: boolean;
  tags: string[];
  /** The body with matched terms marked; empty for a highlight. */
  snippet: SnippetSegment[];
  /** The quoted passage with matched terms marked; null when the post quotes nothing. */
  quote: SnippetSegment[] | null;
  /** The post in its paragraph's thread, in its context. */
  href: string;
};

export type SearchResultPage = { items: SearchResult[]; total: number; page: number; pageSize: number; hasNextPage: boolean };

/** A result as the query returns it: the snippets still marked in text, the date a Date, the count of all matches. */
type Row = Omit<SearchResult, "createdAt" | "snippet" | "quote" | "href"> & {
  createdAt: Date;
  bodySnippet: string | null;
  quoteSnippet: string | null;
  total: bigint;
};

// Markers instead of HTML: lib/domain/search-snippet turns them into <mark> elements.
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, MaxWords=35, MinWords=12, ShortWord=2`;
const PLAIN_SNIPPET_LENGTH = 280;

/**
 * Full-text search over the posts the actor may read the content of (deleted posts never match;
 * hidden ones only for their author and the course's staff), with filters, ranked by ts_rank
 * (body words weigh more than quoted words), newest first among equals, id last so the order is
 * total. Offset paging, SEARCH_PAGE_SIZE a page; snippets are built for the page's rows only.
 */
export async function searchAnnotations({ actor, query }: { actor: ActorContext; query: SearchQuery }): Promise<SearchResultPage> {
  // Operator-only tokens dropped and the terms bounded (lib/domain/search-words.ts); words that
  // normalise to nothing still search (and find nothing), as websearch_to_tsquery would.
  const tsQuery = query.q ? Prisma.sql`websearch_to_tsquery('english', ${normaliseSearchWords(query.q)})` : null;
  const conditions: Prisma.Sql[] = [annotationContentScopeSql(actor, "a")];
  if (tsQuery) conditions.push(Prisma.sql`"a"."searchVector" @@ ${tsQuery}`);
  if (query.author) conditions.push(Prisma.sql`"u"."name" ILIKE ${`%${escapeLike(query.author)}%`}`);
  if (query.tag) conditions.push(Prisma.sql`${query.tag} = ANY("a"."tags")`);
  if (query.reading) conditions.push(Prisma.sql`"a"."readingId" = ${query.reading}`);
  if (query.paragraph) conditions.push(Prisma.sql`"p"."position" = ${query.paragraph}`);
  if (query.kind) conditions.push(Prisma.sql`"a"."kind" = ${query.kind}::"AnnotationKind"`);
  if (query.course === "notes") conditions.push(Prisma.sql`"a"."courseId" IS NULL`);
  else if (query.course) conditions.push(Prisma.sql`"a"."courseId" = ${query.course}`);
  if (query.group) conditions.push(Prisma.sql`"a"."groupId" = ${query.group}`);
  if (query.from) conditions.push(Prisma.sql`"a"."createdAt" >= ${query.from}::date`);
  if (query.to) conditions.push(Prisma.sql`"a"."createdAt" < ${query.to}::date + 1`);

  const rank = tsQuery ? Prisma.sql`ts_rank("a"."searchVector", ${tsQuery})` : Prisma.sql`0::real`;
  const offset = (query.page - 1) * SEARCH_PAGE_SIZE;
  // User text cannot carry the markers: strip them before ts_headline adds its own.
  const delimiters = MATCH_START + MATCH_STOP;
  const body = Prisma.sql`translate("a"."bodyText", ${delimiters}, '')`;
  const quote = Prisma.sql`translate("a"."quoteExact", ${delimiters}, '')`;
  const bodySnippet = tsQuery
    ? Prisma.sql`ts_headline('english', ${body}, ${tsQuery}, ${HEADLINE_OPTIONS})`
    : Prisma.sql`left(${body}, ${PLAIN_SNIPPET_LENGTH})`;
  const quoteSnippet = tsQuery ? Prisma.sql`ts_headline('english', ${quote}, ${tsQuery}, ${HEADLINE_OPTIONS})` : quote;

  // Matches are ranked into a narrow materialised set (so counting them does not carry every
  // tsvector along), the page is cut from it, and headlines (the costly part) are built for the
  // page's rows only.
  const rows = await getDb().$queryRaw<Row[]>`
    WITH "matched" AS MATERIALIZED (
      SELECT "a"."id", "a"."createdAt", ${rank} AS "rank"
      FROM "Annotation" AS "a"
      JOIN "User" AS "u" ON "u"."id" = "a"."authorId"
      JOIN "Paragraph" AS "p" ON "p"."id" = "a"."paragraphId"
      WHERE ${Prisma.join(conditions, " AND ")}
    ), "page" AS (
      SELECT "id", "rank", count(*) OVER () AS "total"
      FROM "matched"
      ORDER BY "rank" DESC, "createdAt" DESC, "id" DESC
      LIMIT ${SEARCH_PAGE_SIZE + 1} OFFSET ${offset}
    )
    SELECT "a"."id", "a"."kind"::text AS "kind", "a"."readingId", "r"."title" AS "readingTitle",
      "p"."position" AS "paragraphPosition", "a"."courseId", "c"."title" AS "courseTitle",
      "u"."name" AS "authorName", "a"."createdAt", ("a"."hiddenAt" IS NOT NULL) AS "isHidden", "a"."tags",
      CASE WHEN "a"."bodyText" IS NULL THEN NULL ELSE ${bodySnippet} END AS "bodySnippet",
      CASE WHEN "a"."quoteExact" IS NULL THEN NULL ELSE ${quoteSnippet} END AS "quoteSnippet",
      "page"."total"
    FROM "page"
    JOIN "Annotation" AS "a" ON "a"."id" = "page"."id"
    JOIN "User" AS "u" ON "u"."id" = "a"."authorId"
    JOIN "Paragraph" AS "p" ON "p"."id" = "a"."paragraphId"
    JOIN "Reading" AS "r" ON "r"."id" = "a"."readingId"
    LEFT JOIN "Course" AS "c" ON "c"."id" = "a"."courseId"
    ORDER BY "page"."rank" DESC, "a"."createdAt" DESC, "a"."id" DESC`;

  const hasNextPage = rows.length > SEARCH_PAGE_SIZE;
  const pageRows = rows.slice(0, SEARCH_PAGE_SIZE);
  return {
    items: pageRows.map(toResult),
    total: pageRows[0] ? Number(pageRows[0].total) : 0,
    page: query.page,
    pageSize: SEARCH_PAGE_SIZE,
    hasNextPage,
  };
}

function toResult(row: Row): SearchResult {
  return {
    id: row.id,
    kind: row.kind,
    readingId: row.readingId,
    readingTitle: row.readingTitle,
    paragraphPosition: row.paragraphPosition,
    courseId: row.courseId,
    courseTitle: row.courseTitle,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString(),
    isHidden: row.isHidden,
    tags: row.tags,
    snippet: row.bodySnippet === null ? [] : splitMarkedSnippet(row.bodySnippet),
    quote: row.quoteSnippet === null ? null : splitMarkedSnippet(row.quoteSnippet),
    href: postPath({ id: row.id, readingId: row.readingId, courseId: row.courseId }),
  };
}

/** The author filter is a substring: % and _ typed by the user are literal characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
