import { z } from "zod";
import { isSaveableText, requiredTextSchema, UNSAVEABLE_TEXT_MESSAGE } from "./saveable-text.ts";

// LTI 1.3 as the tool sees it (IMS LTI Core 1.3, IMS Security Framework 1.0): the claims of a
// launch's id_token, the roles they carry, and what an operator enters to register a platform.
// Pure: the signature and the platform's keys are checked in lib/server/lti with jose.

export const LTI_CLAIM = {
  messageType: "https://purl.imsglobal.org/spec/lti/claim/message_type",
  version: "https://purl.imsglobal.org/spec/lti/claim/version",
  deploymentId: "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
  targetLinkUri: "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
  resourceLink: "https://purl.imsglobal.org/spec/lti/claim/resource_link",
  roles: "https://purl.imsglobal.org/spec/lti/claim/roles",
  context: "https://purl.imsglobal.org/spec/lti/claim/context",
  custom: "https://purl.imsglobal.org/spec/lti/claim/custom",
  launchPresentation: "https://purl.imsglobal.org/spec/lti/claim/launch_presentation",
} as const;

export const LTI_RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";

export type CourseRole = "INSTRUCTOR" | "TA" | "STUDENT";

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";

// Context (membership) roles, LTI Core 1.3 appendix A.2.3, with their sub-roles (A.2.3.1). Only
// context roles give a role in the course: institution and system roles say who someone is at
// the institution, not in this course. The short names ("Instructor") are the deprecated simple
// names LTI 1.3 still allows for context roles.
const ROLE_BY_NAME: Record<string, CourseRole> = {
  Administrator: "INSTRUCTOR",
  ContentDeveloper: "INSTRUCTOR",
  Instructor: "INSTRUCTOR",
  Learner: "STUDENT",
};

/** The Scholia role a launch's roles give in the course, or null when none of them is a course role. */
export function mapLtiRoles(roles: readonly string[]): CourseRole | null {
  let best: CourseRole | null = null;
  const rank: Record<CourseRole, number> = { INSTRUCTOR: 3, TA: 2, STUDENT: 1 };
  for (const role of roles) {
    const mapped = mapOneRole(role);
    if (mapped && (best === null || rank[mapped] > rank[best])) best = mapped;
  }
  return best;
}

function mapOneRole(role: string): CourseRole | null {
  if (role === `${MEMBERSHIP}/Instructor#TeachingAssistant`) return "TA";
  let name: string;
  if (role.startsWith(`${MEMBERSHIP}#`)) name = role.slice(MEMBERSHIP.length + 1);
  else if (role.startsWith(`${MEMBERSHIP}/`)) {
    // A sub-role (membership/Learner#Learner, membership/Instructor#Lecturer …) counts as its role.
    name = role.slice(MEMBERSHIP.length + 1).split("#")[0] ?? "";
  } else if (/^[A-Za-z]+$/.test(role)) name = role;
  else return null;
  return ROLE_BY_NAME[name] ?? null;
}

const claimText = (max: number) => z.string().trim().min(1).max(max);

