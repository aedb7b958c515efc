import { describe, expect, it } from "vitest";
import { MAX_EVENT_ID, parseEventId } from "./event-cursor.ts";

describe("parseEventId", () => {
  it("[MALFORMED] accepts ids from 0 to the int8 maximum", () => {
    expect(parseEventId("0")).toBe(0n);
    expect(parseEventId("42")).toBe(42n);
    expect(parseEventId("9223372036854775807")).toBe(MAX_EVENT_ID);
  });

  it("[MALFORMED] refuses ids beyond int8 and anything that is not plain digits", () => {
    for (const text of ["9223372036854775808", "9999999999999999999", "99999999999999999999", "-1", "1e3", "0x10", " 1", "1.0", "", "abc"]) {
      expect(parseEventId(text), text).toBeNull();
    }
  });
});
