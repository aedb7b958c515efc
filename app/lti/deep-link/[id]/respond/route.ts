import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import { isAppError } from "@/lib/server/app-error";
import { getActor } from "@/lib/server/auth/get-actor";
import { answerDeepLink } from "@/lib/server/lti/answer-deep-link";
import { SealedKeyError } from "@/lib/server/lti/tool-key-sealing";
import { readLaunchParams } from "@/app/lti/lti-redirects";

// The picker's form posts here; the answer is a page that posts the signed deep linking response
// to the LMS's return URL (as the LMS posted its request to Scholia), in the same frame.

const formSchema = z.object({
  readingId: z.union([idSchema(), z.literal("")]).optional(),
  assignmentId: z.union([idSchema(), z.literal("")]).optional(),
});

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const requestId = idSchema().safeParse((await params).id);
  const form = formSchema.safeParse(await readLaunchParams(request, 16 * 1024));
  if (!requestId.success || !form.success) return page(400, "This form is not one Scholia made", "Start again from the LMS.");
  const actor = await getActor();
  if (!actor) return page(401, "You are signed out", "Start again from the LMS: it signs you in.");
  try {
    const { returnUrl, jwt } = await answerDeepLink({
      actorId: actor.id,
      requestId: requestId.data,
      readingId: form.data.readingId || null,
      assignmentId: form.data.assignmentId || null,
    });
    const nonce = request.headers.get("x-nonce") ?? "";
    return html(
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Returning to the LMS…</title></head><body><main>` +
        `<h1>Returning to the LMS…</h1><form method="post" action="${escapeHtml(returnUrl)}"><input type="hidden" name="JWT" value="${escapeHtml(jwt)}">` +
        `<button type="submit">Continue to the LMS</button></form></main>` +
        `<script nonce="${escapeHtml(nonce)}">document.forms[0].submit()</script></body></html>`,
    );
  } catch (error) {
    if (error instanceof SealedKeyError) {
      console.error(`[lti] ${error.message}`);
      return page(
        503,
        "Scholia cannot sign its answer to the LMS",
        "Its LTI key cannot be opened with the configured secret. Tell your Scholia administrator: the operator&#39;s LTI page says what to change." +
          `</p><p><a href="/lti/deep-link/${requestId.data}">Choose again</a>`,
      );
    }
    if (!isAppError(error)) throw error;
    const status = error.code === "VALIDATION" ? 400 : error.code === "GONE" ? 410 : error.code === "FORBIDDEN" ? 403 : 404;
    const back = status === 400 ? `<p><a href="/lti/deep-link/${requestId.data}">Choose again</a></p>` : "";
    return page(status, "The link could not be added", escapeHtml(error.message) + back);
  }
}

function page(status: number, title: string, body: string): Response {
  return html(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${body}</p></main></body></html>`,
  );
}

function html(status: number, body: string): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
