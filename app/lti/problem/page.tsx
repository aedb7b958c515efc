import type { Metadata } from "next";
import { isId } from "@/lib/domain/ids";
import { isLtiProblem, LTI_PROBLEMS } from "@/lib/domain/lti";
import { findLoginRetryUrl } from "@/lib/server/lti/find-login-retry-url";

export const metadata: Metadata = { title: "Could not open Scholia from the LMS", robots: { index: false } };

// Where a refused LMS launch lands (inside the LMS's iframe, usually): what went wrong in words a
// student can act on. Nothing about the refused token is echoed back.
export default async function LtiProblemPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { reason, login } = await searchParams;
  const problem = LTI_PROBLEMS[isLtiProblem(reason) ? reason : "bad-request"];
  const retryUrl = reason === "cookies" && isId(login) ? await findLoginRetryUrl({ loginId: login }) : null;
  return (
    <section className="error-page" aria-labelledby="lti-problem-heading">
      <h1 id="lti-problem-heading">{problem.title}</h1>
      <p>{problem.message}</p>
      {retryUrl ? (
        <p>
          <a className="button" href={retryUrl} target="_blank" rel="noopener">
            Open Scholia in a new tab
          </a>
        </p>
      ) : null}
    </section>
  );
}
