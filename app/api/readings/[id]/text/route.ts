import { z } from "zod";
import { isNotModified } from "@/lib/domain/annotation-protocol";
import { idSchema } from "@/lib/domain/ids";
import { entityTagOf, protocolOptions, protocolRoute } from "@/lib/server/annotations/protocol-http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { loadReadingText } from "@/lib/server/readings/load-reading-text";
import { route } from "@/lib/server/route";

// The reading's text representation: its paragraphs joined by a blank line ("\n\n"). Every
// TextPositionSelector we write counts Unicode code points of exactly this text, and every
// TextQuoteSelector quotes it; the annotations name it in their target's `scholia:text`.

const params = z.object({ id: idSchema("Reading not found.") });

const read = protocolRoute(
  route({ params }, async ({ request, params, actor }) => {
    const text = await loadReadingText({ actor: await loadActorContext(actor.id), readingId: params.id });
    const etag = entityTagOf(text);
    const headers = {
      "Content-Type": "text/plain; charset=utf-8",
      ETag: etag,
      "Cache-Control": "private, no-cache",
      "X-Content-Type-Options": "nosniff",
    };
    if (isNotModified(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    return new Response(request.method === "HEAD" ? null : text, { headers });
  }),
);

export { read as GET, read as HEAD };

// A token client's GET carries Authorization, so a browser asks first (CORS preflight).
export const OPTIONS = route({ auth: "none" }, ({ request }) => Promise.resolve(protocolOptions(request, "text")));