/** The claims of a resource link launch that Scholia uses (jose has already checked iss, aud, exp, iat and the signature). */
export const ltiLaunchClaimsSchema = z.object({
  sub: claimText(255),
  nonce: claimText(255),
  name: z.string().max(200).optional(),
  given_name: z.string().max(200).optional(),
  family_name: z.string().max(200).optional(),
  email: z.email().max(320).optional().catch(undefined),
  [LTI_CLAIM.messageType]: z.literal(LTI_RESOURCE_LINK_REQUEST, "Scholia only accepts resource link launches (LtiResourceLinkRequest)."),
  [LTI_CLAIM.version]: z.literal("1.3.0", "This launch is not LTI 1.3.0."),
  [LTI_CLAIM.deploymentId]: claimText(255),
  [LTI_CLAIM.targetLinkUri]: z.url().max(2000),
  [LTI_CLAIM.resourceLink]: z.object({ id: claimText(255), title: z.string().max(500).optional() }),
  [LTI_CLAIM.roles]: z.array(z.string().max(500)).max(100),
  [LTI_CLAIM.context]: z.object({ id: claimText(255), label: z.string().max(200).optional(), title: z.string().max(500).optional() }),
  [LTI_CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
});
export type LtiLaunchClaims = z.infer<typeof ltiLaunchClaimsSchema>;

/** The display name an LMS gives a person: `name`, else given and family names, else a fallback. */
export function displayNameFromClaims(claims: Pick<LtiLaunchClaims, "name" | "given_name" | "family_name">): string {
  const full = claims.name?.trim() || [claims.given_name?.trim(), claims.family_name?.trim()].filter(Boolean).join(" ");
  return (full || "LMS user").slice(0, 120);
}

/** The course title for an LMS course: its title, else its label. */
export function courseTitleFromContext(context: { title?: string | undefined; label?: string | undefined }): string {
  return (context.title?.trim() || context.label?.trim() || "Course from the LMS").slice(0, 120);
}

/**
 * Where a launch lands. A resource link points at Scholia by its target_link_uri (a signed
 * claim): a path on this origin is honoured; anything else lands on the course page. A path that
 * names another origin is never followed (no open redirect).
 */
export function landingPathFor({ targetLinkUri, origin, courseId }: { targetLinkUri: string; origin: string; courseId: string }): string {
  const fallback = `/courses/${courseId}`;
  let target: URL;
  try {
    target = new URL(targetLinkUri);
  } catch {
    return fallback;
  }
  if (target.origin !== new URL(origin).origin) return fallback;
  const path = target.pathname;
  if (path === "/" || path.startsWith("/lti/") || path.startsWith("/api/")) return fallback;
  // A reading linked from the LMS opens in the course it was launched from.
  if (/^\/readings\/[A-Za-z0-9_-]{1,64}$/.test(path) && !target.searchParams.has("course")) target.searchParams.set("course", courseId);
  return `${path}${target.search}`;
}

// ---- Registration (the operator's form) ----

const httpsOrLocalUrl = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(2000, "Use at most 2000 characters.")
    .refine((value) => isWebUrl(value), `The ${label} must be an https:// URL (http:// only for localhost).`);

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && (url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]");
  } catch {
    return false;
  }
}

export const ltiPlatformInputSchema = z.object({
  name: requiredTextSchema({ missing: "Enter a name for this LMS.", max: 120 }),
  issuer: httpsOrLocalUrl("issuer"),
  clientId: requiredTextSchema({ missing: "Enter the client id.", empty: "Enter the client id the LMS gave Scholia.", max: 255 }),
  authLoginUrl: httpsOrLocalUrl("authentication request URL"),
  accessTokenUrl: httpsOrLocalUrl("access token URL"),
  jwksUrl: httpsOrLocalUrl("key set URL"),
  deploymentIds: z
    .string({ error: "Enter at least one deployment id." })
    .transform((value) => [...new Set(value.split(/[\s,]+/).filter(Boolean))])
    .pipe(
      z
        .array(z.string().max(255, "A deployment id has at most 255 characters.").refine(isSaveableText, UNSAVEABLE_TEXT_MESSAGE))
        .min(1, "Enter at least one deployment id.")
        .max(50, "At most 50 deployment ids."),
    ),
  frameOrigins: z
    .string()
    .default("")
    .transform((value) => value.split(/\s+/).filter(Boolean))
    .pipe(
      z
        .array(z.string().refine(isWebUrl, "Each embedding origin must be an https:// origin, e.g. https://school.instructure.com."))
        .max(20, "At most 20 origins."),
    ),
});
export type LtiPlatformInput = z.infer<typeof ltiPlatformInputSchema>;

/** The origins allowed to frame Scholia for a platform: its issuer's, its login page's, and those listed. */
export function frameOriginsFor(input: Pick<LtiPlatformInput, "issuer" | "authLoginUrl" | "frameOrigins">): string[] {
  return [...new Set([input.issuer, input.authLoginUrl, ...input.frameOrigins].map((url) => new URL(url).origin))];
}

