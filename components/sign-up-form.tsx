"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import type { SignUpResult } from "@/app/sign-up/actions";
import { Field } from "./field";

type SignUpFormProps = {
  callbackUrl: string;
  signUp: (input: { name: string; email: string; password: string }) => Promise<SignUpResult>;
};

export function SignUpForm({ callbackUrl, signUp }: SignUpFormProps) {
  const router = useRouter();
  const [values, setValues] = useState({ name: "", email: "", password: "" });
  const [result, setResult] = useState<Extract<SignUpResult, { ok: false }> | null>(null);
  const [isPending, startTransition] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);

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
        const signedIn = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
        if (signedIn?.error) {
          router.push(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
          return;
        }
        router.push(callbackUrl);
        router.refresh();
      } catch {
        setResult({ ok: false, message: "We could not reach Scholia. Check your connection and try again.", fieldErrors: {} });
        requestAnimationFrame(() => summaryRef.current?.focus());
      }
    });
  };

  const update = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

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
