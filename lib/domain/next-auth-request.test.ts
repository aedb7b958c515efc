import { describe, expect, it } from "vitest";
import { checkNextAuthRequest, isReadableCallbackUrl, withoutUnreadableCallbackCookie } from "./next-auth-request.ts";

const ORIGIN = "https://scholia.example.edu";
const get = (segments: string[], search = "") => checkNextAuthRequest({ method: "GET", segments, search }, ORIGIN);
const post = (segments: string[], text: string, contentType = "application/x-www-form-urlencoded") =>
  checkNextAuthRequest({ method: "POST", segments, search: "", body: { contentType, text } }, ORIGIN);

describe("checkNextAuthRequest", () => {
  it("[MALFORMED] the credentials callback takes a POST only: anything else is a 405 naming POST", () => {
    for (const method of ["GET", "HEAD", "PUT"]) {
      expect(checkNextAuthRequest({ method, segments: ["callback", "credentials"], search: "" }, ORIGIN)).toMatchObject({
        status: 405,
        allow: "POST",
        message: expect.stringMatching(/sign-in form/),
      });
    }
    expect(post(["callback", "credentials"], "email=a%40b.c&password=x&csrfToken=t")).toBeNull();
  });

  it("[MALFORMED] an undecodable query parameter or form field is a 400", () => {
    for (const search of ["?callbackUrl=%FF", "?callbackUrl=%ED%A0%80", "?x=%C0%AF", "?%FF=1", "?error=%E2%82"]) {
      expect(get(["session"], search), search).toMatchObject({ status: 400 });
    }
    expect(post(["signin", "credentials"], "callbackUrl=%FF&csrfToken=x")).toMatchObject({ status: 400, field: "body" });
  });

  it("[MALFORMED] a callbackUrl next-auth cannot read is a 400 on callbackUrl, in the query or the body", () => {
    for (const value of ["%25", "%", "::", "%2", "a%zz", "%00", "%09%2Fevil.example", "%5C%5Cevil.example", "http%3A%2F%2F%5B%3A%3A"]) {
      expect(get(["signin"], `?callbackUrl=${value}`), value).toMatchObject({ status: 400, field: "callbackUrl" });
      expect(post(["signout"], `callbackUrl=${value}&csrfToken=x`), value).toMatchObject({ status: 400, field: "callbackUrl" });
    }
    for (const value of [42, null, {}, "", "x".repeat(5000)]) {
      expect(
        post(["signout"], JSON.stringify({ callbackUrl: value }), "application/json"),
        JSON.stringify(value).slice(0, 20),
      ).toMatchObject({
        status: 400,
        field: "callbackUrl",
      });
    }
  });

  it("a callbackUrl that can be read goes on to next-auth (where it leads is decided there)", () => {
    for (const value of [
      "/courses",
      "%2Freadings%2Fabc%3Fat%3D3%23p-4",
      `${ORIGIN}/sign-in?callbackUrl=%2Fcourses`,
      "https://evil.example/",
    ]) {
      expect(get(["signin"], `?callbackUrl=${value}`), value).toBeNull();
    }
    expect(post(["signout"], JSON.stringify({ callbackUrl: "/" }), "application/json")).toBeNull();
    expect(post(["callback", "credentials"], "{not json", "application/json")).toBeNull();
  });

  it("[MALFORMED] ?error= must be a sign-in error code", () => {
    expect(get(["error"], "?error=CredentialsSignin")).toBeNull();
    expect(get(["error"], "?error=RateLimited%3A60")).toBeNull();
    for (const value of ["%C3%A9", "a%0Ab", "", "1abc", "x".repeat(101), "%3Cscript%3E"]) {
      expect(get(["error"], `?error=${value}`), value).toMatchObject({ status: 400, field: "error" });
    }
  });
});

describe("isReadableCallbackUrl", () => {
  it("refuses control characters, backslashes, stray percent signs and replacement characters", () => {
    for (const value of ["/a\tb", "/a\\b", "/100%", "/\ufffd", "/a\u0085"]) expect(isReadableCallbackUrl(value, ORIGIN), value).toBe(false);
    for (const value of ["/100%25", "/", "/courses?x=1#y", "https://other.example/x"])
      expect(isReadableCallbackUrl(value, ORIGIN), value).toBe(true);
  });
});

describe("withoutUnreadableCallbackCookie", () => {
  it("[MALFORMED] drops a callback-url cookie next-auth cannot read, over http and https, and keeps every other cookie", () => {
    for (const value of ["::", "%25", "%FF", "%", "%ED%A0%80", "javascript:alert(1)", "x", "%2F%5Cevil.example"]) {
      expect(withoutUnreadableCallbackCookie(`a=1; next-auth.callback-url=${value}; b=2`, ORIGIN), value).toEqual({
        header: "a=1; b=2",
        removed: ["next-auth.callback-url"],
      });
      expect(withoutUnreadableCallbackCookie(`__Secure-next-auth.callback-url=${value}`, ORIGIN), value).toEqual({
        header: "",
        removed: ["__Secure-next-auth.callback-url"],
      });
    }
  });

  it("leaves readable cookies to next-auth's redirect callback", () => {
    for (const value of ["%2Fcourses", encodeURIComponent(`${ORIGIN}/readings/x`), "https%3A%2F%2Fevil.example%2F"]) {
      expect(withoutUnreadableCallbackCookie(`next-auth.callback-url=${value}; a=1`, ORIGIN), value).toBeNull();
    }
    expect(withoutUnreadableCallbackCookie(null, ORIGIN)).toBeNull();
    expect(withoutUnreadableCallbackCookie("a=%FF", ORIGIN)).toBeNull();
  });
});
