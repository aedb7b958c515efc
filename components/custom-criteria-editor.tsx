"use client";

import { useEffect, useRef } from "react";
import type { FormState } from "@/lib/form-state";
import { CUSTOM_CRITERION_LIMITS, MAX_POINTS } from "@/lib/domain/rubric";
import { ActionForm } from "./action-form";
import { Field, TextAreaField } from "./field";
import { FormStatus, useKeptActionState } from "./use-kept-action-state";
import styles from "./teaching.module.css";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

export type CustomCriterionItem = { id: string; name: string; description: string; points: number; scoreCount: number };

type CustomCriteriaEditorProps = {
  courseId: string;
  assignmentId: string;
  criteria: CustomCriterionItem[];
  actions: { add: FormAction; update: FormAction; move: FormAction; remove: FormAction };
};

/**
 * The instructor's own criteria on the rubric page: each with Edit (a disclosure holding its
 * form), Move up / Move down and Remove, then a form to add one. Every form works without
 * JavaScript; with it, a refusal keeps what was typed and shows each message beside its field.
 */
export function CustomCriteriaEditor({ courseId, assignmentId, criteria, actions }: CustomCriteriaEditorProps) {
  const hidden = (criterionId?: string) => (
    <>
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      {criterionId ? <input type="hidden" name="criterionId" value={criterionId} /> : null}
    </>
  );
  return (
    <>
      {criteria.length === 0 ? (
        <p className="empty-state">No criteria of your own yet.</p>
      ) : (
        <ol className={styles.customCriteria} data-testid="custom-criteria">
          {criteria.map((criterion, index) => (
            <li key={criterion.id} className={styles.customCriterion} data-criterion-id={criterion.id}>
              <h3>
                {criterion.name}{" "}
                <span className="meta">
                  ({criterion.points} {criterion.points === 1 ? "point" : "points"})
                </span>
              </h3>
              {criterion.description ? <p className={styles.criterionDescription}>{criterion.description}</p> : null}
              <p className="meta">
                {criterion.scoreCount === 0
                  ? "Not graded for anyone yet."
                  : `Graded for ${criterion.scoreCount} ${criterion.scoreCount === 1 ? "student" : "students"}.`}
              </p>
              <div className={styles.criterionTools}>
                {(["up", "down"] as const).map((direction) => (
                  <ActionForm
                    key={direction}
                    action={actions.move}
                    submitLabel={`Move ${direction}`}
                    submitClassName="button button-secondary"
                    submitAriaLabel={`Move “${criterion.name}” ${direction}`}
                  >
                    {hidden(criterion.id)}
                    <input type="hidden" name="direction" value={direction} />
                  </ActionForm>
                ))}
                <ActionForm
                  action={actions.remove}
                  submitLabel="Remove"
                  submitClassName="button button-danger"
                  submitAriaLabel={`Remove “${criterion.name}”`}
                  confirmMessage={
                    criterion.scoreCount > 0
                      ? `Remove “${criterion.name}”? The ${criterion.scoreCount} ${criterion.scoreCount === 1 ? "score" : "scores"} given on it will be deleted.`
                      : `Remove “${criterion.name}”?`
                  }
                >
                  {hidden(criterion.id)}
                </ActionForm>
              </div>
              <details className={styles.criterionEdit}>
                <summary>Edit “{criterion.name}”</summary>
                <CustomCriterionForm
                  action={actions.update}
                  idPrefix={`criterion-${index + 1}`}
                  values={criterion}
                  submitLabel="Save criterion"
                >
                  {hidden(criterion.id)}
                </CustomCriterionForm>
              </details>
            </li>
          ))}
        </ol>
      )}
      <h3 id="add-criterion-heading">Add a criterion</h3>
      <CustomCriterionForm action={actions.add} idPrefix="new-criterion" values={null} submitLabel="Add criterion" resetOnSuccess>
        {hidden()}
      </CustomCriterionForm>
    </>
  );
}

/** Name, points and description of one criterion; errors beside each field, what was typed kept on a refusal. */
function CustomCriterionForm({
  action,
  idPrefix,
  values,
  submitLabel,
  resetOnSuccess = false,
  children,
}: {
  action: FormAction;
  idPrefix: string;
  values: { name: string; points: number; description: string } | null;
  submitLabel: string;
  resetOnSuccess?: boolean;
  children: React.ReactNode;
}) {
  const { state, formAction, isPending, onSubmit, statusRef } = useKeptActionState(action);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success" && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);
  const errors = state.status === "error" ? state.fieldErrors : {};
  /** A field of this form: its name, its id (unique on the page) and its errors. */
  const fieldOf = (name: "name" | "points" | "description") => ({ name, id: `${idPrefix}-${name}`, errors: errors[name] });
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className={`form ${styles.criterionForm}`} aria-busy={isPending} noValidate>
      {children}
      <Field
        label="Name"
        {...fieldOf("name")}
        defaultValue={values?.name ?? ""}
        hint={`What the student is graded on, up to ${CUSTOM_CRITERION_LIMITS.nameMax} characters.`}
        aria-required="true"
      />
      <Field
        label="Points"
        {...fieldOf("points")}
        inputMode="numeric"
        defaultValue={values ? String(values.points) : ""}
        hint={`A whole number from 0 to ${MAX_POINTS}.`}
        aria-required="true"
      />
      <TextAreaField
        label="Description (optional)"
        {...fieldOf("description")}
        defaultValue={values?.description ?? ""}
        hint={`What earns the points, for graders and students; up to ${CUSTOM_CRITERION_LIMITS.descriptionMax} characters.`}
        rows={3}
      />
      <div>
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Saving…" : submitLabel}
        </button>
      </div>
      <FormStatus state={state} statusRef={statusRef} />
    </form>
  );
}
