import { ltiPlatformInputSchema } from "../../domain/lti.ts";
import { listToolPublicKeys } from "../lti/list-tool-public-keys.ts";
import { registerLtiPlatform } from "../lti/register-lti-platform.ts";
import { removeLtiPlatform } from "../lti/remove-lti-platform.ts";
import { publicOrigin } from "../public-origin.ts";
import { LTI_ROLES, startLtiTestPlatform, type LtiLaunchSpec, type LtiTestPlatform } from "./lti-test-platform.ts";

// The LMS of an LTI integration test: a test platform on 127.0.0.1 (lti-test-platform.ts),
// registered with the tool as an administrator registers one, under the test's run id so that
// nothing collides with another file's platform. stop() removes the registration and the platform.

export type RegisteredLtiPlatform = {
  platform: LtiTestPlatform;
  /** The tool's LtiPlatform row for it. */
  platformId: string;
  stop: () => Promise<void>;
};

/**
 * Starts a platform whose client and deployment are `client-${run}` and `deployment-${run}` and
 * registers it as `${name} ${run}`. It checks the tool's signed requests (AGS, NRPS, deep links)
 * against the tool's own public keys, in-process.
 */
export async function startRegisteredLtiPlatform({ run, name }: { run: string; name: string }): Promise<RegisteredLtiPlatform> {
  const platform = await startLtiTestPlatform({
    toolOrigin: publicOrigin(),
    clientId: `client-${run}`,
    deploymentId: `deployment-${run}`,
    toolKeySet: listToolPublicKeys,
  });
  try {
    const { id: platformId } = await registerLtiPlatform({
      input: ltiPlatformInputSchema.parse({
        name: `${name} ${run}`,
        issuer: platform.issuer,
        clientId: platform.clientId,
        authLoginUrl: platform.authLoginUrl,
        accessTokenUrl: platform.accessTokenUrl,
        jwksUrl: platform.jwksUrl,
        deploymentIds: platform.deploymentId,
      }),
    });
    return {
      platform,
      platformId,
      stop: async () => {
        await removeLtiPlatform({ platformId }).catch(() => undefined);
        await platform.stop();
      },
    };
  } catch (error) {
    await platform.stop();
    throw error;
  }
}

export type LtiPersonSpec = (role: keyof typeof LTI_ROLES, name: string, overrides?: Partial<LtiLaunchSpec>) => LtiLaunchSpec;

/**
 * Launch specs for one course of a run: `${name}-${run}` (subject), `${name} ${run}` (name),
 * `${name}-${run}@lms.test` (address), through the link `link-${run}` to the tool's home page
 * unless the course says another target.
 */
export function ltiPeople(run: string, course: { contextId: string; contextTitle: string; targetLinkUri?: string }): LtiPersonSpec {
  return (role, name, overrides = {}) => ({
    sub: `${name}-${run}`,
    name: `${name} ${run}`,
    email: `${name}-${run}@lms.test`,
    roles: [LTI_ROLES[role]],
    resourceLinkId: `link-${run}`,
    targetLinkUri: `${publicOrigin()}/`,
    ...course,
    ...overrides,
  });
}
