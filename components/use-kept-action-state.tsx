"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent, type RefObject } from "react";
import { idleFormState, type FormState } from "@/lib/form-state";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A server action's state for a form that keeps what was typed when the server refuses it (with
 * JavaScript the form submits in a transition, so React does not reset it; without, it posts to
 * the same action). The status line takes the focus when an answer arrives.
 */
export function useKeptActionState(action: FormAction, { focusOn = "any" }: { focusOn?: "any" | "error" } = {}) {
  const [state, formAction, isPending] = useActionState(action, idleFormState);
  const statusRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (state.status === "error" || (focusOn === "any" && state.status !== "idle")) statusRef.current?.focus();
  }, [state, focusOn]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };
  return { state, formAction, isPending, onSubmit, statusRef };
}

/** The status line of a form: the server's message, announced (an alert when it is an error). */
export function FormStatus({ state, statusRef }: { state: FormState; statusRef: RefObject<HTMLParagraphElement | null> }) {
  return (
    <p
      ref={statusRef}
      tabIndex={-1}
      role={state.status === "error" ? "alert" : "status"}
      className={state.status === "error" ? "field-error form-status" : "form-status"}
    >
      {state.message}
    </p>
  );
}
