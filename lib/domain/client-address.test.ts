import { describe, expect, it } from "vitest";
import { pickClientAddress, UNKNOWN_ADDRESS } from "./client-address.ts";

describe("pickClientAddress", () => {
  it("[ADDRESS] with no trusted proxy the TCP peer is the client, whatever X-Forwarded-For claims", () => {
    expect(pickClientAddress({ peerAddress: "203.0.113.7", forwardedFor: "198.51.100.1, 198.51.100.2", trustedProxyHops: 0 })).toBe(
      "203.0.113.7",
    );
    expect(pickClientAddress({ peerAddress: "203.0.113.7", forwardedFor: null, trustedProxyHops: 0 })).toBe("203.0.113.7");
  });

  it("[ADDRESS] behind one proxy the client is the entry that proxy appended, not what the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy (10.0.0.2) appended the real 203.0.113.7.
    expect(pickClientAddress({ peerAddress: "10.0.0.2", forwardedFor: "1.1.1.1, 203.0.113.7", trustedProxyHops: 1 })).toBe("203.0.113.7");
    // A rotating claim changes nothing.
    expect(pickClientAddress({ peerAddress: "10.0.0.2", forwardedFor: "9.9.9.9,203.0.113.7", trustedProxyHops: 1 })).toBe("203.0.113.7");
  });

  it("[ADDRESS] behind two proxies the client is two hops left of the peer", () => {
    expect(pickClientAddress({ peerAddress: "10.0.0.3", forwardedFor: "6.6.6.6, 203.0.113.7, 10.0.0.2", trustedProxyHops: 2 })).toBe(
      "203.0.113.7",
    );
  });

  it("[ADDRESS] a request that bypassed the proxies (chain shorter than the hops) is keyed by its leftmost entry", () => {
    expect(pickClientAddress({ peerAddress: "203.0.113.7", forwardedFor: null, trustedProxyHops: 1 })).toBe("203.0.113.7");
    expect(pickClientAddress({ peerAddress: "10.0.0.2", forwardedFor: "203.0.113.7", trustedProxyHops: 3 })).toBe("203.0.113.7");
  });

  it("[ADDRESS] IPv4-mapped IPv6, case, blanks and empty entries are normalised; a missing peer is 'unknown'", () => {
    expect(pickClientAddress({ peerAddress: "::ffff:127.0.0.1", forwardedFor: null, trustedProxyHops: 0 })).toBe("127.0.0.1");
    expect(pickClientAddress({ peerAddress: " 2001:DB8::1 ", forwardedFor: null, trustedProxyHops: 0 })).toBe("2001:db8::1");
    expect(pickClientAddress({ peerAddress: "10.0.0.2", forwardedFor: " , 203.0.113.7 ,, ", trustedProxyHops: 1 })).toBe("203.0.113.7");
    expect(pickClientAddress({ peerAddress: undefined, forwardedFor: "1.1.1.1", trustedProxyHops: 1 })).toBe(UNKNOWN_ADDRESS);
    expect(pickClientAddress({ peerAddress: "", forwardedFor: null, trustedProxyHops: 0 })).toBe(UNKNOWN_ADDRESS);
    expect(pickClientAddress({ peerAddress: "x".repeat(500), forwardedFor: null, trustedProxyHops: 0 })).toHaveLength(64);
  });
});
