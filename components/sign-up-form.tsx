"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import type { SignUpResult } from "@/app/sign-up/actions";
import { Field } from "./field";

type SignUpFormProps = {
  callbackUrl: string;
  signUp: (input: { name: string; email: string; password: string }) => Promise<SignUpResult>;
};

export function SignUpForm({ callbackUrl, signUp }: SignUpFormProps) {
  const [values, setValues] = useState({ name: "", email: "", password: "" });
  const [result, setResult] = useState<Extract<SignUpResult, { ok: false }> | null>(null);
  const [isPending, startTransition] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);
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
        if (!outcome.ok) {
          setResult(outcome);
          requestAnimationFrame(() => summaryRef.current?.focus());
          return;
        }
        // The same answer whether the address was new or had an account: no signing in here,
        // which would tell the two apart.
        setSentTo(values.email.trim());
      } catch {
        setResult({ ok: false, message: "We could not reach Scholia. Check your connection and try again.", fieldErrors: {} });
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    });
  };

  const update = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

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
      <div ref={summaryRef} tabIndex={-1} role="alert" className={result ? "form-error" : undefined}>
        {result ? result.message : null}
      </div>
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        required
        value={values.name}
        onChange={update("name")}
        errors={result?.fieldErrors.name}
      />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={values.email}
        onChange={update("email")}
        errors={result?.fieldErrors.email}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        value={values.password}
        onChange={update("password")}
        errors={result?.fieldErrors.password}
      />
      <button type="submit" className="button" disabled={isPending}>
        {isPending ? "Creating your account…" : "Create account"}
      </button>
      <p>
        Already have an account? <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </form>
  );
}
