"use client";

import type { JSONContent } from "@tiptap/react";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { idleFormState, type FormState } from "@/lib/form-state";
import { INCOMPLETE_DATE_MESSAGE } from "@/lib/domain/zoned-time";
import { InstructionsField } from "./instructions-field";
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
  /** The assigned pages of a reading with pages; empty for the whole reading. */
  firstPage: string;
  lastPage: string;
};

type AssignmentFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  values: AssignmentFormValues;
  /** Only when creating: the readings the instructor may assign. */
  readings: { id: string; title: string }[] | null;
  groups: { id: string; name: string }[];
  /** The zone the date fields are read in (the viewer's, as the server knows it). */
  timeZone: string;
  submitLabel: string;
};

/**
 * Create or edit an assignment. With JavaScript it submits without a page load and keeps what
 * was typed when the server refuses it; without, it posts to the same action.
 */
export function AssignmentForm({ action, hidden, values, readings, groups, timeZone, submitLabel }: AssignmentFormProps) {
  const [state, formAction, isPending] = useActionState(action, idleFormState);
  // Dates the browser holds half-typed: it reports them as "" (no date), so they are caught here,
  // before the form is sent, and never saved as "no due date".
  const [dateErrors, setDateErrors] = useState<Record<string, string[]>>({});
  // Until the page is interactive the browser's own validation blocks a half-typed date.
  const isHydrated = useIsHydrated();
  const [audience, setAudience] = useState<"class" | "groups">(values.groupIds.length > 0 ? "groups" : "class");
  const zone = useBrowserTimeZone(timeZone);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const errors = { ...state.fieldErrors, ...dateErrors };

  useEffect(() => {
    if (state.status !== "idle") statusRef.current?.focus();
  }, [state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const incomplete: Record<string, string[]> = {};
    for (const name of ["opensAt", "dueAt"]) {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLInputElement && input.validity.badInput) incomplete[name] = [INCOMPLETE_DATE_MESSAGE];
    }
    setDateErrors(incomplete);
    const firstIncomplete = Object.keys(incomplete)[0];
    if (firstIncomplete) {
      form.querySelector<HTMLInputElement>(`[name="${firstIncomplete}"]`)?.focus();
      return;
    }
    const formData = new FormData(form);
    startTransition(() => formAction(formData));
  };

  const describe = (name: string, hint?: boolean) =>
    [hint ? `field-${name}-hint` : null, errors[name]?.length ? `field-${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const errorFor = (name: string) =>
    errors[name]?.length ? (
      <p className="field-error" id={`field-${name}-error`}>
        {errors[name].join(" ")}
      </p>
    ) : null;

  return (
    <form action={formAction} onSubmit={onSubmit} className="stacked-form assignment-form" aria-busy={isPending} noValidate={isHydrated}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="timeZone" value={zone} />
      {readings ? (
        <div className="field">
          <label htmlFor="field-readingId">Reading</label>
          <select
            id="field-readingId"
            name="readingId"
            defaultValue={values.readingId}
            aria-invalid={errors.readingId ? true : undefined}
            aria-describedby={describe("readingId")}
            required
          >
            <option value="">Choose a reading…</option>
            {readings.map((reading) => (
              <option key={reading.id} value={reading.id}>
                {reading.title}
              </option>
            ))}
          </select>
          {errorFor("readingId")}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="field-title">Title</label>
        <input
          id="field-title"
          name="title"
          defaultValue={values.title}
          maxLength={200}
          required
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describe("title")}
        />
        {errorFor("title")}
      </div>
      <InstructionsField initialDoc={values.instructionsDoc} initialText={values.instructionsText} errors={errors.instructions} />
      <div className="field-row">
        <div className="field">
          <label htmlFor="field-opensAt">Opens</label>
          <p className="field-hint" id="field-opensAt-hint">
            Optional. Your time zone: {zone}.
          </p>
          <input
            id="field-opensAt"
            name="opensAt"
            type="datetime-local"
            defaultValue={values.opensAt}
            aria-invalid={errors.opensAt ? true : undefined}
            aria-describedby={describe("opensAt", true)}
          />
          {errorFor("opensAt")}
        </div>
        <div className="field">
          <label htmlFor="field-dueAt">Due</label>
          <p className="field-hint" id="field-dueAt-hint">
            Optional. Posts made after it count as late.
          </p>
          <input
            id="field-dueAt"
            name="dueAt"
            type="datetime-local"
            defaultValue={values.dueAt}
            aria-invalid={errors.dueAt ? true : undefined}
            aria-describedby={describe("dueAt", true)}
          />
          {errorFor("dueAt")}
        </div>
      </div>
      <div className="field">
        <label htmlFor="field-minPosts">Minimum number of posts</label>
        <input
          id="field-minPosts"
          name="minPosts"
          type="number"
          min={0}
          max={200}
          step={1}
          defaultValue={values.minPosts}
          inputMode="numeric"
          aria-invalid={errors.minPosts ? true : undefined}
          aria-describedby={describe("minPosts")}
        />
        {errorFor("minPosts")}
      </div>
      <fieldset className="field" aria-describedby="field-pages-hint">
        <legend>Part of the reading</legend>
        <p className="field-hint" id="field-pages-hint">
          Optional, for a reading imported from a PDF: the pages of its original that you assign. Students open these pages first and can
          read the rest; insights and grades count the posts on them. Leave empty for the whole reading.
        </p>
        <div className="field-row">
          {(["firstPage", "lastPage"] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`field-${name}`}>{name === "firstPage" ? "First page" : "Last page"}</label>
              <input
                id={`field-${name}`}
                name={name}
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                defaultValue={values[name]}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={describe(name)}
              />
              {errorFor(name)}
            </div>
          ))}
        </div>
      </fieldset>
      <div className="field field-checkbox">
        <input
          id="field-postFirst"
          name="postFirst"
          type="checkbox"
          defaultChecked={values.postFirst}
          aria-describedby="field-postFirst-hint"
        />
        <label htmlFor="field-postFirst">Post first</label>
        <p className="field-hint" id="field-postFirst-hint">
          A student sees a paragraph&rsquo;s discussion only after posting on that paragraph.
        </p>
      </div>
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
      <fieldset className="field" aria-describedby={describe("groupIds")}>
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
      <p
        ref={statusRef}
        tabIndex={-1}
        role={state.status === "error" ? "alert" : "status"}
        className={state.status === "error" ? "field-error form-status" : "form-status"}
      >
        {state.status === "error" && Object.keys(errors).length > 0 ? "Nothing was saved: check the fields marked above." : state.message}
      </p>
    </form>
  );
}
