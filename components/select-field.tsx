import type { ReactNode } from "react";

/** A labelled select with its errors tied to it for assistive technology (Field's twin). */
export function SelectField({
  label,
  name,
  value,
  errors,
  children,
}: {
  label: string;
  name: string;
  value: string;
  errors: readonly string[] | undefined;
  children: ReactNode;
}) {
  const id = `field-${name}`;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value} aria-invalid={errorId ? true : undefined} aria-describedby={errorId}>
        {children}
      </select>
      {errorId ? (
        <p className="field-error" id={errorId}>
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
