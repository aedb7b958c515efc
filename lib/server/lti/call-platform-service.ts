import "server-only";
import { forgetPlatformTokens, requestPlatformToken } from "./request-platform-token.ts";
import { LtiServiceError } from "./lti-service-error.ts";

type Platform = { id: string; clientId: string; accessTokenUrl: string };

/**
 * One request to an LMS service with a bearer token for `scopes`; a 401 gets one fresh token.
 * Answers other than 2xx become LtiServiceError with the LMS's words (4xx other than 401, 408
 * and 429 are not retried: the same request would be refused again).
 */
export async function callPlatformService(
  platform: Platform,
  scopes: readonly string[],
  url: string,
  init: { method?: string; accept: string; contentType?: string; body?: unknown },
): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const token = await requestPlatformToken(platform, scopes);
    let response: Response;
    try {
      response = await fetch(url, {
        method: init.method ?? "GET",
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: init.accept,
          ...(init.contentType ? { "Content-Type": init.contentType } : {}),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new LtiServiceError(`The LMS did not answer (${error instanceof Error ? error.message : String(error)}).`);
    }
    if (response.status === 401 && attempt === 0) {
      forgetPlatformTokens(platform.id);
      continue;
    }
    if (response.ok) return response;
    const text = (await response.text()).slice(0, 300);
    const isRetryable = response.status >= 500 || response.status === 408 || response.status === 429 || response.status === 401;
    throw new LtiServiceError(`The LMS answered HTTP ${response.status}${text ? `: ${text}` : ""}`, isRetryable);
  }
}
