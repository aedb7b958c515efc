"use client";

import { useEffect, useRef, useState } from "react";
import { Field } from "@/components/field";
import { FormStatus, useKeptActionState } from "@/components/use-kept-action-state";
import type { CreateTokenState } from "@/app/settings/tokens/actions";

type Props = { action: (state: CreateTokenState, formData: FormData) => Promise<CreateTokenState> };

const initialState: CreateTokenState = { status: "idle", message: null, fieldErrors: {}, secret: null, tokenName: null };

/**
 * Creates a token and shows its secret once: it lives only in this component's state, so it is
 * gone after a reload, as the page says. Focus moves to the secret so it is announced and can
 * be copied at once.
 */
export function ApiTokenCreateForm({ action }: Props) {
  const { state, formAction, isPending, onSubmit, statusRef } = useKeptActionState(action, { initialState, focusOn: "error" });
  // The copy outcome belongs to one secret: a new secret (or none) starts back at "idle".
  const [copyOutcome, setCopyOutcome] = useState<{ secret: string; state: "copied" | "failed" } | null>(null);
  const copyState = copyOutcome !== null && copyOutcome.secret === state.secret ? copyOutcome.state : "idle";
  const secretHeadingRef = useRef<HTMLHeadingElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!state.secret) return;
    formRef.current?.reset();
    secretHeadingRef.current?.focus();
  }, [state]);

  const copy = async () => {
    const secret = state.secret;
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopyOutcome({ secret, state: "copied" });
    } catch {
      // Clipboard access can be refused: select the text so it can be copied by hand.
      secretRef.current?.select();
      setCopyOutcome({ secret, state: "failed" });
    }
  };

  return (
    <>
      {state.secret ? (
        <section className="token-secret" aria-labelledby="token-secret-heading">
          <h3 id="token-secret-heading" ref={secretHeadingRef} tabIndex={-1}>
            Copy your new token now
          </h3>
          <p>
            This is the only time Scholia shows the token “{state.tokenName}”. Store it somewhere safe; if you lose it, revoke it and create
            another.
          </p>
          <div className="inline-form">
            <div className="field">
              <label htmlFor="token-secret">Token</label>
              <input
                id="token-secret"
                ref={secretRef}
                size={52}
                spellCheck={false}
                readOnly
                value={state.secret}
                onFocus={(event) => event.currentTarget.select()}
              />
            </div>
            <button type="button" className="button" onClick={() => void copy()}>
              {copyState === "copied" ? "Copied" : "Copy token"}
            </button>
          </div>
          <p role="status" className="form-status">
            {copyState === "copied"
              ? "Token copied to the clipboard."
              : copyState === "failed"
                ? "Could not copy; the token is selected, copy it with your keyboard."
                : ""}
          </p>
        </section>
      ) : null}
      <form ref={formRef} action={formAction} onSubmit={onSubmit} className="inline-form" aria-busy={isPending}>
        <Field
          label="Token name"
          name="name"
          required
          maxLength={60}
          autoComplete="off"
          hint="What will use it, e.g. “Zotero sync” or “my export script”."
          errors={state.fieldErrors.name}
        />
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Creating…" : "Create token"}
        </button>
        <FormStatus state={state} statusRef={statusRef}>
          {state.secret ? null : state.message}
        </FormStatus>
      </form>
    </>
  );
}
