import { completeLtiLaunch } from "../lti/complete-lti-launch.ts";
import { ltiStateCookieName } from "../lti/lti-login-state.ts";
import { startLtiLogin } from "../lti/start-lti-login.ts";
import type { LtiLaunchSpec, LtiTestPlatform } from "./lti-test-platform.ts";

/** The browser's part of a launch, in-process: initiation → the tool's redirect → the platform's form → the tool. */
export async function launchThrough(platform: LtiTestPlatform, spec: LtiLaunchSpec, { sendCookie = true }: { sendCookie?: boolean } = {}) {
  const initiation = new URL(platform.loginInitiationUrl(spec));
  const started = await startLtiLogin({ params: Object.fromEntries(initiation.searchParams) });
  const form = await platform.authorize(started.redirectUrl);
  const complete = () =>
    completeLtiLaunch({
      idToken: form.idToken,
      state: form.state,
      stateCookie: (loginId) => (sendCookie && ltiStateCookieName(loginId) === started.cookie.name ? started.cookie.value : undefined),
      userAgent: "vitest",
    });
  return { form, started, complete };
}
