// PostgreSQL's text and jsonb cannot hold U+0000, though a JS string (a form field, a JSON
// string "\u0000") can: let one through and the insert fails with a 500. Free-text fields refuse
// it at the edge, with a message, like any other bad input.

export const UNSAVEABLE_TEXT_MESSAGE = "Remove the null character (U+0000): it cannot be saved.";

export function isSaveableText(text: string): boolean {
  return !text.includes("\u0000");
}
