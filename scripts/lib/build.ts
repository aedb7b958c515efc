import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./prisma6.ts";

const SOURCES = ["app", "components", "lib", "next.config.js", "package.json", "package-lock.json", "tsconfig.json"];

/** Runs `next build` when there is no build or a source file is newer than it. */
export function buildIfNeeded({ force = false }: { force?: boolean } = {}): "built" | "up to date" {
  const buildId = path.join(projectRoot, ".next", "BUILD_ID");
  if (!force && existsSync(buildId) && newestSourceTime() <= statSync(buildId).mtimeMs) return "up to date";
  const result = spawnSync(process.execPath, [path.join(projectRoot, "node_modules", "next", "dist", "bin", "next"), "build"], {
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
