// The one CSV writer, for every CSV Scholia hands out (the grade sheet, the reading export).
// RFC 4180 (comma-separated, CRLF line ends, quotes doubled), made safe and readable in
// spreadsheets:
// - a UTF-8 byte order mark first, or Excel reads the file in the local code page and accents
//   come out garbled;
// - every text cell quoted, so a comma, semicolon or line break inside it never splits it;
// - a formula start (= + - @) is neutralised with an apostrophe wherever a spreadsheet could
//   see a cell begin: at the start of the text, and right after any separator character
//   (, ; tab | or a line break, spaces allowed between), since a spreadsheet set to another list
//   separator (Excel with ';') splits the text there and would run `ok;=1+2` as a formula.
//   Tab and carriage return at the start are neutralised too (OWASP's CSV injection list).
// Numbers are data, written as they are.

export type CsvCell = string | number | null;

export const CSV_BOM = "\uFEFF";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

const FORMULA_START = /^[=+\-@\t\r]/;
const FORMULA_AFTER_SEPARATOR = /([,;\t|\r\n][ \u00A0]*)([=+\-@])/g;

/** The CSV document (with its byte order mark) of these rows; the first row is the header. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** One cell: a number as it is, nothing for null, text neutralised and quoted. */
export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return `"${neutraliseFormulas(value).replace(/"/g, '""')}"`;
}

/** The text with an apostrophe before every formula start a spreadsheet could see. */
export function neutraliseFormulas(text: string): string {
  const inner = text.replace(FORMULA_AFTER_SEPARATOR, "$1'$2");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}
