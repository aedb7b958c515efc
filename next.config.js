// @ts-check

// Headers every response carries. The Content-Security-Policy is not here: it needs a fresh
// script nonce per request, so proxy.ts sets it (lib/domain/request-security.ts builds it).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native-ish server packages stay outside the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs", "pg-boss", "nodemailer"],
  experimental: {
    // A reading may be 512 KiB (lib/domain/reading-input.ts); its form can carry that file and
    // the text box together. Past this, Next refuses the request before any action runs.
    serverActions: { bodySizeLimit: "2mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
