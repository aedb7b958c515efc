import { z } from "zod";
import { AppError } from "@/lib/server/app-error";
import { publicOrigin } from "@/lib/server/annotations/to-web-annotation";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { EXPORT_FORMATS, exportReading } from "@/lib/server/export/export-reading";
import { errorResponse } from "@/lib/server/http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";

type RouteContext = { params: Promise<{ id: string }> };

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid id.");
const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: "format is jsonld, csv or md." }),
  course: idSchema.optional(),
});

/** What I may see of a reading in a context (?course=…, or my own notes), as a downloaded file. */
export async function GET(request: Request, { params }: RouteContext) {
  try {
    const actor = await requireApiActor();
    const { id } = await params;
    if (!idSchema.safeParse(id).success) throw new AppError("NOT_FOUND", "Reading not found.");
    const query = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new AppError("VALIDATION", query.error.issues.map((issue) => issue.message).join(" "));
    const file = await exportReading({
      actor: await loadActorContext(actor.id),
      readingId: id,
      courseId: query.data.course ?? null,
      format: query.data.format,
      origin: publicOrigin(request),
    });
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
