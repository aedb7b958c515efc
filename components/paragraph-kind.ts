import type { ParagraphKind } from "@/lib/domain/reading-import";

/**
 * How a paragraph's text element says what it is: a heading is announced as one (level 1 sits
 * under the page's h1, so it is heading level 2) without changing the element, whose text the
 * selection offsets count; the class styles notes, quotes, captions, list items and code.
 */
export function paragraphKindProps(
  kind: ParagraphKind,
  level: number | null,
): { className: string; role?: "heading"; "aria-level"?: number } {
  const className = `kind-${kind.toLowerCase().replace("_", "-")}${kind === "HEADING" ? ` heading-level-${level ?? 1}` : ""}`;
  if (kind === "HEADING") return { className, role: "heading", "aria-level": Math.min(6, (level ?? 1) + 1) };
  return { className };
}

/** Words read before a paragraph's text by assistive technology, for kinds a listener cannot see. */
export function paragraphKindLabel(kind: ParagraphKind): string | null {
  switch (kind) {
    case "NOTE":
      return "Note";
    case "CAPTION":
      return "Caption";
    case "QUOTE":
      return "Quotation";
    case "CODE":
      return "Code";
    default:
      return null;
  }
}
