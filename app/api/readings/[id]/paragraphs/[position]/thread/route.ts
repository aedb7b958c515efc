import { z } from "zod";
import { AppError } from "@/lib/server/app-error";
import { listParagraphThread, THREAD_SORTS } from "@/lib/server/annotations/list-paragraph-thread";
import { requireApiActor } from "@/lib/server/auth/get-actor";
import { readingIdFrom } from "@/lib/server/readings/reading-route";
import { errorResponse } from "@/lib/server/http";
import { loadActorContext } from "@/lib/server/permissions/annotation-scope";

const querySchema = z.object({
  course: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
  sort: z.enum(THREAD_SORTS).default("position"),
});

const MAX_POSITION = 2_147_483_647;

/** A paragraph's discussion for the actor: roots with nested replies. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; position: string }> }) {
  try {
    const actor = await requireApiActor();
    const { id: rawId, position } = await params;
    const id = readingIdFrom(rawId);
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    const paragraphPosition = Number(position);
    // Positions are PostgreSQL integers: a larger number is no paragraph, not a database error.
    if (!query.success || !Number.isInteger(paragraphPosition) || paragraphPosition < 1 || paragraphPosition > MAX_POSITION) {
      throw new AppError("VALIDATION", "Use a paragraph number, ?course= a course id, and ?sort= position, newest or top.");
    }
    const thread = await listParagraphThread({
      actor: await loadActorContext(actor.id),
      readingId: id,
      courseId: query.data.course ?? null,
      paragraphPosition,
      sort: query.data.sort,
    });
    return Response.json(thread, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
