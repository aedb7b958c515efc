"use client";

import "./reading-text-form.css";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import type { ReadingFormState } from "@/lib/reading-form-state";
import { Field, TextAreaField } from "./field";
import { FormStatus, useKeptActionState } from "./use-kept-action-state";

type ReadingTextFormProps = {
  action: (state: ReadingFormState, formData: FormData) => Promise<ReadingFormState>;
  initialState: ReadingFormState;
  /** "new": format choice and file upload; "edit": the current text, paragraphs on blank lines. */
  mode: "new" | "edit";
  maxBytes: number;
  maxSizeLabel: string;
  accept: string;
};

/**
 * Two steps, one form: "Preview" sends the text (or a file) and shows the paragraphs the server
 * made of it; "Save" sends the same text again, which the server imports again and saves only if
 * it is what was previewed. Works without JavaScript (the server action renders the page with
 * its answer); with it, what was typed is never lost and focus goes to the answer.
 */
export function ReadingTextForm({ action, initialState, mode, maxBytes, maxSizeLabel, accept }: ReadingTextFormProps) {
  const { state, formAction, isPending, onSubmit: submit, statusRef } = useKeptActionState(action, { initialState, focusOn: "error" });
  const [fileError, setFileError] = useState<string | null>(null);
  const [textError, setTextError] = useState<string | null>(null);
  const previewHeadingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (state.revision !== 0 && state.status !== "error" && state.preview) previewHeadingRef.current?.focus();
  }, [state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // Too much pasted text is refused here too, before it is sent; the server checks again.
    const text = new FormData(event.currentTarget).get("text");
    const textBytes = new TextEncoder().encode(typeof text === "string" ? text : "").length;
    if (textBytes > maxBytes) {
      setTextError(
        `The text is ${Math.ceil(textBytes / 1024)} KiB; a reading can be at most ${maxSizeLabel}. Split it into several readings.`,
      );
      event.preventDefault();
      event.currentTarget.querySelector<HTMLTextAreaElement>("#reading-text")?.focus();
      return;
    }
    setTextError(null);
    // A refused file was already taken out of the input; the server's answer replaces the message.
    setFileError(null);
    submit(event);
  };

  // Refused here when JavaScript runs, so a large file is never uploaded; the server checks again.
  const onFileChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (file && file.size > maxBytes) {
      setFileError(`This file is ${Math.ceil(file.size / 1024)} KiB; a reading can be at most ${maxSizeLabel}.`);
      event.currentTarget.value = "";
    } else {
      setFileError(null);
    }
  };

  const errors = textError ? { ...state.fieldErrors, text: [textError] } : state.fieldErrors;
  const preview = state.preview;

  return (
    <form action={formAction} onSubmit={onSubmit} className="reading-form" aria-busy={isPending} key={state.revision}>
      <Field
        id="reading-title"
        label="Title"
        name="title"
        hint={
          mode === "new" ? "Leave it empty to use the text's own title (a first line like “# Title” in Markdown)." : "Shown above the text."
        }
        defaultValue={state.values.title}
        maxLength={240}
        errors={errors.title}
      />

      {mode === "new" ? (
        <>
          <fieldset className="field reading-format">
            <legend>Format</legend>
            <label>
              <input type="radio" name="format" value="text" defaultChecked={state.values.format !== "markdown"} /> Plain text
            </label>
            <label>
              <input type="radio" name="format" value="markdown" defaultChecked={state.values.format === "markdown"} /> Markdown
            </label>
          </fieldset>
          <Field
            id="reading-file"
            label="Upload a file"
            name="file"
            type="file"
            accept={accept}
            onChange={onFileChange}
            hint={`A .txt or .md file, UTF-8, at most ${maxSizeLabel}. Its text replaces what is in the box below; .md files are read as Markdown.`}
            errors={fileError ? [fileError] : errors.file}
            errorAlert={fileError !== null}
          />
        </>
      ) : null}

      <TextAreaField
        id="reading-text"
        label="Text"
        name="text"
        hint={
          mode === "new"
            ? `Or paste the text here (at most ${maxSizeLabel}). Paragraphs are separated by blank lines.`
            : "Paragraphs are separated by a blank line. Highlights and comments follow their words to where they are now; those whose words are gone are listed apart, never deleted."
        }
        rows={mode === "new" ? 14 : 20}
        defaultValue={state.values.text}
        errors={errors.text}
      />

      <input type="hidden" name="digest" value={preview?.digest ?? ""} />
      <div className="button-row">
        <button type="submit" name="intent" value="preview" className={preview ? "button button-secondary" : "button"} disabled={isPending}>
          {isPending ? "Working…" : preview ? "Preview again" : "Preview"}
        </button>
      </div>
      <FormStatus state={state} statusRef={statusRef} />

      {preview ? (
        <section className="reading-preview panel" aria-labelledby="reading-preview-heading">
          <h2 id="reading-preview-heading" ref={previewHeadingRef} tabIndex={-1}>
            Preview: {preview.title}
          </h2>
          <p className="meta">
            {preview.paragraphs.length} {preview.paragraphs.length === 1 ? "paragraph" : "paragraphs"}
            {preview.changes
              ? ` · ${preview.changes.kept} unchanged, ${preview.changes.changed} changed, ${preview.changes.added} added, ${preview.changes.removed} removed`
              : null}
          </p>
          {preview.changes && preview.changes.orphaned > 0 ? (
            <p className="field-error">
              {preview.changes.orphaned === 1
                ? "1 annotation you can see would lose its place: it will be listed apart, with its quote, not deleted."
                : `${preview.changes.orphaned} annotations you can see would lose their place: they will be listed apart, with their quotes, not deleted.`}
            </p>
          ) : null}
          <ol className="reading-preview-paragraphs">
            {preview.paragraphs.map((paragraph) => (
              <li key={paragraph.position} value={paragraph.position}>
                {paragraph.text}
              </li>
            ))}
          </ol>
          <div className="button-row">
            <button type="submit" name="intent" value="save" className="button" disabled={isPending}>
              {mode === "new" ? "Save reading" : "Save new version"}
            </button>
          </div>
        </section>
      ) : null}
    </form>
  );
}
