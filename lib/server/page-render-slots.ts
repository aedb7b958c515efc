import "server-only";
import { after } from "next/server";
import { getServerEnv } from "./env.ts";

// Admission for the reading page, the one expensive render (#12). Node runs every request of an
// instance on one thread: with ten pages rendering at once, a post, a thread request or a live
// event waits behind slices of all ten, and a closed loop of readers then makes every request slow
// while no page is served sooner. So at most SCHOLIA_PAGE_RENDERS reading pages are in progress
// per instance (from their first query to their last byte); the next ones wait their turn in
// arrival order, which costs them nothing on average (the CPU is busy either way) and keeps
// posts, the API and live delivery responsive under a class's load.

/** A slot is given back at the latest after this, should a response never report its end. */
const SLOT_LEASE_MS = 30_000;

type Waiter = () => void;

export class RenderSlots {
  #active = 0;
  readonly #waiting: Waiter[] = [];

  constructor(
    readonly limit: number,
    readonly leaseMs = SLOT_LEASE_MS,
  ) {}

  /** Pages in progress and pages waiting (tests, diagnostics). */
  get load(): { active: number; waiting: number } {
    return { active: this.#active, waiting: this.#waiting.length };
  }

  /** Waits for a slot; the returned function gives it back (once, however often it is called). */
  async acquire(): Promise<() => void> {
    if (this.#active < this.limit) this.#active += 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    let isHeld = true;
    let lease: NodeJS.Timeout | undefined = undefined;
    const release = () => {
      if (!isHeld) return;
      isHeld = false;
      clearTimeout(lease);
      const next = this.#waiting.shift();
      // The slot passes straight to the next page in line (the count stays), or is freed.
      if (next) next();
      else this.#active -= 1;
    };
    lease = setTimeout(() => {
      if (isHeld) console.warn(`A reading page held its render slot for ${this.leaseMs} ms without finishing; the slot was taken back.`);
      release();
    }, this.leaseMs);
    lease.unref();
    return release;
  }
}

const globalForSlots = globalThis as unknown as { scholiaPageRenderSlots?: RenderSlots };

/**
 * For the reading page: waits for one of this instance's render slots and gives it back when the
 * response has been sent (or has failed: Next runs `after` callbacks then too).
 */
export async function holdPageRenderSlot(): Promise<void> {
  const slots = (globalForSlots.scholiaPageRenderSlots ??= new RenderSlots(getServerEnv().SCHOLIA_PAGE_RENDERS));
  const release = await slots.acquire();
  after(release);
}
