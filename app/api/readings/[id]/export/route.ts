import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import { EXPORT_FORMATS, exportReading } from "@/lib/server/export/export-reading";
import { loadReadingScope } from "@/lib/server/permissions/load-reading-scope";
import { publicOrigin } from "@/lib/server/public-origin";
import { route } from "@/lib/server/route";

const params = z.object({ id: idSchema("Reading not found.") });
const query = z.object({
  format: z.enum(EXPORT_FORMATS, { error: "format is jsonld, csv or md." }),
  course: idSchema("course is a course id.").optional(),
});

/** What I may see of a reading in a context (?course=…, or my own notes), as a downloaded file. */
export const GET = route({ params, query }, async ({ params, query, actor }) => {
  const file = await exportReading({
    ...(await loadReadingScope({ actorId: actor.id, readingId: params.id, courseId: query.course })),
    format: query.format,
    origin: publicOrigin(),
  });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
