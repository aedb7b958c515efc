"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { fetchEndpoint } from "@/lib/api/fetch-endpoint";
import { messageOf } from "@/lib/api/fetch-error";
import { MAX_IMPORT_BYTES } from "@/lib/domain/annotation-constants";

type ImportState = { phase: "idle" } | { phase: "importing" } | { phase: "error"; message: string } | { phase: "done"; message: string };

/** Imports a Web Annotation JSON-LD file (an export) into this reading in this context. */
export function ImportAnnotationsForm({ readingId, courseId }: { readingId: string; courseId: string | null }) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ phase: "idle" });
  const id = useId();
  const fileId = `${id}-file`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = inputRef.current?.files?.[0];
    if (!file) return setState({ phase: "error", message: "Choose a JSON-LD file to import." });
    if (file.size > MAX_IMPORT_BYTES) {
      return setState({ phase: "error", message: `The file is over ${MAX_IMPORT_BYTES / 1024 / 1024} MB; export fewer annotations.` });
    }
    setState({ phase: "importing" });
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      return setState({ phase: "error", message: "This file is not JSON. Choose a Web Annotation (JSON-LD) export." });
    }
    try {
      const result = await fetchEndpoint("importAnnotations", {
        params: { id: readingId },
        query: { course: courseId ?? undefined },
        body: document,
      });
      if (result.imported === 0) {
        setState({ phase: "done", message: "The file holds no annotations that can be imported; nothing was added." });
        return;
      }
      const notes = [
        result.skipped > 0 ? `${result.skipped} skipped (deleted, or hidden from you)` : null,
        result.madePrivate > 0 ? `${result.madePrivate} group ${result.madePrivate === 1 ? "post" : "posts"} made private` : null,
      ].filter((note) => note !== null);
      setState({
        phase: "done",
        message: `Imported ${result.imported} ${result.imported === 1 ? "annotation" : "annotations"}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}.`,
      });
      if (inputRef.current) inputRef.current.value = "";
      router.refresh();
    } catch (error) {
      setState({ phase: "error", message: messageOf(error, "The import failed. Try again.") });
    }
  };

  const error = state.phase === "error" ? state.message : null;
  const isBusy = state.phase === "importing";
  return (
    <form className="import-annotations" onSubmit={(event) => void onSubmit(event)} aria-busy={isBusy} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="export-heading">
        Import annotations
      </h2>
      <p className="field-hint" id={hintId}>
        A Web Annotation (JSON-LD) export of this reading, from another course or your notes: its annotations become yours
        {courseId ? " in this course" : " in your notes (private)"}.
      </p>
      <div className="import-annotations-row">
        <label htmlFor={fileId} className="visually-hidden">
          Annotation file (JSON-LD)
        </label>
        <input
          ref={inputRef}
          id={fileId}
          type="file"
          accept=".jsonld,.json,application/ld+json,application/json"
          required
          disabled={isBusy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onChange={() => state.phase !== "idle" && setState({ phase: "idle" })}
        />
        <button type="submit" className="button" disabled={isBusy}>
          {isBusy ? "Importing…" : "Import"}
        </button>
      </div>
      {error ? (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
      <p role="status" className="import-annotations-status">
        {state.phase === "importing" ? "Importing…" : state.phase === "done" ? state.message : ""}
      </p>
    </form>
  );
}
