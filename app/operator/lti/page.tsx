import type { Metadata } from "next";
import Link from "next/link";
import { CodeDetailRows } from "@/components/code-detail-rows";
import { notFound, redirect } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { LtiPlatformForm } from "@/components/lti-platform-form";
import { TimeDisplay } from "@/components/time-display";
import { listLtiPlatforms } from "@/lib/server/lti/list-lti-platforms";
import { findToolKeySealingProblem, listToolKeys, type ToolKeyView } from "@/lib/server/lti/list-tool-keys";
import { isOperatorConfigured, isOperatorRequest } from "@/lib/server/operator/operator-access";
import { publicOrigin } from "@/lib/server/public-origin";
import { registerLtiPlatformAction, removeLtiPlatformAction, rotateToolKeyAction } from "./actions";

export const metadata: Metadata = { title: "LMS connections", robots: { index: false } };

/** The operator registers LMSs (LTI 1.3 platforms) and reads the values to enter in each LMS. */
export default async function LtiPlatformsPage() {
  if (!isOperatorConfigured()) notFound();
  if (!(await isOperatorRequest())) redirect("/operator?next=lti");
  const [platforms, toolKeys, sealingProblem] = await Promise.all([listLtiPlatforms(), listToolKeys(), findToolKeySealingProblem()]);
  const origin = publicOrigin();
  const toolValues = [
    ["Login initiation URL (OpenID Connect)", `${origin}/lti/login`],
    ["Redirect URI / launch URL", `${origin}/lti/launch`],
    ["Target link URI", `${origin}/`],
    ["Public keyset URL (JWKS)", `${origin}/lti/jwks`],
  ] as const;
  return (
    <>
      <h1>LMS connections (LTI 1.3)</h1>
      <p>
        <Link href="/operator">Operator: email</Link>
      </p>
      <section className="panel" aria-labelledby="tool-values-heading">
        <h2 id="tool-values-heading">Enter these in your LMS</h2>
        <p>Register Scholia in the LMS as an LTI 1.3 tool with these values; the LMS then gives you the values for the form below.</p>
        <dl className="details">
          <CodeDetailRows rows={toolValues} />
        </dl>
      </section>
      <section aria-labelledby="platforms-heading">
        <h2 id="platforms-heading">Registered LMSs</h2>
        {platforms.length === 0 ? (
          <p className="empty-state">No LMS is registered: launches from any LMS are refused.</p>
        ) : (
          <ul className="course-list">
            {platforms.map((platform) => (
              <li key={platform.id} className="panel">
                <h3>{platform.name}</h3>
                <dl className="details">
                  <>
                    <dt>Issuer</dt>
                    <dd>
                      <code>{platform.issuer}</code>
                    </dd>
                  </>
                  <>
                    <dt>Client id</dt>
                    <dd>
                      <code>{platform.clientId}</code>
                    </dd>
                  </>
                  <>
                    <dt>Deployment ids</dt>
                    <dd>{platform.deploymentIds.join(", ")}</dd>
                  </>
                  <>
                    <dt>May show Scholia in a frame</dt>
                    <dd>{platform.frameOrigins.join(" ")}</dd>
                  </>
                  <>
                    <dt>Registered</dt>
                    <dd>
                      <TimeDisplay iso={platform.createdAt} />
                    </dd>
                  </>
                  <>
                    <dt>Launched so far</dt>
                    <dd>
                      {platform.courseCount} {platform.courseCount === 1 ? "course" : "courses"}, {platform.accountCount}{" "}
                      {platform.accountCount === 1 ? "person" : "people"}
                    </dd>
                  </>
                </dl>
                <ActionForm
                  action={removeLtiPlatformAction}
                  submitLabel="Remove"
                  pendingLabel="Removing…"
                  submitClassName="button button-danger"
                  submitAriaLabel={`Remove ${platform.name}`}
                  confirmMessage={`Remove ${platform.name}? Launches from it stop at once; its courses and accounts stay in Scholia.`}
                >
                  <input type="hidden" name="platformId" value={platform.id} />
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="tool-keys-heading">
        <h2 id="tool-keys-heading">Scholia&apos;s signing keys</h2>
        <p>
          Scholia signs its requests to LMSs (grades, rosters, deep links) with these keys, published at <code>{origin}/lti/jwks</code>. A
          new key is published before it signs, so LMSs that cache the key set have it in time; the key it replaces stays published for a
          week. Private keys are stored encrypted.
        </p>
        {sealingProblem ? (
          <p className="form-error" role="alert">
            {sealingProblem}
          </p>
        ) : null}
        {toolKeys.length === 0 ? (
          <p className="empty-state">No key yet: the first is made when an LMS first asks for the key set.</p>
        ) : (
          <ul className="course-list">
            {toolKeys.map((key) => (
              <li key={key.kid}>
                <code>{key.kid}</code> — <ToolKeyStateText toolKey={key} />
              </li>
            ))}
          </ul>
        )}
        <ActionForm
          action={rotateToolKeyAction}
          submitLabel="Rotate key"
          pendingLabel="Rotating…"
          confirmMessage="Make a new signing key? It is published now and signs once LMSs have had time to fetch it; the current key keeps signing until then."
        />
      </section>
      <section className="panel" aria-labelledby="register-heading">
        <h2 id="register-heading">Register an LMS</h2>
        <LtiPlatformForm action={registerLtiPlatformAction} />
      </section>
    </>
  );
}

function ToolKeyStateText({ toolKey }: { toolKey: ToolKeyView }) {
  switch (toolKey.state) {
    case "upcoming":
      return (
        <>
          published, signs from <TimeDisplay iso={toolKey.activatesAt} />
        </>
      );
    case "signing":
      return <strong>signs now</strong>;
    case "retired":
      return (
        <>
          retired, published until <TimeDisplay iso={toolKey.publishedUntil!} />
        </>
      );
    case "withdrawn":
      return <>retired, no longer published</>;
  }
}
