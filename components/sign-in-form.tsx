"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition, type FormEvent } from "react";
import { signInSchema } from "@/lib/domain/account-rules";
import { toFieldErrors } from "@/lib/domain/field-errors";
import { describeSignInError } from "@/lib/domain/sign-in-messages";
import { Field } from "./field";
import { ErrorSummary, useClientForm } from "./use-client-form";

export function SignInForm({
  callbackUrl,
  initialError,
  singleSignOn,
}: {
  callbackUrl: string;
  initialError: string | null;
  /** Offered beside the password when the server configures it (OIDC_* variables). */
  singleSignOn: { name: string } | null;
}) {
  const router = useRouter();
  const { values, setValues, fail, clearFailure, bind, summary } = useClientForm({ email: "", password: "" }, initialError);
  const [isPending, startTransition] = useTransition();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = signInSchema.safeParse(values);
    if (!parsed.success) return fail("Please fill in both fields.", toFieldErrors(parsed.error));
    startTransition(async () => {
      try {
        const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
        if (!result || result.error) {
          // A wrong password keeps the email and clears the password, as people expect.
          setValues((current) => ({ ...current, password: "" }));
          return fail(describeSignInError(result?.error ?? "CredentialsSignin") ?? "Sign-in failed.");
        }
        router.push(callbackUrl);
        router.refresh();
      } catch {
        fail("We could not reach Scholia. Check your connection and try again.");
      }
    });
  };

  const onSingleSignOn = () => {
    clearFailure();
    startTransition(async () => {
      try {
        // A full-page redirect to the identity provider, which sends the browser back signed in.
        await signIn("oidc", { callbackUrl });
      } catch {
        fail("We could not reach Scholia. Check your connection and try again.");
      }
    });
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={isPending}>
      <ErrorSummary {...summary} />
      {singleSignOn ? (
        <>
          <button type="button" className="button" onClick={onSingleSignOn} disabled={isPending}>
            Continue with {singleSignOn.name}
          </button>
          <p className="field-hint">Or sign in with your email and password:</p>
        </>
      ) : null}
      <Field label="Email" type="email" autoComplete="email" required {...bind("email")} />
      <Field label="Password" type="password" autoComplete="current-password" required {...bind("password")} />
      <button type="submit" className="button" disabled={isPending}>
        {isPending ? "Signing in…" : "Sign in"}
      </button>
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New to Scholia? <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
      </p>
    </form>
  );
}
