import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";
import { findReadingOriginal } from "@/lib/server/readings/find-reading-original";
import { route } from "@/lib/server/route";

const params = z.object({ id: idSchema("Reading not found.") });
const query = z.object({ download: z.string().max(10).optional() });

/**
 * The file a reading was imported from, for those who may read the reading. A PDF opens in the
 * browser (so `#page=5` works) unless `?download=1`; a Word file always downloads.
 */
export const GET = route({ params, query }, async ({ params, query, actor }) => {
  const file = await findReadingOriginal({ actor: await loadActorContext(actor.id), readingId: params.id });
  const download = query.download !== undefined || file.mediaType !== "application/pdf";
  const asciiName = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Disposition": `${download ? "attachment" : "inline"}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
