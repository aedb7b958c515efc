import "server-only";
import { Prisma } from "../generated/prisma/client.ts";

// Words written, counted by PostgreSQL so insights never load post bodies into memory. It is the
// same rule as countWords in lib/domain/grading.ts — a word is a run of word characters, joined
// across an apostrophe, a right single quote or a hyphen — but PostgreSQL's [[:alpha:]] follows
// the database's locale (ASCII only under C), so word characters are defined the other way round:
// anything that is not a space, ASCII punctuation, Latin-1 punctuation and symbols, Unicode
// general punctuation (dashes, quotes, ellipsis, special spaces), currency signs or CJK
// and full-width punctuation. For ordinary prose in any script the two agree (tested in
// insights.integration.test.ts); they differ on rarer symbols such as emoji, which count as
// words here and not in countWords.
const SEPARATORS = [
  "[:space:]",
  "\\x21-\\x2f",
  "\\x3a-\\x40",
  "\\x5b-\\x60",
  "\\x7b-\\x7e",
  "\\u00a0-\\u00a9",
  "\\u00ab-\\u00b1",
  "\\u00b4",
  "\\u00b6-\\u00b8",
  "\\u00bb",
  "\\u00bf",
  "\\u00d7",
  "\\u00f7",
  "\\u2000-\\u206f",
  "\\u20a0-\\u20cf",
  "\\u3000-\\u303f",
  // Full-width punctuation (CJK text): ！ to ／, ： to ＠, ［ to ｀, ｛ to ･.
  "\\uff01-\\uff0f",
  "\\uff1a-\\uff20",
  "\\uff3b-\\uff40",
  "\\uff5b-\\uff65",
].join("");
const WORD = `[^${SEPARATORS}]+`;
/** A PostgreSQL advanced regular expression matching one word. */
export const WORD_PATTERN_SQL = `${WORD}(?:[\\x27\\u2019\\x2d]${WORD})*`;

/** The number of words in a text column (NULL counts 0). Portable to PostgreSQL before 15 (no regexp_count). */
export function wordCountSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT count(*) FROM regexp_matches(coalesce(${column}, ''), ${WORD_PATTERN_SQL}, 'g'))`;
}
