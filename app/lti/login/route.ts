import { problemRedirect, readLaunchParams, seeOther, serializeCookie } from "@/app/lti/lti-redirects";
import { embeddableCookieOptions } from "@/lib/server/auth/session-cookie";
import { startLtiLogin } from "@/lib/server/lti/start-lti-login";

// The OIDC login initiation URL an LMS administrator registers (LTI 1.3). LMSs use GET or POST.
async function handle(request: Request): Promise<Response> {
  try {
    const started = await startLtiLogin({ params: await readLaunchParams(request, 16 * 1024) });
    const headers = new Headers();
    headers.append(
      "Set-Cookie",
      serializeCookie(started.cookie.name, started.cookie.value, { ...embeddableCookieOptions(), maxAge: started.cookie.maxAgeSeconds }),
    );
    return seeOther(started.redirectUrl, headers);
  } catch (error) {
    return problemRedirect(error);
  }
}

export const GET = handle;
export const POST = handle;
