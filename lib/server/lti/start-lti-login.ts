import "server-only";
import { z } from "zod";
import { getDb } from "../db.ts";
import { publicOrigin } from "../public-origin.ts";
import { LtiLaunchError } from "./lti-launch-error.ts";
import { hashState, LTI_LOGIN_TTL_MS, ltiStateCookieName, randomToken } from "./lti-login-state.ts";

// Step 1 of a launch (IMS Security Framework 1.0 §5.1.1, OIDC third-party initiated login): the
// platform sends the browser here with its issuer and hints; Scholia answers with a redirect to
// the platform's authorization endpoint, carrying a fresh state and nonce (single-use, stored in
// PostgreSQL), and binds the state to this browser with a cookie.

const text = z.string().trim().min(1).max(2000);

export const ltiLoginInitiationSchema = z.object({
  iss: text,
  login_hint: text,
  target_link_uri: z.url().max(2000),
  lti_message_hint: text.optional(),
  lti_deployment_id: z.string().max(255).optional(),
  client_id: z.string().max(255).optional(),
});
export type LtiLoginInitiation = z.infer<typeof ltiLoginInitiationSchema>;

export type StartedLtiLogin = {
  redirectUrl: string;
  cookie: { name: string; value: string; maxAgeSeconds: number };
};

export async function startLtiLogin({ params }: { params: Record<string, string | undefined> }): Promise<StartedLtiLogin> {
  const parsed = ltiLoginInitiationSchema.safeParse(params);
  if (!parsed.success) throw new LtiLaunchError("bad-request", parsed.error.issues.map((issue) => issue.path.join(".")).join(", "));
  const initiation = parsed.data;

  const platforms = await getDb().ltiPlatform.findMany({
    where: { issuer: initiation.iss, ...(initiation.client_id ? { clientId: initiation.client_id } : {}) },
    select: { id: true, clientId: true, authLoginUrl: true },
    take: 2,
  });
  // One issuer may have registered Scholia twice (two client ids); then the platform must say which.
  if (platforms.length !== 1) throw new LtiLaunchError("unknown-platform", `${initiation.iss} ${initiation.client_id ?? ""}`);
  const platform = platforms[0]!;

  const state = randomToken();
  const nonce = randomToken();
  const login = await getDb().ltiLogin.create({
    data: {
      platformId: platform.id,
      stateHash: hashState(state),
      nonce,
      initiation,
      expiresAt: new Date(Date.now() + LTI_LOGIN_TTL_MS),
    },
    select: { id: true },
  });
  if (Math.random() < 0.02) void pruneExpiredLogins();

  const redirect = new URL(platform.authLoginUrl);
  const query: Record<string, string> = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: `${publicOrigin()}/lti/launch`,
    login_hint: initiation.login_hint,
    state,
    nonce,
  };
  if (initiation.lti_message_hint !== undefined) query.lti_message_hint = initiation.lti_message_hint;
  for (const [key, value] of Object.entries(query)) redirect.searchParams.set(key, value);
  return {
    redirectUrl: redirect.toString(),
    cookie: { name: ltiStateCookieName(login.id), value: state, maxAgeSeconds: LTI_LOGIN_TTL_MS / 1000 },
  };
}

async function pruneExpiredLogins(): Promise<void> {
  await getDb()
    .ltiLogin.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - 24 * 60 * 60_000) } } })
    .catch(() => undefined);
}
