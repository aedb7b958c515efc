"use client";

import type { ReactNode } from "react";
import type { FormState } from "@/lib/form-state";
import { manualCommentField, manualScoreField } from "@/lib/domain/rubric";
import { Field, TextAreaField } from "./field";
import { FormStatus, useKeptActionState } from "./use-kept-action-state";
import styles from "./teaching.module.css";

export type ManualScoreItem = { id: string; name: string; points: number; score: number | null; comment: string | null };

/**
 * One student's scores on the instructor's own criteria: a score (0 to the criterion's points,
 * empty for "not graded yet") and an optional comment for each, saved together. A refusal keeps
 * what was typed, with each message beside its field; Enter in a score saves.
 */
export function ManualScoresForm({
  action,
  studentName,
  criteria,
  children,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  studentName: string;
  criteria: ManualScoreItem[];
  children: ReactNode;
}) {
  const { state, formAction, isPending, onSubmit, statusRef } = useKeptActionState(action);
  const errors = state.status === "error" ? state.fieldErrors : {};
  return (
    <form action={formAction} onSubmit={onSubmit} className={`form ${styles.manualScores}`} aria-busy={isPending} noValidate>
      {children}
      {criteria.map((criterion) => (
        <fieldset key={criterion.id} className={styles.manualScore}>
          <legend>{criterion.name}</legend>
          <Field
            label={`Score for ${criterion.name}`}
            name={manualScoreField(criterion.id)}
            id={`score-${criterion.id}`}
            inputMode="decimal"
            defaultValue={criterion.score === null ? "" : String(criterion.score)}
            hint={`0 to ${criterion.points}, up to two decimals. Leave it empty while not graded.`}
            errors={errors[manualScoreField(criterion.id)]}
          />
          <TextAreaField
            label={`Comment on ${criterion.name} (optional, the student sees it)`}
            name={manualCommentField(criterion.id)}
            id={`comment-${criterion.id}`}
            defaultValue={criterion.comment ?? ""}
            rows={2}
            errors={errors[manualCommentField(criterion.id)]}
          />
        </fieldset>
      ))}
      <div>
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Saving…" : `Save scores for ${studentName}`}
        </button>
      </div>
      <FormStatus state={state} statusRef={statusRef} />
    </form>
  );
}
