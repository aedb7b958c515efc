import "server-only";
import { AppError } from "../../app-error.ts";
import { readRequestBytes } from "../../http.ts";
import { maxUploadBytes, uploadTooLarge } from "./upload-limits.ts";

/** Room for the multipart envelope and the form's other fields. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The file of an upload request (multipart/form-data, field "file"), read within the cap: a body
 * that says or turns out to be larger is refused (413) without being kept in memory whole.
 */
export async function readUploadedFile(request: Request): Promise<{ fileName: string; bytes: Uint8Array }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data, in a field named “file”.");
  }
  const limit = maxUploadBytes() + FORM_OVERHEAD_BYTES;
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) throw uploadTooLarge(null, declared - FORM_OVERHEAD_BYTES);
  const body = await readRequestBytes(request, limit, () => uploadTooLarge(null, null));
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("VALIDATION", "The upload could not be read (it was cut short?). Try again.", {
      fieldErrors: { file: ["The upload could not be read. Try again."] },
    });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    const message = file instanceof File ? `“${file.name}” is empty.` : "Choose a PDF or Word file to upload.";
    throw new AppError("VALIDATION", message, { fieldErrors: { file: [message] } });
  }
  if (file.size > maxUploadBytes()) throw uploadTooLarge(file.name, file.size);
  return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
