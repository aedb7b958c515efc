import { isAppError } from "@/lib/server/app-error";
import { readUploadedFile } from "@/lib/server/readings/import/read-upload";
import { startReadingImport } from "@/lib/server/readings/import/start-reading-import";
import { jsonResponse, route } from "@/lib/server/route";

/**
 * Upload a PDF or Word file to import as a reading (instructors): multipart/form-data with the
 * file in "file" → 202 with the import's id and where to follow it. From a plain HTML form (no
 * JavaScript) the answer is a redirect: to the import's page, or back to the form with the reason.
 * (The body is multipart, not JSON: it is read here, within the upload cap, not by route().)
 */
export const POST = route({}, async ({ request, actor }) => {
  const fromForm = (request.headers.get("accept") ?? "").includes("text/html");
  try {
    const { fileName, bytes } = await readUploadedFile(request);
    const { id } = await startReadingImport({ actorId: actor.id, fileName, bytes });
    const page = `/readings/imports/${id}`;
    if (fromForm) return redirect(page);
    return jsonResponse(
      { id, status: `/api/reading-imports/${id}`, page },
      { status: 202, headers: { Location: `/api/reading-imports/${id}` } },
    );
  } catch (error) {
    if (fromForm && isAppError(error)) return redirect(`/readings/new?upload=${uploadProblem(error.code)}`);
    throw error;
  }
});

/** The refusal named in the form's address: a fixed word, never the message itself. */
function uploadProblem(code: string): string {
  switch (code) {
    case "PAYLOAD_TOO_LARGE":
      return "too-large";
    case "UNSUPPORTED_MEDIA_TYPE":
      return "not-a-document";
    case "RATE_LIMITED":
      return "busy";
    case "FORBIDDEN":
      return "instructors-only";
    default:
      return "unreadable";
  }
}

/**
 * A relative Location: the browser resolves it against the address it used. (An absolute one
 * built from the request's URL may name another host than the page — localhost for 127.0.0.1 —
 * and the page's CSP form-action 'self' would then block the redirect.)
 */
function redirect(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
}
