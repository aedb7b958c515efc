"use client";

import "./assignment-form.css";
import type { JSONContent } from "@tiptap/react";
import { useState, type FormEvent } from "react";
import type { FormState } from "@/lib/form-state";
import { INCOMPLETE_DATE_MESSAGE } from "@/lib/domain/zoned-time";
import type { RangeOptions } from "@/lib/api/assignments";
import type { RangeFieldValues } from "@/lib/domain/assigned-range";
import { AssignmentRangeFields, RANGE_FIELD_NAMES, type RangeChoiceName } from "./assignment-range-fields";
import { CheckboxField, Field, FieldError, SelectField } from "./field";
import { InstructionsField } from "./instructions-field";
import { RecordOptions } from "./record-options";
import { FormStatus, useKeptActionState } from "./use-kept-action-state";
import { useBrowserTimeZone } from "./use-browser-time-zone";
import { useIsHydrated } from "./use-is-hydrated";

export type AssignmentFormValues = {
  readingId: string;
  title: string;
  instructionsDoc: JSONContent | null;
  instructionsText: string;
  opensAt: string;
  dueAt: string;
  minPosts: number;
  postFirst: boolean;
  acceptsLatePosts: boolean;
  groupIds: string[];
} & RangeFieldValues;

type AssignmentFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  values: AssignmentFormValues;
  /** Only when creating: the readings the instructor may assign. */
  readings: { id: string; title: string }[] | null;
  groups: { id: string; name: string }[];
  courseId: string;
  /** The ways to cut the reading the form opens with (the assigned or preselected one); others are fetched when chosen. */
  rangeOptions: RangeOptions | null;
  /** The zone the date fields are read in (the viewer's, as the server knows it). */
  timeZone: string;
  submitLabel: string;
};

/**
 * Create or edit an assignment. With JavaScript it submits without a page load and keeps what
 * was typed when the server refuses it; without, it posts to the same action.
 */
