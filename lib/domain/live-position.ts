// Where a reader is in the live channel: the (txid, id) of the last event they were sent, or of
// the point a page was rendered at. Events are delivered in this order (see
// lib/server/realtime/event-horizon.ts for why it is the order every instance agrees on). On the
// wire it is "<txid>-<id>", the server-sent events' id and a page's ?after=.

export type LivePosition = { txid: bigint; id: bigint };

export const LIVE_START: LivePosition = { txid: 0n, id: 0n };

const INT8_MAX = 2n ** 63n - 1n;
const POSITION = /^(\d{1,19})-(\d{1,19})$/;

export function formatLivePosition(position: LivePosition): string {
  return `${position.txid}-${position.id}`;
}

/** The position a string names, or null for anything else (including numbers beyond int8). */
export function parseLivePosition(text: string | null | undefined): LivePosition | null {
  const match = POSITION.exec(text ?? "");
  if (!match) return null;
  const txid = BigInt(match[1]!);
  const id = BigInt(match[2]!);
  return txid <= INT8_MAX && id <= INT8_MAX ? { txid, id } : null;
}

/** True for numbers or positions that no event can have, being beyond PostgreSQL's int8
 *  ("99999999999999999999", "1-9223372036854775808"): a client sending one is refused, while
 *  text that is no position at all (an id kept from an older version) is ignored. */
export function isBeyondLiveRange(text: string | null | undefined): boolean {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text ?? "");
  if (!match) return false;
  return [match[1], match[2]].some((digits) => digits !== undefined && (digits.length > 19 || BigInt(digits) > INT8_MAX));
}

/** Negative, zero or positive as a comes before, at or after b in delivery order. */
export function compareLivePositions(a: LivePosition, b: LivePosition): number {
  if (a.txid !== b.txid) return a.txid < b.txid ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export function isAfter(a: LivePosition, b: LivePosition): boolean {
  return compareLivePositions(a, b) > 0;
}
