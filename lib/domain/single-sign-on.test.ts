import { describe, expect, it } from "vitest";
import { describeSignInError } from "./sign-in-messages.ts";
import { decideSsoIdentity, parseAllowedEmailDomains, SSO_ERROR } from "./single-sign-on.ts";

describe("parseAllowedEmailDomains", () => {
  it("reads a comma-separated list, lower-cased, without blanks or a leading @", () => {
    expect(parseAllowedEmailDomains(" Example.edu, @alumni.example.edu ,, ")).toEqual(["example.edu", "alumni.example.edu"]);
    expect(parseAllowedEmailDomains(undefined)).toEqual([]);
    expect(parseAllowedEmailDomains("")).toEqual([]);
  });
});

describe("decideSsoIdentity", () => {
  const verified = { sub: "1", email: "Ana.Lima@Example.edu", email_verified: true, name: "Ana Lima" };

  it("[SSO] a verified address signs in, lower-cased, with the provider's name", () => {
    expect(decideSsoIdentity(verified, [])).toEqual({ email: "ana.lima@example.edu", name: "Ana Lima" });
    expect(decideSsoIdentity({ ...verified, email_verified: "true" }, ["example.edu"])).toMatchObject({ email: "ana.lima@example.edu" });
  });

  it("[SSO] an address the provider did not verify is refused, whatever else the token says", () => {
    for (const email_verified of [false, "false", undefined, null, 1, "yes"]) {
      expect(decideSsoIdentity({ ...verified, email_verified }, []), String(email_verified)).toEqual({
        refused: SSO_ERROR.unverifiedEmail,
      });
    }
  });

  it("[SSO] no usable email is refused", () => {
    for (const email of [undefined, "", 42, "no-at-sign", "@example.edu", "someone@", `${"a".repeat(250)}@example.edu`]) {
      expect(decideSsoIdentity({ ...verified, email }, []), String(email)).toEqual({ refused: SSO_ERROR.noEmail });
    }
  });

  it("[SSO] with allowed domains, only those exact domains pass (not subdomains, not look-alikes)", () => {
    const allowed = ["example.edu"];
    expect(decideSsoIdentity(verified, allowed)).toMatchObject({ email: "ana.lima@example.edu" });
    for (const email of ["a@sub.example.edu", "a@example.edu.evil.test", "a@notexample.edu", "a@example.edu@evil.test"]) {
      expect(decideSsoIdentity({ ...verified, email }, allowed), email).toEqual({ refused: SSO_ERROR.domainRefused });
    }
  });

  it("names the account from name, else given and family names, else the preferred user name, else the address", () => {
    const base = { sub: "1", email: "kim@example.edu", email_verified: true };
    expect(decideSsoIdentity({ ...base, given_name: "Kim", family_name: "Park" }, [])).toMatchObject({ name: "Kim Park" });
    expect(decideSsoIdentity({ ...base, preferred_username: "kpark" }, [])).toMatchObject({ name: "kpark" });
    expect(decideSsoIdentity({ ...base, name: " \u0000\t " }, [])).toMatchObject({ name: "kim" });
    expect(decideSsoIdentity({ ...base, name: "x".repeat(300) }, [])).toMatchObject({ name: "x".repeat(100) });
  });

  it("every refusal and next-auth's single sign-on failures have their own sentence on the sign-in page", () => {
    const generic = describeSignInError("Unknown");
    for (const code of [...Object.values(SSO_ERROR), "OAuthSignin", "OAuthCallback", "AccessDenied"]) {
      expect(describeSignInError(code), code).not.toBe(generic);
      expect(describeSignInError(code), code).toMatch(/email and password\.$/);
    }
  });
});
