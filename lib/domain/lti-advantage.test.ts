import { describe, expect, it } from "vitest";
import {
  AGS_ENDPOINT_CLAIM,
  AGS_SCOPE,
  canPassBackGrades,
  nextPageUrl,
  NRPS_CLAIM,
  readServiceClaims,
  retryDelayMs,
  scoreFor,
  scoresUrlOf,
} from "./lti-advantage.ts";

describe("LTI Advantage messages", () => {
  it("[AGS] the score endpoint is the line item's path plus /scores, its query kept", () => {
    expect(scoresUrlOf("https://lms.example/api/lti/courses/1/line_items/7")).toBe(
      "https://lms.example/api/lti/courses/1/line_items/7/scores",
    );
    expect(scoresUrlOf("https://lms.example/li/7/?type_id=3")).toBe("https://lms.example/li/7/scores?type_id=3");
  });

  it("[AGS] a score is final and fully graded, never negative, and a zero maximum becomes 1", () => {
    const at = new Date("2026-12-05T10:00:00.000Z");
    expect(scoreFor({ userId: "u1", scoreGiven: 7.5, scoreMaximum: 10, at })).toEqual({
      userId: "u1",
      scoreGiven: 7.5,
      scoreMaximum: 10,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: "2026-12-05T10:00:00.000Z",
    });
    expect(scoreFor({ userId: "u1", scoreGiven: -2, scoreMaximum: 0, at })).toMatchObject({ scoreGiven: 0, scoreMaximum: 1 });
  });

  it("[AGS] retries back off from 30 s and never wait more than an hour", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(40)).toBe(3_600_000);
  });

  it("[LTI] service claims are read leniently: a malformed claim means no service, not a refused launch", () => {
    const payload = {
      [AGS_ENDPOINT_CLAIM]: { scope: [AGS_SCOPE.lineItem, AGS_SCOPE.score], lineitems: "https://lms.example/lineitems" },
      [NRPS_CLAIM]: { context_memberships_url: "https://lms.example/members", service_versions: ["2.0"] },
    };
    const services = readServiceClaims(payload);
    expect(services).toEqual({
      lineItemsUrl: "https://lms.example/lineitems",
      agsScopes: [AGS_SCOPE.lineItem, AGS_SCOPE.score],
      membershipsUrl: "https://lms.example/members",
      groupsUrl: null,
      groupSetsUrl: null,
    });
    expect(canPassBackGrades(services)).toBe(true);
    expect(canPassBackGrades({ ...services, agsScopes: [AGS_SCOPE.score] })).toBe(false);
    expect(readServiceClaims({ [AGS_ENDPOINT_CLAIM]: "nonsense", [NRPS_CLAIM]: { context_memberships_url: "not a url" } })).toEqual({
      lineItemsUrl: null,
      agsScopes: [],
      membershipsUrl: null,
      groupsUrl: null,
      groupSetsUrl: null,
    });
  });

  it("[NRPS] the next page comes from the Link header's rel=next, relative links resolved", () => {
    const base = "https://lms.example/members?limit=2";
    expect(nextPageUrl('<https://lms.example/members?page=2>; rel="next", <https://lms.example/members?page=9>; rel="last"', base)).toBe(
      "https://lms.example/members?page=2",
    );
    expect(nextPageUrl("</members?page=3>; rel=next", base)).toBe("https://lms.example/members?page=3");
    expect(nextPageUrl('<https://lms.example/members?page=1>; rel="prev"', base)).toBeNull();
    expect(nextPageUrl(null, base)).toBeNull();
  });
});
