// The state the add-a-reading and edit-a-reading actions return to their form (shared by the
// server actions and the client form): what was typed (kept on every error) and the preview.
import type { FormState } from "./form-state.ts";

export type ReadingPreview = {
  title: string;
  paragraphs: { position: number; text: string }[];
  /** Identifies the exact input previewed: saving anything else asks for a new preview. */
  digest: string;
  /** For an edit: what happens to the current paragraphs, and how many of the annotations the
   *  editor can see would lose their place. */
  changes: { kept: number; changed: number; added: number; removed: number; orphaned: number } | null;
};

export type ReadingFormValues = { title: string; format: string; text: string };

export type ReadingFormState = FormState & {
  values: ReadingFormValues;
  preview: ReadingPreview | null;
  /** Bumped on every answer so the fields re-mount with the values the server sends back. */
  revision: number;
};

export function initialReadingFormState(values: ReadingFormValues): ReadingFormState {
  return { status: "idle", message: null, fieldErrors: {}, values, preview: null, revision: 0 };
}
