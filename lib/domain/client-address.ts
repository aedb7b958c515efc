// Which address a request comes from, for rate limits (sign-in, sign-up, API-token attempts).
//
// X-Forwarded-For is a list anyone can write to: each proxy appends the address it received
// the request from, and everything left of what the nearest trusted proxy appended is the
// client's own claim. So the address is read from the right, skipping exactly as many entries
// as there are proxies the operator runs in front of the app (TRUSTED_PROXY_HOPS): 0 means the
// TCP peer itself, whatever the headers say; 1 means the entry the one proxy appended; and so on.

/** Stamped on every request by the server itself (instrumentation.ts), replacing anything a client sent. */
export const PEER_ADDRESS_HEADER = "x-scholia-peer-address";
/** X-Forwarded-For exactly as it reached the server, stamped alongside (Next fills in its own when absent). */
export const RECEIVED_FORWARDED_FOR_HEADER = "x-scholia-received-forwarded-for";

export const UNKNOWN_ADDRESS = "unknown";
const MAX_ADDRESS_LENGTH = 64;

/**
 * The client's address: the TCP peer when `trustedProxyHops` is 0, else the entry of the
 * forwarded chain (X-Forwarded-For + the peer) that many hops to the left of the peer. With fewer
 * entries than hops (a request that bypassed a proxy), the leftmost one.
 */
export function pickClientAddress({
  peerAddress,
  forwardedFor,
  trustedProxyHops,
}: {
  peerAddress: string | null | undefined;
  forwardedFor: string | null | undefined;
  trustedProxyHops: number;
}): string {
  const peer = normaliseAddress(peerAddress);
  if (peer === null) return UNKNOWN_ADDRESS;
  if (trustedProxyHops <= 0) return peer;
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .map(normaliseAddress)
      .filter((entry): entry is string => entry !== null),
    peer,
  ];
  return chain[Math.max(0, chain.length - 1 - trustedProxyHops)]!;
}

function normaliseAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim().toLowerCase();
  if (!trimmed) return null;
  // An IPv4 client on a dual-stack socket is reported as ::ffff:a.b.c.d: one client, one key.
  const address = trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice("::ffff:".length) : trimmed;
  return address.slice(0, MAX_ADDRESS_LENGTH);
}