export function AssignmentForm({
  action,
  hidden,
  values,
  readings,
  groups,
  courseId,
  rangeOptions,
  timeZone,
  submitLabel,
}: AssignmentFormProps) {
  const { state, formAction, isPending, onSubmit: submit, statusRef } = useKeptActionState(action);
  // Dates the browser holds half-typed: it reports them as "" (no date), so they are caught here,
  // before the form is sent, and never saved as "no due date"; so is a part of the reading given
  // in reverse or by one end (the server checks both again, with the reading's own bounds).
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [readingId, setReadingId] = useState(values.readingId);
  // Until the page is interactive the browser's own validation blocks a half-typed date.
  const isHydrated = useIsHydrated();
  const [audience, setAudience] = useState<"class" | "groups">(values.groupIds.length > 0 ? "groups" : "class");
  const zone = useBrowserTimeZone(timeZone);
  const errors = { ...state.fieldErrors, ...clientErrors };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const incomplete: Record<string, string[]> = {};
    for (const name of ["opensAt", "dueAt"]) {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLInputElement && input.validity.badInput) incomplete[name] = [INCOMPLETE_DATE_MESSAGE];
    }
    const range = form.elements.namedItem("range");
    const choice = (range instanceof RadioNodeList ? range.value : "") as RangeChoiceName | "";
    if (choice !== "" && choice !== "whole") {
      const names = RANGE_FIELD_NAMES[choice];
      const number = (name: string) => {
        const field = form.elements.namedItem(name);
        return field instanceof HTMLInputElement || field instanceof HTMLSelectElement ? field.value.trim() : "";
      };
      const [first, last] = [number(names.first), number(names.last)];
      if (first === "" || last === "") {
        incomplete[first === "" ? names.first : names.last] = [
          `Give both the first and the last ${names.noun}, or choose the whole reading.`,
        ];
      } else if (Number(last) < Number(first)) {
        incomplete[names.last] = [`The last ${names.noun} cannot come before the first ${names.noun}.`];
      }
    }
    setClientErrors(incomplete);
    const firstIncomplete = Object.keys(incomplete)[0];
    if (firstIncomplete) {
      event.preventDefault();
      form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${firstIncomplete}"]`)?.focus();
      return;
    }
    submit(event);
  };

  // The error lines and descriptions of the fields not made with Field (fieldsets of choices, the range fields).
  const errorIdFor = (name: string) => (errors[name]?.length ? `field-${name}-error` : undefined);
  const errorFor = (name: string) => <FieldError id={errorIdFor(name)} message={errors[name]?.join(" ")} />;
  const describe = (name: string, hint?: boolean) =>
    [hint ? `field-${name}-hint` : null, errorIdFor(name)].filter(Boolean).join(" ") || undefined;

  return (
    <form action={formAction} onSubmit={onSubmit} className="stacked-form assignment-form" aria-busy={isPending} noValidate={isHydrated}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="timeZone" value={zone} />
      {readings ? (
        <SelectField
          label="Reading"
          name="readingId"
          defaultValue={values.readingId}
          onChange={(event) => setReadingId(event.target.value)}
          required
          errors={errors.readingId}
        >
          <RecordOptions none="Choose a reading…" items={readings} labelOf={(reading) => reading.title} />
        </SelectField>
      ) : null}
      <Field label="Title" name="title" defaultValue={values.title} maxLength={200} required errors={errors.title} />
      <InstructionsField initialDoc={values.instructionsDoc} initialText={values.instructionsText} errors={errors.instructions} />
      <div className="field-row">
        <Field
          label="Opens"
          name="opensAt"
          type="datetime-local"
          hint={`Optional. Your time zone: ${zone}.`}
          defaultValue={values.opensAt}
          errors={errors.opensAt}
        />
        <Field
          label="Due"
          name="dueAt"
          type="datetime-local"
          hint="Optional. Posts made after it count as late."
          defaultValue={values.dueAt}
          errors={errors.dueAt}
        />
      </div>
      <Field
        label="Minimum number of posts"
        name="minPosts"
        type="number"
        min={0}
        max={200}
        step={1}
        defaultValue={values.minPosts}
        inputMode="numeric"
        errors={errors.minPosts}
      />
      <AssignmentRangeFields
        courseId={courseId}
        readingId={readingId}
        initialOptions={rangeOptions}
        values={values}
        errorFor={errorFor}
        describe={describe}
        errors={errors}
      />
      <CheckboxField
        label="Post first"
        name="postFirst"
        defaultChecked={values.postFirst}
        hint="A student sees a paragraph’s discussion only after posting on that paragraph."
      />
      <fieldset className="field" aria-describedby="field-acceptsLatePosts-hint">
        <legend>Accept late posts?</legend>
        <p className="field-hint" id="field-acceptsLatePosts-hint">
          Whether students may still post in this assignment once its due date has passed.
        </p>
        <label className="choice">
          <input type="radio" name="acceptsLatePosts" value="yes" defaultChecked={values.acceptsLatePosts} /> Yes, and mark them late
        </label>
        <label className="choice">
          <input type="radio" name="acceptsLatePosts" value="no" defaultChecked={!values.acceptsLatePosts} /> No, students cannot post after
          the due date
        </label>
        {errorFor("acceptsLatePosts")}
      </fieldset>
      <fieldset className="field" aria-describedby={errorIdFor("groupIds")}>
        <legend>Who is it for?</legend>
        <label className="choice">
          <input type="radio" name="audience" value="class" checked={audience === "class"} onChange={() => setAudience("class")} /> The
          whole class
        </label>
        <label className="choice">
          <input
            type="radio"
            name="audience"
            value="groups"
            checked={audience === "groups"}
            onChange={() => setAudience("groups")}
            disabled={groups.length === 0}
          />{" "}
          Some groups
          {groups.length === 0 ? <span className="meta"> (the course has no groups yet)</span> : null}
        </label>
        {groups.length > 0 ? (
          <ul className="checkbox-list" aria-label="Groups">
            {groups.map((group) => (
              <li key={group.id}>
                <label className="choice">
                  <input type="checkbox" name="groupIds" value={group.id} defaultChecked={values.groupIds.includes(group.id)} />{" "}
                  {group.name}
                </label>
              </li>
            ))}
          </ul>
        ) : null}
        {errorFor("groupIds")}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Saving…" : submitLabel}
        </button>
      </div>
      <FormStatus state={state} statusRef={statusRef}>
        {state.status === "error" && Object.keys(errors).length > 0 ? "Nothing was saved: check the fields marked above." : state.message}
      </FormStatus>
    </form>
  );
}
