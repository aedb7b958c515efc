"use client";

import "./reading-text-form.css";
import type { FormState } from "@/lib/form-state";
import { Field } from "./field";
import { FormStatus, useKeptActionState } from "./use-kept-action-state";

type SaveImportFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  importId: string;
  digest: string;
  defaultTitle: string;
};

/** The title and the Save button of an import's preview. The server imports the file again on save. */
export function SaveImportForm({ action, importId, digest, defaultTitle }: SaveImportFormProps) {
  const { state, formAction, isPending, statusRef } = useKeptActionState(action, { focusOn: "error" });
  return (
    <form action={formAction} className="reading-form save-import" aria-busy={isPending}>
      <input type="hidden" name="importId" value={importId} />
      <input type="hidden" name="digest" value={digest} />
      <Field
        id="import-title"
        label="Title"
        name="title"
        defaultValue={defaultTitle}
        maxLength={240}
        required
        errors={state.fieldErrors.title}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Saving… (importing the file again to check it)" : "Save reading"}
        </button>
      </div>
      <FormStatus state={state} statusRef={statusRef}>
        {state.status === "error" ? state.message : null}
      </FormStatus>
    </form>
  );
}
