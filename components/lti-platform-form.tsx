"use client";

import { useEffect, useRef } from "react";
import type { FormState } from "@/lib/form-state";
import { Field } from "./field";
import { FormStatus, useKeptActionState } from "./use-kept-action-state";

type LtiPlatformFormProps = { action: (state: FormState, formData: FormData) => Promise<FormState> };

/**
 * The operator's form to register an LMS. What was typed stays when the server refuses it; each
 * field shows its own error, and the summary above takes the focus.
 */
export function LtiPlatformForm({ action }: LtiPlatformFormProps) {
  const { state, formAction, isPending, onSubmit, statusRef } = useKeptActionState(action);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state]);

  const errors = (field: string) => state.fieldErrors[field];

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="form" noValidate aria-busy={isPending}>
      <FormStatus state={state} statusRef={statusRef} />
      <Field
        label="Name"
        name="name"
        required
        maxLength={120}
        hint="How you will recognise this LMS here, e.g. “University Canvas”."
        errors={errors("name")}
      />
      <Field
        label="Issuer"
        name="issuer"
        type="url"
        required
        hint="The platform ID / issuer (iss), e.g. https://canvas.instructure.com."
        errors={errors("issuer")}
      />
      <Field label="Client id" name="clientId" required hint="The client id the LMS gave Scholia." errors={errors("clientId")} />
      <Field
        label="Deployment ids"
        name="deploymentIds"
        required
        hint="One or more, separated by spaces or commas. Launches from other deployments are refused."
        errors={errors("deploymentIds")}
      />
      <Field
        label="Authentication request URL"
        name="authLoginUrl"
        type="url"
        required
        hint="The LMS's OIDC authorization endpoint."
        errors={errors("authLoginUrl")}
      />
      <Field
        label="Access token URL"
        name="accessTokenUrl"
        type="url"
        required
        hint="The LMS's OAuth2 token endpoint."
        errors={errors("accessTokenUrl")}
      />
      <Field
        label="Key set URL"
        name="jwksUrl"
        type="url"
        required
        hint="The LMS's public JWKS, which signs its launches."
        errors={errors("jwksUrl")}
      />
      <Field
        label="Embedding origins (optional)"
        name="frameOrigins"
        hint="Where the LMS shows its pages, if not at the issuer's or the authentication URL's origin, e.g. https://school.instructure.com. Separate with spaces."
        errors={errors("frameOrigins")}
      />
      <button type="submit" className="button" disabled={isPending}>
        {isPending ? "Registering…" : "Register this LMS"}
      </button>
    </form>
  );
}
