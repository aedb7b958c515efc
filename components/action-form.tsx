"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { idleFormState, type FormState } from "@/lib/form-state";

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
}: ActionFormProps) {
  const [state, formAction, isPending] = useActionState(action, idleFormState);
  const formRef = useRef<HTMLFormElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (state.status === "success" && resetOnSuccess) formRef.current?.reset();
    if (state.status === "error") statusRef.current?.focus();
  }, [state, resetOnSuccess]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirmMessage && !window.confirm(confirmMessage)) return;
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className={className} aria-busy={isPending}>
      {children}
      <button type="submit" className={submitClassName} disabled={isPending} aria-label={submitAriaLabel}>
        {isPending ? (pendingLabel ?? "Saving…") : submitLabel}
      </button>
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
