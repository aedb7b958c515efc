import { describe, expect, it } from "vitest";
import {
  planToolKeyRotation,
  publishedToolKeys,
  RETIRED_KEY_GRACE_MS,
  signingToolKey,
  toolKeyState,
  type ToolKeyTimes,
} from "./lti-tool-keys.ts";

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
const HOUR = 60 * 60_000;

describe("LTI tool key rotation", () => {
  it("[KEYS] the first key signs at once; a rotation's key is published an hour before it signs", () => {
    const first = planToolKeyRotation([], at(0), HOUR);
    expect(first).toEqual({ activatesAt: at(0), retireIds: [] });
    const keys: ToolKeyTimes[] = [{ id: "a", activatesAt: at(0), retiredAt: null }];
    const plan = planToolKeyRotation(keys, at(10), HOUR);
    expect(plan).toEqual({ activatesAt: at(70), retireIds: ["a"] });
    const rotated: ToolKeyTimes[] = [
      { id: "a", activatesAt: at(0), retiredAt: plan.activatesAt },
      { id: "b", activatesAt: plan.activatesAt, retiredAt: null },
    ];
    // Before the switch: a signs, both are published.
    expect(signingToolKey(rotated, at(69))?.id).toBe("a");
    expect(publishedToolKeys(rotated, at(69)).map((key) => key.id)).toEqual(["b", "a"]);
    // After it: b signs, a is still published for the grace period, then withdrawn.
    expect(signingToolKey(rotated, at(70))?.id).toBe("b");
    expect(publishedToolKeys(rotated, at(71)).map((key) => key.id)).toEqual(["b", "a"]);
    const afterGrace = new Date(at(70).getTime() + RETIRED_KEY_GRACE_MS);
    expect(publishedToolKeys(rotated, afterGrace).map((key) => key.id)).toEqual(["b"]);
    expect(toolKeyState(rotated[0]!, "b", afterGrace)).toBe("withdrawn");
    expect(toolKeyState(rotated[0]!, "b", at(71))).toBe("retired");
    expect(toolKeyState(rotated[1]!, "a", at(69))).toBe("upcoming");
  });

  it("[KEYS] two rotations in a row: exactly one key signs at any time", () => {
    let keys: ToolKeyTimes[] = [{ id: "a", activatesAt: at(0), retiredAt: null }];
    const rotate = (id: string, now: Date) => {
      const plan = planToolKeyRotation(keys, now, HOUR);
      keys = keys.map((key) => (plan.retireIds.includes(key.id) ? { ...key, retiredAt: plan.activatesAt } : key));
      keys.push({ id, activatesAt: plan.activatesAt, retiredAt: null });
    };
    rotate("b", at(10));
    rotate("c", at(20));
    expect(signingToolKey(keys, at(75))?.id).toBe("b");
    expect(signingToolKey(keys, at(80))?.id).toBe("c");
    for (let minute = 0; minute < 200; minute += 1) {
      const signing = keys.filter((key) => key.activatesAt <= at(minute) && (key.retiredAt === null || key.retiredAt > at(minute)));
      expect(signing.length, `minute ${minute}`).toBe(1);
    }
  });

  it("[KEYS] with every key retired nothing signs (a new key is then made at once)", () => {
    const keys: ToolKeyTimes[] = [{ id: "a", activatesAt: at(0), retiredAt: at(5) }];
    expect(signingToolKey(keys, at(6))).toBeNull();
    expect(planToolKeyRotation(keys, at(6), HOUR).activatesAt).toEqual(at(6));
  });
});
