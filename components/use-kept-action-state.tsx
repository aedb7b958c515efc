"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode, type RefObject } from "react";
import { idleFormState, type FormState } from "@/lib/form-state";

/** What every form's server-action state has (FormState, or one extended with the form's own fields). */
type ActionState = Pick<FormState, "status" | "message">;
// Awaited<S> is S for a state (a plain object, never a promise); written so for useActionState's types.
type FormAction<S> = (state: Awaited<S>, formData: FormData) => Promise<S>;
/** Which answers take the focus to the status line: any, errors only, or none (the form moves it itself). */
type FocusOn = "any" | "error" | "none";

/**
 * A server action's state for a form that keeps what was typed when the server refuses it (with
 * JavaScript the form submits in a transition, so React does not reset it; without, it posts to
 * the same action). The status line takes the focus when an answer arrives.
 */
export function useKeptActionState(action: FormAction<FormState>, options?: { focusOn?: FocusOn }): KeptActionState<FormState>;
export function useKeptActionState<S extends ActionState>(
  action: FormAction<S>,
  options: { focusOn?: FocusOn; initialState: Awaited<S> },
): KeptActionState<S>;
export function useKeptActionState<S extends ActionState>(
  action: FormAction<S>,
  { focusOn = "any", initialState }: { focusOn?: FocusOn; initialState?: Awaited<S> } = {},
): KeptActionState<S> {
  // Without an initial state the overloads make S FormState, whose idle state is the default.
  const [state, formAction, isPending] = useActionState(action, initialState ?? (idleFormState as Awaited<S>));
  const statusRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (focusOn === "none" || state.status === "idle") return;
    if (state.status === "error" || focusOn === "any") statusRef.current?.focus();
  }, [state, focusOn]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(formData));
  };
  return { state, formAction, isPending, onSubmit, statusRef };
}

type KeptActionState<S> = {
  state: Awaited<S>;
  formAction: (formData: FormData) => void;
  isPending: boolean;
  /** Submits in a transition (with the button pressed, when it has a name and value). */
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  statusRef: RefObject<HTMLParagraphElement | null>;
};

/**
 * The status line of a form: the server's message, announced (an alert when it is an error).
 * Children, when given, say it instead of the message.
 */
export function FormStatus({
  state,
  statusRef,
  children,
}: {
  state: ActionState;
  statusRef: RefObject<HTMLParagraphElement | null>;
  children?: ReactNode;
}) {
  return (
    <p
      ref={statusRef}
      tabIndex={-1}
      role={state.status === "error" ? "alert" : "status"}
      className={state.status === "error" ? "field-error form-status" : "form-status"}
    >
      {children === undefined ? state.message : children}
    </p>
  );
}