// ---- Why a launch was refused (the page /lti/problem?reason=…) ----

export const LTI_PROBLEMS = {
  "unknown-platform": {
    title: "This LMS is not registered with Scholia",
    message: "The launch came from an LMS (issuer and client id) that no Scholia administrator has registered. Ask them to register it.",
  },
  "bad-request": {
    title: "This launch is incomplete",
    message: "The LMS sent a launch request without the fields LTI 1.3 requires. Start again from the link in your course.",
  },
  "expired-login": {
    title: "This launch has expired or was already used",
    message: "Each launch can be used once, within ten minutes. Go back to your course in the LMS and open the link again.",
  },
  cookies: {
    title: "Your browser blocked Scholia inside the LMS",
    message:
      "Your browser does not let Scholia keep you signed in inside the LMS page (third-party cookies are blocked). Open Scholia in a new tab instead.",
  },
  "invalid-token": {
    title: "The LMS's launch could not be verified",
    message:
      "The launch was not signed by the registered LMS's keys, or it was meant for another tool. Nothing was changed. Ask your administrator to check the registration.",
  },
  "expired-token": {
    title: "The LMS's launch has expired",
    message:
      "The launch message is too old (or dated in the future). Go back to your course and open the link again; if it keeps happening, the LMS's clock may be wrong.",
  },
  replayed: {
    title: "This launch was already used",
    message: "A launch message can be used only once. Go back to your course in the LMS and open the link again.",
  },
  "unknown-deployment": {
    title: "This LMS deployment is not registered",
    message: "The LMS is registered, but not the deployment this link belongs to. Ask your administrator to add its deployment id.",
  },
  "unsupported-message": {
    title: "Scholia cannot open this kind of link",
    message: "The LMS sent a message Scholia does not handle, or one without a course. Open Scholia from a link inside a course.",
  },
  "no-course-role": {
    title: "Your role in this course does not give access",
    message: "The LMS did not say you are an instructor, a teaching assistant or a student in this course.",
  },
  "deep-linking-staff-only": {
    title: "Only instructors can add Scholia links",
    message: "Adding a Scholia reading to the LMS course is for its instructors. Ask one of them to add it.",
  },
  "course-not-ready": {
    title: "This course is not set up in Scholia yet",
    message: "An instructor of this course has to open Scholia from the LMS once; then the course exists and you can come in.",
  },
} as const;

export type LtiProblem = keyof typeof LTI_PROBLEMS;

export function isLtiProblem(value: unknown): value is LtiProblem {
  return typeof value === "string" && Object.hasOwn(LTI_PROBLEMS, value);
}

// ---- Deep Linking 2.0 ----

export const LTI_DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";
export const DEEP_LINKING_SETTINGS_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
export const DEEP_LINKING_CONTENT_ITEMS_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/content_items";
export const DEEP_LINKING_DATA_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/data";

/** The claims of a deep linking request (LTI Deep Linking 2.0 §4.4) that Scholia uses. */
export const ltiDeepLinkingClaimsSchema = ltiLaunchClaimsSchema
  .omit({ [LTI_CLAIM.messageType]: true, [LTI_CLAIM.resourceLink]: true })
  .extend({
    [LTI_CLAIM.messageType]: z.literal(LTI_DEEP_LINKING_REQUEST),
    [DEEP_LINKING_SETTINGS_CLAIM]: z.object({
      deep_link_return_url: z.url().max(2000),
      accept_types: z.array(z.string().max(100)).max(20),
      data: z.string().max(4000).optional(),
      title: z.string().max(500).optional(),
    }),
  });
export type LtiDeepLinkingClaims = z.infer<typeof ltiDeepLinkingClaimsSchema>;

/** The content item Scholia answers with: an LTI resource link to a reading (or an assignment's reading). */
export function readingContentItem({ url, title, text }: { url: string; title: string; text?: string }) {
  return { type: "ltiResourceLink", title: title.slice(0, 200), url, ...(text ? { text: text.slice(0, 500) } : {}) };
}
