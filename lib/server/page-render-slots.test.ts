import { describe, expect, it } from "vitest";
import { RenderSlots } from "./page-render-slots.ts";

describe("render slots", () => {
  it("lets `limit` pages in at once; the next ones wait and enter in arrival order as slots are given back", async () => {
    const slots = new RenderSlots(2);
    const first = await slots.acquire();
    const second = await slots.acquire();
    const entered: string[] = [];
    const third = slots.acquire().then((release) => (entered.push("third"), release));
    const fourth = slots.acquire().then((release) => (entered.push("fourth"), release));
    await Promise.resolve();
    expect(entered).toEqual([]);
    expect(slots.load).toEqual({ active: 2, waiting: 2 });

    second();
    const releaseThird = await third;
    expect(entered).toEqual(["third"]);
    expect(slots.load).toEqual({ active: 2, waiting: 1 });

    first();
    const releaseFourth = await fourth;
    expect(entered).toEqual(["third", "fourth"]);
    releaseThird();
    releaseFourth();
    expect(slots.load).toEqual({ active: 0, waiting: 0 });
  });

  it("gives a slot back once however often its release is called", async () => {
    const slots = new RenderSlots(1);
    const release = await slots.acquire();
    const waiting = slots.acquire();
    release();
    release();
    const next = await waiting;
    expect(slots.load).toEqual({ active: 1, waiting: 0 });
    // A second release of the first page must not free the slot the second page holds.
    release();
    expect(slots.load).toEqual({ active: 1, waiting: 0 });
    next();
    expect(slots.load).toEqual({ active: 0, waiting: 0 });
  });

  it("takes a slot back after its lease, should a response never report its end", async () => {
    const slots = new RenderSlots(1, 20);
    await slots.acquire();
    const next = await slots.acquire();
    expect(slots.load).toEqual({ active: 1, waiting: 0 });
    next();
    expect(slots.load).toEqual({ active: 0, waiting: 0 });
  });
});
