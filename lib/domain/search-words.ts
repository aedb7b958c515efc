// The words of a search, as handed to PostgreSQL's websearch_to_tsquery. That parser keeps
// pending operators on a fixed stack of 32: a search of 33 lone "-" (NOT with nothing after it)
// fails with "tsquery stack too small" (a 500). A token with no letter or digit matches nothing
// (only a quote mark, which opens or closes a phrase, is kept), so such tokens are dropped; a run
// of dashes before a word is one NOT; and a search keeps at most MAX_SEARCH_TERMS terms, which
// also bounds the query PostgreSQL builds.

export const MAX_SEARCH_TERMS = 24;

/** The search text with operator-only tokens removed and at most MAX_SEARCH_TERMS terms; "" when nothing is left. */
export function normaliseSearchWords(text: string): string {
  const tokens = text
    .split(/\s+/)
    .map((token) => token.replace(/^-{2,}/, "-"))
    .filter((token) => /[\p{L}\p{N}"]/u.test(token));
  return tokens.slice(0, MAX_SEARCH_TERMS).join(" ");
}
