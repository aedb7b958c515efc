// The Prisma 6.19 CLI runs its schema engine as Wasm through a driver adapter, so it can apply
// and diff migrations offline (Prisma 7's CLI needs a native binary we cannot download).
// Prisma 6 needs `url` in the datasource block, which Prisma 7 forbids; we derive a copy of the
// schema for it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");
export const schemaPath = path.join(projectRoot, "prisma", "schema.prisma");
export const schemaSnapshotPath = path.join(migrationsDir, "schema.snapshot.prisma");
const prisma6Cli = path.join(projectRoot, "node_modules", "prisma6", "build", "index.js");
const configPath = path.join(projectRoot, "prisma", "migrate.config.ts");

/**
 * Rewrites a Prisma 7 schema for the Prisma 6 CLI: url in the datasource, and one generator with
 * engineType "client" (any other engine type makes the CLI download a native query engine).
 */
export function toPrisma6Schema(schema: string): string {
  const withoutGenerators = schema.replace(/^generator\s+\w+\s*\{[^}]*\}\s*$/gm, "");
  const generator = 'generator client {\n  provider   = "prisma-client-js"\n  engineType = "client"\n}\n';
  return (
    generator +
    withoutGenerators.replace(
      /^datasource\s+(\w+)\s*\{([^}]*)\}/m,
      (_block, name: string, inner: string) => `datasource ${name} {${inner.replace(/^\s*url\s*=.*$/m, "")}  url = env("DATABASE_URL")\n}`,
    )
  );
}

export function runPrisma6(args: string[], env: NodeJS.ProcessEnv = process.env): { status: number; stdout: string } {
  const result = spawnSync(process.execPath, [prisma6Cli, ...args], {
    cwd: projectRoot,
    env: { ...env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return { status: result.status ?? 1, stdout: result.stdout ?? "" };
}

/** Writes the derived schema(s) to a temp folder and gives their paths to `use`. */
export function withDerivedSchemas<T>(schemas: string[], use: (paths: string[]) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), "scholia-prisma6-"));
  try {
    const paths = schemas.map((schema, index) => {
      const file = path.join(dir, `schema-${index}.prisma`);
      writeFileSync(file, toPrisma6Schema(schema));
      return file;
    });
    return use(paths);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export { configPath as prisma6ConfigPath };
