// @ts-check

// Headers every response carries. The Content-Security-Policy is not here: it needs a fresh
// script nonce per request, so proxy.ts sets it (lib/domain/request-security.ts builds it).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

// Instructors upload PDF and Word files up to SCHOLIA_MAX_UPLOAD_MB (lib/server/env.ts). proxy.ts
// runs before every route, and Next buffers the body it sees only up to proxyClientMaxBodySize:
// past that an upload would arrive cut short. The upload route refuses anything over the cap itself.
const maxUploadMegabytes = Number(process.env.SCHOLIA_MAX_UPLOAD_MB) > 0 ? Number(process.env.SCHOLIA_MAX_UPLOAD_MB) : 20;

/** @type {import("next").NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Annotation containers end in "/" (W3C Web Annotation Protocol §4) and every other address does
  // not: proxy.ts redirects to each one's form (lib/domain/annotation-container-address.ts).
  skipTrailingSlashRedirect: true,
  // Native-ish server packages stay outside the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs", "pg-boss", "nodemailer"],
  experimental: {
    // A reading may be 512 KiB (lib/domain/reading-input.ts); its form can carry that file and
    // the text box together. Past this, Next refuses the request before any action runs.
    serverActions: { bodySizeLimit: "2mb" },
    // The upload cap, plus room for the form's own fields.
    proxyClientMaxBodySize: Math.ceil((maxUploadMegabytes + 1) * 1_000_000),
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
