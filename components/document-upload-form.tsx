"use client";

import "./document-upload-form.css";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";

type DocumentUploadFormProps = {
  maxBytes: number;
  maxSizeLabel: string;
  accept: string;
  /** A refusal the server sent back to a form posted without JavaScript. */
  initialError: string | null;
};

type UploadState = { phase: "idle" } | { phase: "uploading"; percent: number | null } | { phase: "error"; message: string };

/**
 * Uploads a PDF or Word file to /api/reading-imports. With JavaScript, the file is checked
 * against the size cap before it is sent, the upload shows its progress, and the page of the
 * import (progress, then the preview) opens when it is received. Without it, the form posts
 * itself and the server redirects to the same page.
 */
export function DocumentUploadForm({ maxBytes, maxSizeLabel, accept, initialError }: DocumentUploadFormProps) {
  const router = useRouter();
  const [state, setState] = useState<UploadState>(initialError ? { phase: "error", message: initialError } : { phase: "idle" });
  const inputRef = useRef<HTMLInputElement>(null);

  const fail = (message: string) => setState({ phase: "error", message });
  // Focus goes back to the field once it is enabled again, with its message beside it.
  const failure = state.phase === "error" ? state.message : null;
  useEffect(() => {
    if (failure) inputRef.current?.focus();
  }, [failure]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = inputRef.current?.files?.[0];
    if (!file) return fail("Choose a PDF or Word file to upload.");
    if (file.size > maxBytes) {
      return fail(
        `“${file.name}” is ${(file.size / 1_000_000).toFixed(1)} MB; files can be at most ${maxSizeLabel}. Split it into smaller files and upload each.`,
      );
    }
    const body = new FormData();
    body.append("file", file);
    // XMLHttpRequest, not fetch: only it reports upload progress.
    const request = new XMLHttpRequest();
    request.open("POST", "/api/reading-imports");
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (progress) => {
      setState({ phase: "uploading", percent: progress.lengthComputable ? Math.round((100 * progress.loaded) / progress.total) : null });
    };
    request.onload = () => {
      let answer: { page?: string; error?: { message?: string } } = {};
      try {
        answer = JSON.parse(request.responseText) as typeof answer;
      } catch {
        // Not JSON (a proxy's error page): the generic message below.
      }
      if (request.status === 202 && answer.page) {
        router.push(answer.page);
        return;
      }
      fail(answer.error?.message ?? `The upload failed (${request.status}). Try again.`);
    };
    request.onerror = () => fail("The upload did not reach Scholia (the connection dropped). Try again.");
    setState({ phase: "uploading", percent: 0 });
    request.send(body);
  };

  const error = state.phase === "error" ? state.message : null;
  const busy = state.phase === "uploading";
  return (
    <form
      action="/api/reading-imports"
      method="post"
      encType="multipart/form-data"
      onSubmit={onSubmit}
      className="document-upload"
      aria-busy={busy}
    >
      <div className="field">
        <label htmlFor="document-file">PDF or Word file</label>
        <p className="field-hint" id="document-file-hint">
          A .pdf with selectable text (scans cannot be read) or a .docx, at most {maxSizeLabel}. You will see the paragraphs Scholia makes
          of it before anything is saved; the file itself is kept with the reading.
        </p>
        <input
          ref={inputRef}
          id="document-file"
          name="file"
          type="file"
          accept={accept}
          required
          disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "document-file-hint document-file-error" : "document-file-hint"}
          onChange={() => state.phase === "error" && setState({ phase: "idle" })}
        />
        {error ? (
          <p className="field-error" id="document-file-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Uploading…" : "Upload file"}
        </button>
      </div>
      {state.phase === "uploading" ? (
        <div className="upload-progress" role="status">
          <label htmlFor="document-upload-progress">{state.percent === null ? "Uploading…" : `Uploading: ${state.percent}%`}</label>
          <progress id="document-upload-progress" max={100} value={state.percent ?? undefined} />
        </div>
      ) : null}
    </form>
  );
}
