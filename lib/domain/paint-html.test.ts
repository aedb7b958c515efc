import { describe, expect, it } from "vitest";
import { escapeText, paintColor, paintParagraphHtml } from "./paint-html";

const paragraph = { position: 3, startOffset: 100, text: "Tom & Jerry <script>alert(1)</script> end" };

describe("paintParagraphHtml", () => {
  it("writes plain text as escaped text and no descriptions when nothing is highlighted", () => {
    expect(paintParagraphHtml(paragraph, [], () => null)).toEqual({
      html: "Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; end",
      overlapCounts: [],
    });
  });

  it("wraps a highlight in a mark with its colour and its description (one per page and overlap count)", () => {
    const painted = paintParagraphHtml(paragraph, [{ id: "a", start: 100, end: 103 }], () => "green");
    expect(painted.html).toBe(
      '<mark class="hl hl-green" aria-describedby="hl1">Tom</mark> &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; end',
    );
    expect(painted.overlapCounts).toEqual([1]);
  });

  it("marks overlaps with the most recently started highlight's colour and the number of highlights there", () => {
    const colors: Record<string, string> = { a: "blue", b: "pink" };
    const painted = paintParagraphHtml(
      paragraph,
      [
        { id: "a", start: 100, end: 109 },
        { id: "b", start: 106, end: 111 },
      ],
      (id) => colors[id],
    );
    expect(painted.html).toContain('<mark class="hl hl-blue" aria-describedby="hl1">Tom &amp; </mark>');
    expect(painted.html).toContain('<mark class="hl hl-pink" aria-describedby="hl2">Jer</mark>');
    expect(painted.html).toContain('<mark class="hl hl-pink" aria-describedby="hl1">ry</mark>');
    expect(painted.overlapCounts).toEqual([1, 2]);
  });

  it("never writes a colour outside the palette, and the text of a mark is escaped", () => {
    const painted = paintParagraphHtml(paragraph, [{ id: "a", start: 112, end: 120 }], () => '" onmouseover="alert(1)');
    expect(painted.html).toContain('<mark class="hl hl-yellow" aria-describedby="hl1">&lt;script&gt;</mark>');
    expect(painted.html).not.toContain("onmouseover");
  });

  it("keeps the text itself: removing the markup and unescaping gives the paragraph back", () => {
    const painted = paintParagraphHtml(
      paragraph,
      [
        { id: "a", start: 98, end: 104 },
        { id: "b", start: 103, end: 130 },
        { id: "c", start: 140, end: 150 },
      ],
      () => "blue",
    );
    const text = painted.html
      .replace(/<[^>]*>/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    expect(text).toBe(paragraph.text);
  });
});

describe("escapeText and paintColor", () => {
  it("escapes the characters that start markup or entities", () => {
    expect(escapeText("a<b>&c\"d'")).toBe("a&lt;b&gt;&amp;c\"d'");
  });

  it("keeps the palette's colours and paints anything else yellow", () => {
    expect(paintColor("pink")).toBe("pink");
    expect(paintColor(null)).toBe("yellow");
    expect(paintColor("red")).toBe("yellow");
  });
});
