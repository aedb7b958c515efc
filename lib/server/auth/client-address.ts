import "server-only";
import { PEER_ADDRESS_HEADER, pickClientAddress, RECEIVED_FORWARDED_FOR_HEADER } from "../../domain/client-address.ts";
import { getServerEnv } from "../env.ts";

/**
 * The client's address for rate limiting: the TCP peer, or with TRUSTED_PROXY_HOPS = N the
 * address the N-th proxy in front of the app vouches for (lib/domain/client-address.ts). Read
 * from the headers the server stamps on every request (lib/server/peer-address-stamp.ts), never
 * from anything a client can write.
 */
export function clientAddressFrom(headers: Headers | Record<string, string | string[] | undefined>): string {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  return pickClientAddress({
    peerAddress: read(PEER_ADDRESS_HEADER),
    forwardedFor: read(RECEIVED_FORWARDED_FOR_HEADER),
    trustedProxyHops: getServerEnv().TRUSTED_PROXY_HOPS,
  });
}
