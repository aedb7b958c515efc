"use client";

import type { ReactNode } from "react";

export type Choice<T extends string> = { value: T; label: string };

/** A <select> inside its label, for one of a few choices: onChange gets the chosen choice's value, typed. */
export function ChoiceSelect<T extends string>({
  label,
  value,
  choices,
  onChange,
}: {
  label: ReactNode;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
}) {
  return (
    <label>
      {label}{" "}
      <select
        value={value}
        onChange={(event) => {
          const chosen = choices.find((choice) => choice.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
