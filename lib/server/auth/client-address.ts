import "server-only";

/**
 * The client's address for rate limiting: the last X-Forwarded-For entry, which is the one the
 * nearest proxy (or Next's own server, when there is no proxy) vouches for. Earlier entries are
 * whatever the client claimed.
 */
export function clientAddressFrom(headers: Headers | Record<string, string | string[] | undefined>): string {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  const forwarded = read("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  return (last ?? read("x-real-ip") ?? "unknown").slice(0, 64);
}
