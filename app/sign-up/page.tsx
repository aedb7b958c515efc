import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/sign-up-form";
import { getActor } from "@/lib/server/auth/get-actor";
import { safeReturnPath } from "@/lib/server/safe-redirect";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getActor()) redirect(returnTo);
  return (
    <section className="narrow" aria-labelledby="sign-up-heading">
      <h1 id="sign-up-heading">Create an account</h1>
      <SignUpForm callbackUrl={returnTo} signUp={signUpAction} />
    </section>
  );
}
