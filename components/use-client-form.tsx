"use client";

import { useRef, useState, type ChangeEvent, type RefObject } from "react";

type Failure = { message: string; fieldErrors: Record<string, string[]> };

/**
 * A form whose fields the browser keeps (sign-in, sign-up: they call next-auth or an action from
 * the client): the typed values, and the error summary above the fields that takes the focus
 * when a submit fails, with each field's own errors.
 */
export function useClientForm<V extends Record<string, string>>(initialValues: V, initialMessage: string | null = null) {
  const [values, setValues] = useState(initialValues);
  const [failure, setFailure] = useState<Failure | null>(initialMessage === null ? null : { message: initialMessage, fieldErrors: {} });
  const summaryRef = useRef<HTMLDivElement>(null);

  const fail = (message: string, fieldErrors: Record<string, string[]> = {}) => {
    setFailure({ message, fieldErrors });
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  /** A field's controlled value, its change handler and its errors, for Field. */
  const bind = (name: keyof V & string) => ({
    name,
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValues((current) => ({ ...current, [name]: event.target.value })),
    errors: failure?.fieldErrors[name],
  });

  return {
    values,
    setValues,
    fail,
    clearFailure: () => setFailure(null),
    bind,
    summary: { summaryRef, message: failure?.message ?? null },
  };
}

/** The form's error summary: an alert region, empty until a submit fails. */
export function ErrorSummary({ summaryRef, message }: { summaryRef: RefObject<HTMLDivElement | null>; message: string | null }) {
  return (
    <div ref={summaryRef} tabIndex={-1} role="alert" className={message ? "form-error" : undefined}>
      {message}
    </div>
  );
}
