import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/** What a form control carries to be tied to its label, hint and errors. */
export type ControlAria = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

type Labelled = {
  label: string;
  /** Words added to the label for screen readers only: tells apart fields that look alike in different forms. */
  labelDetail?: string | undefined;
  name: string;
  id?: string | undefined;
  errors?: readonly string[] | undefined;
  /** The errors are announced as they appear (an error found in the browser, not after a submit). */
  errorAlert?: boolean | undefined;
  hint?: string | undefined;
};

type FrameProps = Omit<Labelled, "name" | "id"> & {
  /** The control's id; the hint and the error line are `<id>-hint` and `<id>-error`. */
  id: string;
  children: (control: ControlAria) => ReactNode;
};

/**
 * The one frame of a labelled form control: label, hint, the control, its errors, with the hint
 * and errors tied to the control for assistive technology. Field, TextAreaField and SelectField
 * are it around an input, a textarea and a select.
 */
export function FieldFrame({ id, label, labelDetail, hint, errors, errorAlert, children }: FrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {labelDetail ? <span className="visually-hidden"> {labelDetail}</span> : null}
      </label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        "aria-invalid": errorId ? true : undefined,
        "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
      })}
      <FieldError id={errorId} message={errors?.join(" ")} alert={errorAlert} />
    </div>
  );
}

/** A field's error line, which its control names in aria-describedby; nothing when there is no error. */
export function FieldError({
  id,
  message,
  alert = false,
}: {
  id: string | undefined;
  message: string | null | undefined;
  alert?: boolean | undefined;
}) {
  if (!id || !message) return null;
  return (
    <p className="field-error" id={id} role={alert ? "alert" : undefined}>
      {message}
    </p>
  );
}

/** Splits a field's props into its frame's and its control's (the name and the element's own attributes). */
function splitField<P extends Labelled>({ label, labelDetail, name, id, errors, errorAlert, hint, ...control }: P) {
  return { frame: { id: id ?? `field-${name}`, label, labelDetail, hint, errors, errorAlert }, control: { name, ...control } };
}

/** A labelled input with its hint and errors tied to it for assistive technology. */
export function Field(props: InputHTMLAttributes<HTMLInputElement> & Labelled) {
  const { frame, control } = splitField(props);
  return <FieldFrame {...frame}>{(aria) => <input {...aria} {...control} />}</FieldFrame>;
}

/** Field's textarea. */
export function TextAreaField(props: TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled) {
  const { frame, control } = splitField(props);
  return <FieldFrame {...frame}>{(aria) => <textarea {...aria} {...control} />}</FieldFrame>;
}

/** Field's select; its options are the children. */
export function SelectField(props: SelectHTMLAttributes<HTMLSelectElement> & Labelled) {
  const { frame, control } = splitField(props);
  return <FieldFrame {...frame}>{(aria) => <select {...aria} {...control} />}</FieldFrame>;
}

/** A checkbox with its label after it and a hint below, the hint tied to it for assistive technology. */
export function CheckboxField({
  label,
  name,
  hint,
  id = `field-${name}`,
  ...control
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id" | "name"> & { label: string; name: string; hint: string; id?: string }) {
  const hintId = `${id}-hint`;
  return (
    <div className="field field-checkbox">
      <input id={id} name={name} type="checkbox" aria-describedby={hintId} {...control} />
      <label htmlFor={id}>{label}</label>
      <p className="field-hint" id={hintId}>
        {hint}
      </p>
    </div>
  );
}
