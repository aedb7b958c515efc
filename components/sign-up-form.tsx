"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import type { SignUpResult } from "@/app/sign-up/actions";
import { Field } from "./field";
import { ErrorSummary, useClientForm } from "./use-client-form";

type SignUpFormProps = {
  callbackUrl: string;
  signUp: (input: { name: string; email: string; password: string }) => Promise<SignUpResult>;
};

export function SignUpForm({ callbackUrl, signUp }: SignUpFormProps) {
  const { values, fail, bind, summary } = useClientForm({ name: "", email: "", password: "" });
  const [isPending, startTransition] = useTransition();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sentRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (sentTo) sentRef.current?.focus();
  }, [sentTo]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(async () => {
      try {
        const outcome = await signUp(values);
        if (!outcome.ok) return fail(outcome.message, outcome.fieldErrors);
        // The same answer whether the address was new or had an account: no signing in here,
        // which would tell the two apart.
        setSentTo(values.email.trim());
      } catch {
        fail("We could not reach Scholia. Check your connection and try again.");
      }
    });
  };

  if (sentTo) {
    return (
      <div role="status">
        <h2 ref={sentRef} tabIndex={-1}>
          Check your email
        </h2>
        <p>
          We sent a message to <strong>{sentTo}</strong>. Follow its link to confirm your address. If that address already has an account,
          the message says how to sign in to it instead.
        </p>
        <p>
          You can sign in now with your email and password:{" "}
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
        </p>
      </div>
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={isPending}>
      <ErrorSummary {...summary} />
      <Field label="Name" autoComplete="name" required {...bind("name")} />
      <Field label="Email" type="email" autoComplete="email" required {...bind("email")} />
      <Field label="Password" type="password" autoComplete="new-password" required hint="At least 10 characters." {...bind("password")} />
      <button type="submit" className="button" disabled={isPending}>
        {isPending ? "Creating your account…" : "Create account"}
      </button>
      <p>
        Already have an account? <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </form>
  );
}
