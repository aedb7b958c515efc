import { describe, expect, it } from "vitest";
import { signInSchema, signUpSchema } from "./account-rules";
import { toFieldErrors } from "./field-errors";

const valid = { name: "Ana", email: "Ana@Example.org", password: "correct horse" };

describe("signUpSchema", () => {
  it("[ACCOUNTS] lower-cases and trims the email", () => {
    const parsed = signUpSchema.parse({ ...valid, email: "  Ana.Student@Example.ORG " });
    expect(parsed.email).toBe("ana.student@example.org");
  });

  it.each([
    [{ ...valid, email: "not-an-email" }, "email", /valid email/],
    [{ ...valid, email: "" }, "email", /Enter your email/],
    [{ ...valid, password: "short" }, "password", /at least 10/],
    [{ ...valid, password: "é".repeat(40) }, "password", /at most 72/],
    [{ ...valid, password: " ".repeat(12) }, "password", /only spaces/],
    [{ ...valid, name: "   " }, "name", /Enter your name/],
    [{ ...valid, name: "x".repeat(101) }, "name", /at most 100/],
    [{ email: "a@b.org", password: "long enough pw" }, "name", /Enter your name/],
  ])("[ACCOUNTS] rejects %j with a message on the field", (input, field, message) => {
    const result = signUpSchema.safeParse(input);
    expect(result.success).toBe(false);
    const errors = toFieldErrors(result.error!);
    expect(errors[field]?.join(" ")).toMatch(message);
  });

  it("[ACCOUNTS] accepts a 72-byte password and refuses 73 bytes", () => {
    expect(signUpSchema.safeParse({ ...valid, password: "a".repeat(72) }).success).toBe(true);
    expect(signUpSchema.safeParse({ ...valid, password: "a".repeat(73) }).success).toBe(false);
  });
});

describe("signInSchema", () => {
  it("[ACCOUNTS] needs an email and a password", () => {
    const result = signInSchema.safeParse({ email: "", password: "" });
    expect(result.success).toBe(false);
    expect(Object.keys(toFieldErrors(result.error!)).sort()).toEqual(["email", "password"]);
  });
});
