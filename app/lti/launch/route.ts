import { problemRedirect, readLaunchParams, seeOther, serializeCookie } from "@/app/lti/lti-redirects";
import { embeddableCookieOptions, issueSessionCookie } from "@/lib/server/auth/session-cookie";
import { completeLtiLaunch, ltiLaunchFormSchema } from "@/lib/server/lti/complete-lti-launch";
import { LtiLaunchError } from "@/lib/server/lti/lti-launch-error";
import { ltiStateCookieName } from "@/lib/server/lti/lti-login-state";
import { publicOrigin } from "@/lib/server/public-origin";

// The redirect URI an LMS posts the launch to (id_token and state, response_mode=form_post).
// Success signs the person in and sends them to the course or reading the link points at.
export async function POST(request: Request): Promise<Response> {
  try {
    const form = ltiLaunchFormSchema.safeParse(await readLaunchParams(request, 96 * 1024));
    if (!form.success) throw new LtiLaunchError("bad-request", "id_token or state missing");
    const sent = readCookies(request.headers.get("cookie"));
    const launch = await completeLtiLaunch({
      idToken: form.data.id_token,
      state: form.data.state,
      stateCookie: (loginId) => sent.get(ltiStateCookieName(loginId)),
      userAgent: request.headers.get("user-agent"),
    });
    const session = await issueSessionCookie({ user: launch.user, sessionId: launch.sessionId });
    const headers = new Headers();
    headers.append("Set-Cookie", serializeCookie(session.name, session.value, session.options));
    headers.append("Set-Cookie", serializeCookie(ltiStateCookieName(launch.loginId), "", { ...embeddableCookieOptions(), maxAge: 0 }));
    return seeOther(new URL(launch.landingPath, publicOrigin()).toString(), headers);
  } catch (error) {
    return problemRedirect(error);
  }
}

export function GET(): Response {
  return problemRedirect(new LtiLaunchError("bad-request", "a launch is a form post"));
}

function readCookies(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) jar.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return jar;
}
