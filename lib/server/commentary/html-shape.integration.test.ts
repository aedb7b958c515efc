import { describe, expect, it } from "vitest";
import { countPossibleElements } from "../../domain/html-shape.ts";
import { createScriptlessDocument } from "./scriptless-document.ts";

// countPossibleElements decides whether an HTML body is parsed at all, so it must never be below
// the elements — nor, so, the nesting — that the parser we use (happy-dom) builds from the same
// text. Checked on hand-made traps and on thousands of random fragments made of the constructs
// where tokenizers disagree: quotes in odd places, comments, raw-text elements, implied ends.

const document = createScriptlessDocument();

function parsedShape(html: string): { elementCount: number; maxDepth: number } {
  const template = document.createElement("template");
  template.innerHTML = html;
  let elementCount = 0;
  let maxDepth = 0;
  const stack: { node: Node; depth: number }[] = [...template.content.childNodes].map((node) => ({ node, depth: 1 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node.nodeType !== 1) continue;
    elementCount += 1;
    maxDepth = Math.max(maxDepth, depth);
    for (const child of node.childNodes) stack.push({ node: child, depth: depth + 1 });
  }
  return { elementCount, maxDepth };
}

const PIECES = [
  "<p>",
  "</p>",
  "<li>",
  "</li>",
  "<ul>",
  "</ul>",
  "<ol>",
  "<div>",
  "</div>",
  "<div/>",
  "<blockquote>",
  "</blockquote>",
  "<b>",
  "</b>",
  "<i>",
  "<a href=x>",
  "</a>",
  "<br>",
  "<br/>",
  "<img src=x>",
  "<h1>",
  "<h2>",
  "<table>",
  "<tr>",
  "<td>",
  "<dl>",
  "<dt>",
  "<dd>",
  "<select>",
  "<option>",
  "<pre>",
  "<code>",
  "<span>",
  "</span>",
  "<script>",
  "</script>",
  "<style>",
  "</style>",
  "<textarea>",
  "</textarea>",
  "<xmp>",
  "<noscript>",
  "<template>",
  "</template>",
  "<!--",
  "-->",
  "--!>",
  "<!-->",
  "<!--->",
  "<!DOCTYPE html>",
  "<![CDATA[",
  "]]>",
  "<?x ",
  "</ ",
  "< ",
  "<",
  ">",
  "</>",
  '<p a">',
  "<p a='>",
  '<p title="x>y">',
  '<p a=b="c>',
  '<p a="',
  "'",
  '"',
  "=",
  "<p\t/a>",
  "<P>",
  "<DIV >",
  "<x-y>",
  "<svg>",
  "<math>",
  "<iframe>",
  "text",
  " ",
  "&lt;",
  "&amp;",
];

function randomFragment(random: () => number): string {
  const count = 1 + Math.floor(random() * 60);
  let html = "";
  for (let index = 0; index < count; index += 1) html += PIECES[Math.floor(random() * PIECES.length)];
  return html;
}

/** A small seeded generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("countPossibleElements against happy-dom", () => {
  it("[COST] never counts fewer elements or less nesting than the parser builds: traps", () => {
    const traps = [
      "<p>a<p>b<p>c",
      "<li>a<li>b<li>c",
      "<div/><div/><div/>x",
      "<h1>a<h2>b<h3>c",
      "<button><button>x",
      '<p a"><li>x</li><li>y</li>',
      '<p a=b="c><li>x</li><li>y</li>"',
      "<!--><div><div><div>",
      "<!---><div><div>",
      "<!-- x --!><div><div>",
      "<script><li><li></script><li>",
      "<textarea><div><div></textarea>",
      "<xmp><div><div></xmp>",
      "<noscript><div><div></noscript>",
      "<p title='>'><div><div>",
      "<blockquote>".repeat(50) + "x",
      "<ul>" + "<li>x".repeat(100) + "</ul>",
      "<b a1><b a2><b a3>" + "<p>x</p>".repeat(5),
      "<table><tr><td>a<td>b<tr><td>c</table>",
      "<select><option>a<option>b</select>",
    ];
    for (const html of traps) {
      const counted = countPossibleElements(html);
      const parsed = parsedShape(html);
      expect(counted, html).toBeGreaterThanOrEqual(parsed.elementCount);
      expect(counted, html).toBeGreaterThanOrEqual(parsed.maxDepth);
    }
  });

  it("[COST] never counts fewer elements or less nesting than the parser builds: 3,000 random fragments", () => {
    const random = seeded(20261205);
    for (let round = 0; round < 3_000; round += 1) {
      const html = randomFragment(random);
      const counted = countPossibleElements(html);
      const parsed = parsedShape(html);
      expect(counted, `round ${round}: ${JSON.stringify(html)}`).toBeGreaterThanOrEqual(parsed.elementCount);
      expect(counted, `round ${round}: ${JSON.stringify(html)}`).toBeGreaterThanOrEqual(parsed.maxDepth);
    }
  });
});
