import { scholiaVocabularyJsonLd, SCHOLIA_TERMS } from "@/lib/domain/scholia-vocabulary";
import { escapeText } from "@/lib/domain/paint-html";
import { scholiaNamespace } from "@/lib/server/annotations/to-web-annotation";
import { publicOrigin } from "@/lib/server/public-origin";

// The `scholia:` namespace IRI (<origin>/ns/scholia#) names this document: the vocabulary as
// JSON-LD, or as HTML for a browser (each term has its #fragment). Public, like any vocabulary.

function prefersHtml(accept: string | null): boolean {
  if (!accept) return false;
  const html = accept.indexOf("text/html");
  const json = Math.min(
    ...["application/ld+json", "application/json"].map((type) => accept.indexOf(type)).filter((at) => at >= 0),
    Infinity,
  );
  return html >= 0 && html < json;
}

function asHtml(namespace: string): string {
  const rows = SCHOLIA_TERMS.map(
    (term) =>
      `<dt id="${term.term}"><code>scholia:${term.term}</code></dt><dd>${escapeText(term.comment)} <em>Values: ${escapeText(term.range)}.</em></dd>`,
  ).join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Scholia's terms for W3C Web Annotations</title></head>
<body>
<main>
<h1>Scholia's terms for W3C Web Annotations</h1>
<p>Namespace <code>${escapeText(namespace)}</code>. Scholia's annotations are W3C Web Annotations; these are the terms it adds.</p>
<dl>
${rows}
</dl>
</main>
</body>
</html>`;
}

export function GET(request: Request): Response {
  const namespace = scholiaNamespace(publicOrigin());
  const headers = { "Cache-Control": "public, max-age=3600", Vary: "Accept" };
  if (prefersHtml(request.headers.get("accept"))) {
    return new Response(asHtml(namespace), { headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
  }
  return new Response(JSON.stringify(scholiaVocabularyJsonLd(namespace)), {
    headers: { ...headers, "Content-Type": "application/ld+json", "Access-Control-Allow-Origin": "*" },
  });
}

export { GET as HEAD };
