import { describe, expect, it } from "vitest";
import {
  courseTitleFromContext,
  displayNameFromClaims,
  frameOriginsFor,
  landingPathFor,
  ltiPlatformInputSchema,
  mapLtiRoles,
} from "./lti.ts";

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";

describe("mapLtiRoles", () => {
  it("[LTI] context roles map to course roles; the highest wins", () => {
    expect(mapLtiRoles([`${MEMBERSHIP}#Learner`])).toBe("STUDENT");
    expect(mapLtiRoles([`${MEMBERSHIP}#Instructor`])).toBe("INSTRUCTOR");
    expect(mapLtiRoles([`${MEMBERSHIP}/Instructor#TeachingAssistant`])).toBe("TA");
    expect(mapLtiRoles([`${MEMBERSHIP}#Learner`, `${MEMBERSHIP}/Instructor#TeachingAssistant`])).toBe("TA");
    expect(mapLtiRoles([`${MEMBERSHIP}/Instructor#TeachingAssistant`, `${MEMBERSHIP}#Instructor`])).toBe("INSTRUCTOR");
    expect(mapLtiRoles([`${MEMBERSHIP}#ContentDeveloper`])).toBe("INSTRUCTOR");
  });

  it("[LTI] sub-roles count as their role, and the deprecated short names are understood", () => {
    expect(mapLtiRoles([`${MEMBERSHIP}/Learner#Learner`])).toBe("STUDENT");
    expect(mapLtiRoles([`${MEMBERSHIP}/Instructor#Lecturer`])).toBe("INSTRUCTOR");
    expect(mapLtiRoles(["Learner"])).toBe("STUDENT");
    expect(mapLtiRoles(["Instructor"])).toBe("INSTRUCTOR");
  });

  it("[LTI] institution and system roles, mentors and unknown roles give no course role", () => {
    expect(mapLtiRoles(["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"])).toBeNull();
    expect(mapLtiRoles(["http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator"])).toBeNull();
    expect(mapLtiRoles([`${MEMBERSHIP}#Mentor`])).toBeNull();
    expect(mapLtiRoles(["https://evil.test/membership#Instructor"])).toBeNull();
    expect(mapLtiRoles([])).toBeNull();
  });
});

describe("landingPathFor", () => {
  const origin = "https://scholia.example.edu";
  it("[LTI] a reading on this origin opens in the launch's course", () => {
    expect(landingPathFor({ targetLinkUri: `${origin}/readings/abc`, origin, courseId: "c1" })).toBe("/readings/abc?course=c1");
    expect(landingPathFor({ targetLinkUri: `${origin}/readings/abc?course=c2`, origin, courseId: "c1" })).toBe("/readings/abc?course=c2");
  });

  it("[LTI] another origin, the tool's own endpoints, the API or the root land on the course page", () => {
    for (const targetLinkUri of [
      `https://evil.test/readings/abc`,
      `${origin}/`,
      `${origin}/lti/launch`,
      `${origin}/api/courses`,
      "not a url",
    ]) {
      expect(landingPathFor({ targetLinkUri, origin, courseId: "c1" })).toBe("/courses/c1");
    }
  });
});

describe("names from the LMS", () => {
  it("[LTI] the display name falls back from name to given and family names to a placeholder", () => {
    expect(displayNameFromClaims({ name: " Ana Pérez " })).toBe("Ana Pérez");
    expect(displayNameFromClaims({ given_name: "Ana", family_name: "Pérez" })).toBe("Ana Pérez");
    expect(displayNameFromClaims({})).toBe("LMS user");
    expect(courseTitleFromContext({ label: "POL 101" })).toBe("POL 101");
    expect(courseTitleFromContext({ title: "Political Theory", label: "POL 101" })).toBe("Political Theory");
  });
});

describe("ltiPlatformInputSchema", () => {
  const valid = {
    name: "Canvas",
    issuer: "https://canvas.instructure.com",
    clientId: "10000000000001",
    authLoginUrl: "https://sso.canvaslms.com/api/lti/authorize_redirect",
    accessTokenUrl: "https://sso.canvaslms.com/login/oauth2/token",
    jwksUrl: "https://sso.canvaslms.com/api/lti/security/jwks",
    deploymentIds: "1:abc, 2:def 1:abc",
    frameOrigins: "https://school.instructure.com",
  };

  it("[LTI] a registration parses deployment ids and frame origins from free text", () => {
    const parsed = ltiPlatformInputSchema.parse(valid);
    expect(parsed.deploymentIds).toEqual(["1:abc", "2:def"]);
    expect(frameOriginsFor(parsed)).toEqual([
      "https://canvas.instructure.com",
      "https://sso.canvaslms.com",
      "https://school.instructure.com",
    ]);
  });

  it("[LTI] plain http is refused except on this machine; each bad field says which", () => {
    const result = ltiPlatformInputSchema.safeParse({
      ...valid,
      issuer: "http://canvas.example.edu",
      jwksUrl: "javascript:alert(1)",
      deploymentIds: " ",
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["issuer", "jwksUrl", "deploymentIds"]));
    expect(ltiPlatformInputSchema.safeParse({ ...valid, issuer: "http://127.0.0.1:4000" }).success).toBe(true);
  });
});
