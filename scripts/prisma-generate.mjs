// Runs `prisma generate` (Prisma 7) offline. Every Prisma 7 CLI command wants the native
// schema-engine binary, which cannot be downloaded here; generate never uses it, so we point
// PRISMA_SCHEMA_ENGINE_BINARY at a stub that fails loudly if anything ever does call it.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const stub = path.join(root, "scripts", "schema-engine-stub.sh");
const result = spawnSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "generate"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub },
});
process.exit(result.status ?? 1);
