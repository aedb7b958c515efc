import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { describeSignInError } from "@/lib/domain/sign-in-messages";
import { getActor } from "@/lib/server/auth/get-actor";
import { safeReturnPath } from "@/lib/server/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl, error } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getActor()) redirect(returnTo);
  return (
    <section className="narrow" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      <noscript>
        <p className="notice">Signing in needs JavaScript. Reading works without it.</p>
      </noscript>
      <SignInForm callbackUrl={returnTo} initialError={describeSignInError(typeof error === "string" ? error : null)} />
    </section>
  );
}
