import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { OIDC_ALLOWED_DOMAINS, OIDC_CLIENT, OIDC_CONTROL_PORT, OIDC_DISPLAY_NAME, OIDC_ISSUER, OIDC_PORT } from "./e2e/fixtures/oidc";

// npm test prepares a fresh seeded database and a production build, then runs this with
// E2E_DATABASE_URL and E2E_PORT. Run alone (`npm run test:e2e`) it needs the same.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// The app sends its email over SMTP to a server the run starts (e2e/fixtures/mail-sink-server.ts).
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 1);
const mailSinkPort = Number(process.env.E2E_MAIL_SINK_PORT ?? port + 2);
// The LMS (an LTI 1.3 platform) the run starts: e2e/fixtures/lti-platform-server.ts.
const ltiPlatformPort = Number(process.env.E2E_LTI_PLATFORM_PORT ?? port + 3);
// Debian's Chromium when present (Playwright's own browser download is not available here).
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  // One retry: a journey that fails and then passes is reported as flaky, by name, in npm test's
  // summary (the end of CI's log), so it is seen and fixed rather than hidden; one that fails
  // twice fails the run. Two CI runs in a row failed once each on a journey that passes alone.
  retries: 1,
  // A journey takes 5–25 s alone; CI runs two shards (two apps, two browsers) on two cores, where
  // the longest (rubric, insights, late work) took 41–46 s. The limit catches a hang; it does not
  // time anything.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  // npm test runs two shards side by side, each with a folder of its own.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  use: {
    baseURL,
    // Off by default: recording every action of every test (to keep only the failures') cost about
    // a third more CPU, and CI's runs are CPU-bound. `E2E_TRACE=retain-on-failure` turns it on.
    trace: (process.env.E2E_TRACE as "retain-on-failure" | "on" | undefined) ?? "off",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: "node node_modules/tsx/dist/cli.mjs e2e/fixtures/mail-sink-server.ts",
      url: `http://127.0.0.1:${mailSinkPort}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { E2E_SMTP_PORT: String(smtpPort), E2E_MAIL_SINK_PORT: String(mailSinkPort) },
    },
    {
      command: "node node_modules/tsx/dist/cli.mjs e2e/fixtures/lti-platform-server.ts",
      url: `http://127.0.0.1:${ltiPlatformPort}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { E2E_LTI_PLATFORM_PORT: String(ltiPlatformPort), E2E_TOOL_ORIGIN: baseURL },
    },
    {
      // The identity provider for single sign-on (OpenID Connect): e2e/fixtures/oidc-provider-server.ts.
      command: "node node_modules/tsx/dist/cli.mjs e2e/fixtures/oidc-provider-server.ts",
      url: `http://127.0.0.1:${OIDC_CONTROL_PORT}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { E2E_OIDC_PORT: String(OIDC_PORT), E2E_OIDC_CONTROL_PORT: String(OIDC_CONTROL_PORT), E2E_TOOL_ORIGIN: baseURL },
    },
    {
      // Idle connections are kept longer than any pause in a journey: with Node's 5 s default, a
      // request sent on a kept connection just as the server closed it failed with ECONNRESET
      // (write-quotas, in CI, after a pause of typing). Browsers send such a request again; the
      // tests' API client does not.
      command: `node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1 --keepAliveTimeout 75000`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? "",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production-use-0123456789",
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: "Scholia <no-reply@scholia.test>",
        // The operator's pages (LMS registration) open with this key.
        OPERATOR_KEY: "e2e-operator-key-not-for-production",
        // Every spec creates its accounts from 127.0.0.1. The limit itself is tested at its
        // default in lib/server/accounts/sign-up.integration.test.ts.
        SIGN_UP_LIMIT_PER_ADDRESS: "100000",
        // The hostile-input suites post hundreds of payloads from one account within a minute,
        // hundreds on one reading: far past the production defaults. The quotas themselves are
        // proved on an instance of their own with small figures (e2e/write-quotas.spec.ts).
        SCHOLIA_WRITES_PER_MINUTE: "100000",
        SCHOLIA_MAX_POSTS_PER_READING: "100000",
        OIDC_ISSUER,
        OIDC_CLIENT_ID: OIDC_CLIENT.clientId,
        OIDC_CLIENT_SECRET: OIDC_CLIENT.clientSecret,
        OIDC_ALLOWED_EMAIL_DOMAINS: OIDC_ALLOWED_DOMAINS.join(","),
        OIDC_DISPLAY_NAME,
      },
    },
  ],
});
