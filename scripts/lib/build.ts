import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./prisma6.ts";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "next.config.js",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

/** Whether a production build exists and no source file is newer than it. */
export function isBuildCurrent(): boolean {
  const buildId = path.join(projectRoot, ".next", "BUILD_ID");
  return existsSync(buildId) && newestSourceTime() <= statSync(buildId).mtimeMs;
}

/** The command that makes the production build (node and its arguments). */
export const BUILD_COMMAND = [process.execPath, [path.join(projectRoot, "node_modules", "next", "dist", "bin", "next"), "build"]] as const;

/** Runs `next build` when there is no build or a source file is newer than it. */
export function buildIfNeeded({ force = false }: { force?: boolean } = {}): "built" | "up to date" {
  if (!force && isBuildCurrent()) return "up to date";
  const result = spawnSync(BUILD_COMMAND[0], BUILD_COMMAND[1], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal}).`);
  return "built";
}

function newestSourceTime(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stats = statSync(entry);
    if (stats.isDirectory()) {
      for (const child of readdirSync(entry)) visit(path.join(entry, child));
    } else if (!/\.test\.tsx?$/.test(entry)) {
      newest = Math.max(newest, stats.mtimeMs);
    }
  };
  for (const source of SOURCES) {
    const full = path.join(projectRoot, source);
    if (existsSync(full)) visit(full);
  }
  return newest;
}
