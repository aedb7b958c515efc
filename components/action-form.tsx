"use client";

import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import type { FormState } from "@/lib/form-state";
import { FormStatus, useKeptActionState } from "./use-kept-action-state";

type ActionFormProps = {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  children?: ReactNode;
  submitLabel: string;
  pendingLabel?: string;
  /** Asked before submitting (destructive actions). */
  confirmMessage?: string;
  resetOnSuccess?: boolean;
  className?: string;
  submitClassName?: string;
  /** Accessible name of the submit button when its visible label is ambiguous in a list. */
  submitAriaLabel?: string;
  /** Values posted without being shown, by field name: which course, which row the action is for. */
  hidden?: Readonly<Record<string, string>>;
};

/**
 * A form bound to a server action. With JavaScript it submits without a page load and keeps what
 * was typed when the server refuses it (React would otherwise reset the fields); without
 * JavaScript it posts to the same action.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  pendingLabel,
  confirmMessage,
  resetOnSuccess = false,
  className = "inline-form",
  submitClassName = "button",
  submitAriaLabel,
  hidden = {},
}: ActionFormProps) {
  const { state, formAction, isPending, onSubmit, statusRef } = useKeptActionState(action, { focusOn: "error" });
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.status === "success" && resetOnSuccess) formRef.current?.reset();
  }, [state, resetOnSuccess]);

  const confirmThenSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (confirmMessage && !window.confirm(confirmMessage)) {
      event.preventDefault();
      return;
    }
    onSubmit(event);
  };

  return (
    <form ref={formRef} action={formAction} onSubmit={confirmThenSubmit} className={className} aria-busy={isPending}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button type="submit" className={submitClassName} disabled={isPending} aria-label={submitAriaLabel}>
        {isPending ? (pendingLabel ?? "Saving…") : submitLabel}
      </button>
      <FormStatus state={state} statusRef={statusRef} />
    </form>
  );
}
