// Waiting for a condition in integration tests, one way: tests wait for what they expect, never for
// a fixed time. The limit only bounds a test whose condition never comes; it is generous because CI
// runs these suites beside the end-to-end shards on a loaded machine, where a live event or a mail
// job can take seconds (a 5 s limit failed there). Timing itself is measured in `npm run bench`.

/** The longest a test waits for a condition unless it says otherwise. */
export const EVENTUALLY_LIMIT_MS = 30_000;

/**
 * Resolves with the condition's first truthy value, polling every `intervalMs`; rejects naming
 * `what` (and the last value seen, when `describe` is given) once `timeoutMs` has passed.
 */
export async function eventually<T>(
  what: string,
  condition: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number; describe?: (last: T) => string } = {},
): Promise<NonNullable<T>> {
  const { timeoutMs = EVENTUALLY_LIMIT_MS, intervalMs = 20, describe } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${describe ? `: ${describe(value)}` : ""}.`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
