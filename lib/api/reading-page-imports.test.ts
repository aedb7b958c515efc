import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// What the reading page's first load may bring to the browser (issue #12: ≤ 150 KB gzip signed
// out, ≤ 200 KB signed in; the bench measures it, this catches the usual way back over). Walks the
// imports from the root layout and the reading page to the client components they render, then
// everything those import statically, or through next/dynamic rendered on the server (its chunk
// is preloaded); a dynamic import() on first use, or next/dynamic with `ssr: false`, stays out.

const root = path.resolve(import.meta.dirname, "../..");
const ENTRIES = ["app/layout.tsx", "app/readings/[id]/page.tsx"];
/** Packages that a reader who does not write must not load: each is tens of KB gzip. */
const LATER = [/^zod(\/|$)/, /^next-auth(\/|$)/, /^@tiptap\//, /^prosemirror-/];

type Imports = { files: string[]; packages: string[] };

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    return (
      node.isTypeOnly ||
      (!!node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly))
    );
  }
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    !clause.name &&
    !!bindings &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

/** next/dynamic(() => import("x"), options) without `ssr: false`: rendered on the server, its chunk loads with the page. */
function serverRenderedDynamicImport(node: ts.CallExpression): string | null {
  if (!ts.isIdentifier(node.expression) || node.expression.text !== "dynamic") return null;
  const [loader, options] = node.arguments;
  const noSsr =
    options &&
    ts.isObjectLiteralExpression(options) &&
    options.properties.some(
      (p) => ts.isPropertyAssignment(p) && p.name.getText() === "ssr" && p.initializer.kind === ts.SyntaxKind.FalseKeyword,
    );
  if (noSsr || !loader) return null;
  let found: string | null = null;
  const visit = (child: ts.Node) => {
    if (ts.isCallExpression(child) && child.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(child.arguments[0]!)) {
      found = child.arguments[0].text;
    }
    child.forEachChild(visit);
  };
  visit(loader);
  return found;
}

function importsOf(file: string): Imports & { isClient: boolean } {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!isTypeOnly(node)) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node)) {
      const lazy = serverRenderedDynamicImport(node);
      if (lazy) specifiers.push(lazy);
    }
    node.forEachChild(visit);
  };
  visit(source);
  const files: string[] = [];
  const packages: string[] = [];
  for (const specifier of specifiers) {
    if (specifier.startsWith(".") || specifier.startsWith("@/")) {
      const resolved = resolve(file, specifier);
      if (resolved) files.push(resolved);
    } else {
      packages.push(specifier);
    }
  }
  const first = source.statements[0];
  const isClient =
    !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use client";
  return { files, packages, isClient };
}

/** Every package the browser's code for these entries imports, with the chain of files that brings it. */
function browserPackages(entries: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, inBrowser: boolean, chain: string[]) => {
    const key = `${inBrowser}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const imports = importsOf(file);
    const browser = inBrowser || imports.isClient;
    const here = [...chain, path.relative(root, file)];
    if (browser) for (const name of imports.packages) if (!found.has(name)) found.set(name, here);
    for (const next of imports.files) walk(next, browser, here);
  };
  for (const entry of entries) walk(path.join(root, entry), false, []);
  return found;
}

describe("the reading page's first load", () => {
  it("[CLIENT] brings no zod, next-auth client, tiptap or ProseMirror to the browser", () => {
    const packages = browserPackages(ENTRIES);
    expect(packages.has("react")).toBe(true);
    const offending = [...packages]
      .filter(([name]) => LATER.some((pattern) => pattern.test(name)))
      .map(([name, chain]) => `${name} ← ${chain.join(" ← ")}`);
    expect(offending).toEqual([]);
  });
});
