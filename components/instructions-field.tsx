"use client";

import type { JSONContent } from "@tiptap/react";
import { useState } from "react";
import { FieldError } from "./field";
import { LazyCommentaryEditor } from "./lazy-commentary-editor";
import { useIsHydrated } from "./use-is-hydrated";

type InstructionsFieldProps = {
  initialDoc: JSONContent | null;
  /** The same instructions as plain text, for the textarea shown without JavaScript. */
  initialText: string;
  errors?: readonly string[] | undefined;
};

/**
 * Rich-text instructions: the tiptap editor (tiptap JSON in a hidden field) once JavaScript runs;
 * before that, and without it, a plain textarea the server turns into paragraphs.
 */
export function InstructionsField({ initialDoc, initialText, errors }: InstructionsFieldProps) {
  const isEnhanced = useIsHydrated();
  const [json, setJson] = useState(initialDoc ? JSON.stringify(initialDoc) : "");
  const errorId = errors && errors.length > 0 ? "field-instructions-error" : undefined;

  return (
    <div className="field">
      {isEnhanced ? (
        <>
          <span className="label" id="field-instructions-label">
            Instructions
          </span>
          <input type="hidden" name="instructions" value={json} />
          <LazyCommentaryEditor
            initialContent={initialDoc}
            labelId="field-instructions-label"
            describedById={errorId}
            autoFocus={false}
            onChange={(doc, isEmpty) => setJson(isEmpty ? "" : JSON.stringify(doc))}
            onSubmitShortcut={() => undefined}
          />
        </>
      ) : (
        <>
          <label htmlFor="field-instructionsText">Instructions</label>
          <textarea id="field-instructionsText" name="instructionsText" rows={5} defaultValue={initialText} aria-describedby={errorId} />
        </>
      )}
      <FieldError id={errorId} message={errors?.join(" ")} />
    </div>
  );
}
