import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // Tests run in Node, outside React's server environment: take server-only's server build.
  "server-only": path.join(root, "node_modules", "server-only", "empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          // The pure code: lib/domain, the HTTP contract, the lib/server modules that touch no database,
          // and the scripts' shared pieces.
          include: [
            "lib/domain/**/*.test.ts",
            "lib/documents/**/*.test.ts",
            "lib/api/**/*.test.ts",
            "lib/server/**/*.test.ts",
            "scripts/lib/**/*.test.ts",
          ],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
          environment: "node",
          // Pure tests share no state: one module graph for all files is much faster than one per file.
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["lib/server/**/*.integration.test.ts", "prisma/**/*.integration.test.ts"],
          environment: "node",
          setupFiles: ["scripts/lib/integration-guard.ts"],
          // One database per run (see scripts/test.ts); files share it, so they run one at a time.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // One retry, as end-to-end journeys have: CI runs this suite beside the e2e shards on a
          // loaded machine. A test that needed it is named in `npm test`'s summary as flaky.
          retry: 1,
        },
      },
    ],
  },
});
