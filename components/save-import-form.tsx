"use client";

import { useActionState, useEffect, useRef } from "react";
import { idleFormState, type FormState } from "@/lib/form-state";

type SaveImportFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  importId: string;
  digest: string;
  defaultTitle: string;
};

/** The title and the Save button of an import's preview. The server imports the file again on save. */
export function SaveImportForm({ action, importId, digest, defaultTitle }: SaveImportFormProps) {
  const [state, formAction, isPending] = useActionState(action, idleFormState);
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.status === "error") statusRef.current?.focus();
  }, [state]);
  const titleError = state.fieldErrors.title?.join(" ");
  return (
    <form action={formAction} className="reading-form save-import" aria-busy={isPending}>
      <input type="hidden" name="importId" value={importId} />
      <input type="hidden" name="digest" value={digest} />
      <div className="field">
        <label htmlFor="import-title">Title</label>
        <input
          id="import-title"
          name="title"
          defaultValue={defaultTitle}
          maxLength={240}
          required
          aria-invalid={titleError ? true : undefined}
          aria-describedby={titleError ? "import-title-error" : undefined}
        />
        {titleError ? (
          <p className="field-error" id="import-title-error">
            {titleError}
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Saving… (importing the file again to check it)" : "Save reading"}
        </button>
      </div>
      <p
        ref={statusRef}
        tabIndex={-1}
        role={state.status === "error" ? "alert" : "status"}
        className={state.status === "error" ? "field-error form-status" : "form-status"}
      >
        {state.status === "error" ? state.message : null}
      </p>
    </form>
  );
}
