import { z } from "zod";

// LTI Advantage services as the tool sees them: the launch claims that name the services
// (IMS LTI AGS 2.0 §3.1, NRPS 2.0 §3.6), the scopes, media types and message shapes, the Link
// header paging of NRPS, and the backoff of grade passback. Pure: lib/server/lti calls the LMS.

export const AGS_ENDPOINT_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";
export const NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";
/** LTI Course Groups Service 1.0 (an IMS draft; Moodle's ltiservice_contextgroups, Blackboard). */
export const GROUPS_CLAIM = "https://purl.imsglobal.org/spec/lti-gs/claim/groupsservice";

export const AGS_SCOPE = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  lineItemReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
  resultReadOnly: "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
} as const;
export const NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
export const GROUPS_SCOPE = "https://purl.imsglobal.org/spec/lti-gs/scope/contextgroup.readonly";

export const MEDIA_TYPE = {
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  lineItemContainer: "application/vnd.ims.lis.v2.lineitemcontainer+json",
  score: "application/vnd.ims.lis.v1.score+json",
  membershipContainer: "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
  contextGroupContainer: "application/vnd.ims.lti-gs.v1.contextgroupcontainer+json",
} as const;

/** RFC 7523 §2.2: the client assertion type of the client-credentials grant. */
export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

const serviceUrl = z.url().max(2000);

/** The AGS claim of a launch; absent when the platform offers no grade passback for this link. */
export const agsEndpointClaimSchema = z.object({
  scope: z.array(z.string().max(500)).max(20),
  lineitems: serviceUrl.optional(),
  lineitem: serviceUrl.optional(),
});
export type AgsEndpointClaim = z.infer<typeof agsEndpointClaimSchema>;

export const nrpsClaimSchema = z.object({
  context_memberships_url: serviceUrl,
  service_versions: z.array(z.string()).optional(),
});

/**
 * The groups service claim (lti-gs 1.0 draft): the course's groups and, optionally, its group
 * sets. Offered only if its scope lists contextgroup.readonly (a platform names the scopes the
 * tool was granted, as AGS does).
 */
export const groupsServiceClaimSchema = z.object({
  context_groups_url: serviceUrl,
  context_group_sets_url: serviceUrl.optional(),
  scope: z.array(z.string().max(500)).max(20),
  service_versions: z.array(z.string()).optional(),
});

/** The services a launch names, read leniently: a malformed service claim means "no such service", never a refused launch. */
export function readServiceClaims(payload: Record<string, unknown>): {
  lineItemsUrl: string | null;
  agsScopes: string[];
  membershipsUrl: string | null;
  groupsUrl: string | null;
  groupSetsUrl: string | null;
} {
  const ags = agsEndpointClaimSchema.safeParse(payload[AGS_ENDPOINT_CLAIM]);
  const nrps = nrpsClaimSchema.safeParse(payload[NRPS_CLAIM]);
  const groups = groupsServiceClaimSchema.safeParse(payload[GROUPS_CLAIM]);
  const hasGroups = groups.success && groups.data.scope.includes(GROUPS_SCOPE);
  return {
    lineItemsUrl: ags.success ? (ags.data.lineitems ?? null) : null,
    agsScopes: ags.success ? ags.data.scope : [],
    membershipsUrl: nrps.success ? nrps.data.context_memberships_url : null,
    groupsUrl: hasGroups ? groups.data.context_groups_url : null,
    groupSetsUrl: hasGroups ? (groups.data.context_group_sets_url ?? null) : null,
  };
}

/** Whether Scholia can make line items and post scores with these scopes. */
export function canPassBackGrades(context: { lineItemsUrl: string | null; agsScopes: readonly string[] }): boolean {
  return context.lineItemsUrl !== null && context.agsScopes.includes(AGS_SCOPE.lineItem) && context.agsScopes.includes(AGS_SCOPE.score);
}

// ---- AGS messages ----

export const lineItemSchema = z.object({
  id: serviceUrl,
  scoreMaximum: z.number().positive(),
  label: z.string().optional(),
  resourceId: z.string().optional(),
  tag: z.string().optional(),
});
export type LineItem = z.infer<typeof lineItemSchema>;

