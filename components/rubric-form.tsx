"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { RubricFormState } from "@/app/courses/[id]/assignments/[assignmentId]/rubric/actions";
import {
  defaultThreshold,
  effectiveThreshold,
  KINDS_WITH_THRESHOLD,
  MAX_POINTS,
  MAX_THRESHOLD,
  RUBRIC_KINDS,
  RUBRIC_KIND_LABEL,
  THRESHOLD_LABEL,
  type RubricCriterionRow,
} from "@/lib/domain/rubric";
import { Field } from "./field";
import styles from "./teaching.module.css";

type RubricFormProps = {
  action: (state: RubricFormState, formData: FormData) => Promise<RubricFormState>;
  courseId: string;
  assignmentId: string;
  criteria: RubricCriterionRow[];
  /** The assignment's minimum number of posts, which the minimum-posts criterion starts at. */
  assignmentMinPosts: number;
  /** An archived course: the rubric is shown, not changed. */
  isReadOnly?: boolean;
};

/**
 * The five criteria, each ticked or not, with its points (and posts or words needed). Works
 * without JavaScript; with it, the page does not reload. After a refusal every field shows what
 * was typed, with its message beside it.
 */
export function RubricForm({ action, courseId, assignmentId, criteria, assignmentMinPosts, isReadOnly = false }: RubricFormProps) {
  const [state, formAction, isPending] = useActionState(action, { status: "idle", message: null, fieldErrors: {}, values: null });
  const statusRef = useRef<HTMLParagraphElement>(null);
  const stored = new Map(criteria.map((criterion) => [criterion.kind, criterion]));

  useEffect(() => {
    if (state.status === "error") statusRef.current?.focus();
  }, [state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // Submitting through a transition keeps the fields as typed (a form action would reset them).
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };

  const valueOf = (name: string, fallback: string) => (state.values ? (state.values[name] ?? "") : fallback);

  return (
    <form action={formAction} onSubmit={onSubmit} className={`form ${styles.rubricForm}`} aria-busy={isPending} noValidate>
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <fieldset disabled={isReadOnly} className={styles.plainFieldset}>
        {RUBRIC_KINDS.map((kind) => {
          const saved = stored.get(kind);
          const threshold = saved
            ? String(effectiveThreshold(saved, assignmentMinPosts))
            : String(defaultThreshold(kind, assignmentMinPosts) ?? "");
          const isEnabled = state.values ? state.values[`${kind}.enabled`] === "on" : saved !== undefined;
          return (
            <fieldset key={kind}>
              <legend>{RUBRIC_KIND_LABEL[kind]}</legend>
              <div className={styles.checkbox}>
                <input
                  type="checkbox"
                  id={`${kind}-enabled`}
                  name={`${kind}.enabled`}
                  defaultChecked={isEnabled}
                  key={`${kind}-${String(isEnabled)}`}
                />
                <label htmlFor={`${kind}-enabled`}>Use this criterion</label>
              </div>
              <div className={styles.rubricRow}>
                <Field
                  label="Points"
                  name={`${kind}.points`}
                  id={`${kind}-points`}
                  inputMode="numeric"
                  defaultValue={valueOf(`${kind}.points`, saved ? String(saved.points) : "1")}
                  key={`${kind}-points-${valueOf(`${kind}.points`, saved ? String(saved.points) : "1")}`}
                  hint={`0 to ${MAX_POINTS}`}
                  errors={state.fieldErrors[`${kind}.points`]}
                />
                {KINDS_WITH_THRESHOLD.has(kind) ? (
                  <Field
                    label={THRESHOLD_LABEL[kind]!}
                    name={`${kind}.threshold`}
                    id={`${kind}-threshold`}
                    inputMode="numeric"
                    defaultValue={valueOf(`${kind}.threshold`, threshold)}
                    key={`${kind}-threshold-${valueOf(`${kind}.threshold`, threshold)}`}
                    hint={kind === "MIN_POSTS_BEFORE_DUE" ? minimumPostsHint(saved, assignmentMinPosts) : `1 to ${MAX_THRESHOLD}`}
                    errors={state.fieldErrors[`${kind}.threshold`]}
                  />
                ) : null}
              </div>
            </fieldset>
          );
        })}
      </fieldset>
      {isReadOnly ? null : (
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Saving…" : "Save rubric"}
        </button>
      )}
      <p
        ref={statusRef}
        tabIndex={-1}
        role={state.status === "error" ? "alert" : "status"}
        className={state.status === "error" ? "field-error form-status" : "form-status"}
      >
        {state.message}
      </p>
    </form>
  );
}

/**
 * The minimum-posts number follows the assignment while it is saved at the assignment's minimum
 * (lib/domain/rubric.ts): say so, or say what the assignment asks for when it was set apart.
 */
function minimumPostsHint(saved: RubricCriterionRow | undefined, assignmentMinPosts: number): string {
  const minimum = defaultThreshold("MIN_POSTS_BEFORE_DUE", assignmentMinPosts)!;
  if (saved === undefined || saved.followsAssignmentMinimum === true) return `Follows the assignment's minimum (${minimum}).`;
  return `1 to ${MAX_THRESHOLD}. The assignment asks for ${minimum}.`;
}
