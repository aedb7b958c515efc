// Hands a paragraph's painted HTML from the server render (React Server Components) to the HTML
// render of the same request (server-side rendering of PaintedParagraph), so that a page load
// carries the paint once, in the HTML, and not a second time in the RSC payload (issue #12).
// Both renders run in this process, one after the other, for the same request; the id is random
// per request, so no other request can take it. Later renders of the page (router.refresh, a
// client navigation) are RSC requests: they send the paint in the payload and skip this.
//
// No secrets here and nothing server-only: the browser build imports it too, where the map is
// simply empty.

const HANDOFF_TTL_MS = 30_000;

type Handoff = { html: string; at: number };
const globalForPaint = globalThis as unknown as { scholiaPaintHandoff?: Map<string, Handoff> };

function handoffs(): Map<string, Handoff> {
  return (globalForPaint.scholiaPaintHandoff ??= new Map<string, Handoff>());
}

/** Leaves the paint for this request's HTML render (server only). */
export function leavePaint(paintId: string, html: string): void {
  const map = handoffs();
  const now = Date.now();
  // Oldest first: stop at the first one still fresh.
  for (const [id, handoff] of map) {
    if (now - handoff.at < HANDOFF_TTL_MS) break;
    map.delete(id);
  }
  map.set(paintId, { html, at: now });
}

/** The paint left for this id, on the server; undefined in the browser or once it expired. */
export function findLeftPaint(paintId: string): string | undefined {
  return globalForPaint.scholiaPaintHandoff?.get(paintId)?.html;
}