/** A line item's maximum: the rubric's, or 1 for a rubric without points (an LMS refuses 0). */
export function lineItemMaximum(scoreMaximum: number): number {
  return scoreMaximum > 0 ? scoreMaximum : 1;
}

/** The line item of an assignment: resourceId is the assignment's id, so Scholia finds it again. */
export function lineItemFor({ assignmentId, title, scoreMaximum }: { assignmentId: string; title: string; scoreMaximum: number }) {
  return {
    scoreMaximum: lineItemMaximum(scoreMaximum),
    label: title.slice(0, 200) || "Scholia assignment",
    resourceId: assignmentId,
    tag: "scholia",
  };
}

/**
 * A score (AGS 2.0 §3.4): the final grade, fully graded. A rubric without points (maximum 0) is
 * sent as 0 of 1, the LMS refusing a zero maximum.
 */
export function scoreFor({ userId, scoreGiven, scoreMaximum, at }: { userId: string; scoreGiven: number; scoreMaximum: number; at: Date }) {
  const maximum = lineItemMaximum(scoreMaximum);
  return {
    userId,
    scoreGiven: Math.max(0, scoreGiven),
    scoreMaximum: maximum,
    activityProgress: "Completed",
    gradingProgress: "FullyGraded",
    timestamp: at.toISOString(),
  };
}

/** The score endpoint of a line item: `/scores` appended to its path, its query kept (AGS 2.0 §3.4). */
export function scoresUrlOf(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/scores`;
  return url.toString();
}

// ---- Retries ----

/** Attempts before a score is marked failed (the instructor's "Send grades" tries again). */
export const MAX_SCORE_ATTEMPTS = 6;

/** Backoff after the nth failed attempt: 30 s, 1 min, 2 min … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

// ---- NRPS ----

/** The `next` page of an NRPS answer (RFC 8288 Link header), or null on the last page. */
export function nextPageUrl(linkHeader: string | null, base: string): string | null {
  if (!linkHeader) return null;
  for (const part of linkHeader.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? "");
    if (rel && rel[1]!.split(/\s+/).includes("next")) return new URL(match[1]!, base).toString();
  }
  return null;
}

/** An LMS's id of a group or group set: a string or a number, kept as a string. */
const lmsId = z.union([z.string().min(1).max(255), z.number().int()]).transform(String);

export const membershipContainerSchema = z.object({
  id: z.string().optional(),
  context: z.object({ id: z.string() }).loose().optional(),
  members: z
    .array(
      z
        .object({
          user_id: z.string().min(1).max(255),
          roles: z.array(z.string().max(500)).max(100),
          status: z.enum(["Active", "Inactive", "Deleted"]).optional(),
          name: z.string().max(200).optional(),
          given_name: z.string().max(200).optional(),
          family_name: z.string().max(200).optional(),
          email: z.string().max(320).optional(),
          /** lti-gs 1.0: the member's groups, when the tool asked with `groups=true`. */
          group_enrollments: z
            .array(z.object({ group_id: lmsId }).loose())
            .max(1000)
            .optional(),
        })
        .loose(),
    )
    .max(10_000),
});
export type MembershipContainer = z.infer<typeof membershipContainerSchema>;

// ---- Course Groups Service (lti-gs 1.0 draft) ----

/**
 * The groups container (media type contextgroupcontainer): `groups: [{id, name, set_id?}]`, paged
 * with Link rel="next" like NRPS. Ids may be numbers (Moodle sends its group ids as numbers);
 * they are kept as strings. Moodle names one `set_id`; other implementations a `set_ids` array.
 */
export const contextGroupContainerSchema = z.object({
  id: z.string().optional(),
  groups: z
    .array(
      z
        .object({
          id: lmsId,
          name: z.string().trim().min(1).max(500),
          set_id: lmsId.optional(),
          set_ids: z.array(lmsId).max(100).optional(),
          tag: z.string().max(500).optional(),
        })
        .loose(),
    )
    .max(10_000),
});
export type ContextGroup = z.infer<typeof contextGroupContainerSchema>["groups"][number];
