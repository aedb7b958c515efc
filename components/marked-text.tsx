import type { SnippetSegment } from "@/lib/domain/search-snippet";

/** A search snippet: plain text nodes, matched terms in <mark>. Never HTML. */
export function MarkedText({ segments }: { segments: readonly SnippetSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.isMatch ? (
          <mark key={index} className="search-match">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
