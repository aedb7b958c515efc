"use client";

import "./assignment-form.css";
import { useEffect, useState, type ReactNode } from "react";
import { readRangeOptions, type RangeOptions } from "@/lib/api/assignments";
import { fetchJSON, messageOf } from "@/lib/api/fetch-json";
import type { RangeFieldValues } from "@/lib/domain/assigned-range";

export type RangeChoiceName = RangeFieldValues["range"];

/** The field pairs of each choice, as the server reads them (assignment-input.ts RANGE_FIELDS). */
export const RANGE_FIELD_NAMES: Record<
  Exclude<RangeChoiceName, "whole">,
  { first: keyof RangeFieldValues; last: keyof RangeFieldValues; noun: string }
> = {
  pages: { first: "firstPage", last: "lastPage", noun: "page" },
  sections: { first: "firstSection", last: "lastSection", noun: "section" },
  paragraphs: { first: "firstParagraph", last: "lastParagraph", noun: "paragraph" },
};

type AssignmentRangeFieldsProps = {
  courseId: string;
  /** The reading chosen in the form ("" for none yet). */
  readingId: string;
  /** The options of the reading the page was rendered with (the one preselected or assigned). */
  initialOptions: RangeOptions | null;
  values: RangeFieldValues;
  /** Field errors, from the server or from the check before sending. */
  errorFor: (name: string) => ReactNode;
  describe: (name: string, hint?: boolean) => string | undefined;
  errors: Record<string, string[] | undefined>;
};

/**
 * "Part of the reading" (#16.4): the whole reading, or its pages (a PDF's), a range of its
 * sections (a long reading) or a range of its paragraphs (a reading without pages), chosen from
 * lists that name each section and each paragraph's first words. The lists are the reading's as
 * it is now; its version goes with them so that a choice in an older version is asked again.
 */
export function AssignmentRangeFields({
  courseId,
  readingId,
  initialOptions,
  values,
  errorFor,
  describe,
  errors,
}: AssignmentRangeFieldsProps) {
  const [loaded, setLoaded] = useState<{ readingId: string; options: RangeOptions | null; error: string | null }>({
    readingId: initialOptions?.readingId ?? "",
    options: initialOptions,
    error: null,
  });
  const [choice, setChoice] = useState<RangeChoiceName>(values.range);
  const options = loaded.readingId === readingId ? loaded.options : null;
  const isLoading = readingId !== "" && loaded.readingId !== readingId;

  useEffect(() => {
    if (readingId === "" || loaded.readingId === readingId) return;
    let isCurrent = true;
    fetchJSON(readRangeOptions, { params: { id: courseId, readingId } }).then(
      (next) => {
        if (isCurrent) setLoaded({ readingId, options: next, error: null });
      },
      (error: unknown) => {
        if (isCurrent) setLoaded({ readingId, options: null, error: messageOf(error, "The reading's sections could not be loaded.") });
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [courseId, readingId, loaded.readingId]);

  const available: RangeChoiceName[] = ["whole"];
  if (options?.lastPage) available.push("pages");
  if (options && options.sections.length > 1) available.push("sections");
  if (options && options.paragraphs.length > 0) available.push("paragraphs");
  const shown = available.includes(choice) ? choice : "whole";
  const labels: Record<RangeChoiceName, string> = {
    whole: "All of it",
    pages: options?.lastPage ? `Pages (of ${options.lastPage})` : "Pages",
    sections: options ? `Sections (of ${options.sections.length})` : "Sections",
    paragraphs: options ? `Paragraphs (of ${options.paragraphs.length})` : "Paragraphs",
  };

  const select = (name: keyof RangeFieldValues, label: string, choices: { value: number; label: string }[], fallback: number) => (
    <div className="field" key={name}>
      <label htmlFor={`field-${name}`}>{label}</label>
      <select
        id={`field-${name}`}
        name={name}
        defaultValue={values[name] !== "" ? values[name] : String(fallback)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={describe(name)}
      >
        {choices.map((item) => (
          <option key={item.value} value={item.value}>
            {item.label}
          </option>
        ))}
      </select>
      {errorFor(name)}
    </div>
  );
  /** The "From …" and "To …" selects of a range, over the same choices: the first and the last by default. */
  const fromTo = (
    first: keyof RangeFieldValues,
    last: keyof RangeFieldValues,
    noun: string,
    choices: { value: number; label: string }[],
  ) => (
    <div className="field-row">
      {select(first, `From ${noun}`, choices, 1)}
      {select(last, `To ${noun}`, choices, choices.length)}
    </div>
  );

  return (
    <fieldset className="field assignment-range" aria-describedby="field-range-hint">
      <legend>Part of the reading</legend>
      <p className="field-hint" id="field-range-hint">
        Students open the assigned part first, marked in the text, and can read the rest; insights and grades count the posts on it.
        {readingId === "" ? " Choose a reading to assign part of it." : null}
      </p>
      {isLoading ? (
        <p className="meta" role="status">
          Loading the reading&rsquo;s sections…
        </p>
      ) : null}
      {loaded.error && loaded.readingId === readingId ? (
        <p className="field-error" role="alert">
          {loaded.error}
        </p>
      ) : null}
      {options ? <input type="hidden" name="rangeVersion" value={options.version} /> : null}
      <div className="choice-row">
        {available.map((name) => (
          <label className="choice" key={name}>
            <input type="radio" name="range" value={name} checked={shown === name} onChange={() => setChoice(name)} /> {labels[name]}
          </label>
        ))}
      </div>
      {errorFor("range")}
      {shown === "pages" && options?.lastPage ? (
        <div className="field-row">
          {(["firstPage", "lastPage"] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`field-${name}`}>{name === "firstPage" ? "First page" : "Last page"}</label>
              <input
                id={`field-${name}`}
                name={name}
                type="number"
                min={1}
                max={options.lastPage ?? undefined}
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
      ) : null}
      {shown === "sections" && options
        ? fromTo(
            "firstSection",
            "lastSection",
            "section",
            options.sections.map((section) => ({ value: section.number, label: `${section.number}. ${section.title}` })),
          )
        : null}
      {shown === "paragraphs" && options
        ? fromTo(
            "firstParagraph",
            "lastParagraph",
            "paragraph",
            options.paragraphs.map((paragraph) => ({ value: paragraph.position, label: `¶ ${paragraph.position}: ${paragraph.words}` })),
          )
        : null}
    </fieldset>
  );
}
