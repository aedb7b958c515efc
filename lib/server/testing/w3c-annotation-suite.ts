import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

// The W3C Web Annotation test suite's MUST assertions (vendored in ./w3c-annotation-schemas, with
// its licence), run with ajv the way the suite's harness runs them: each assertion of a list is
// a JSON Schema (draft-04) whose result on the document must be its `expectedResult`.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "w3c-annotation-schemas");

/** The suite's three lists of MUSTs: one annotation, one annotation collection, one annotation page. */
export const MUST_LISTS = {
  annotation: "annotations/annotationMusts.test",
  collection: "collections/collectionMusts.test",
  page: "collections/pages/pageMusts.test",
} as const;

export type MustList = keyof typeof MUST_LISTS;

type Assertion = { id: string; expectedResult: "valid" | "invalid"; errorMessage: string };

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, path), "utf8")) as Record<string, unknown>;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv, ["uri", "date-time", "email"]);
for (const file of readdirSync(join(ROOT, "definitions")).filter((name) => name.endsWith(".json"))) {
  ajv.addSchema(readJson(join("definitions", file)));
}

function loadList(list: MustList): Assertion[] {
  const paths = (readJson(MUST_LISTS[list]).assertions as string[]).map(String);
  return paths.map((path) => {
    const schema = readJson(path);
    const id = String(schema.id);
    if (!ajv.getSchema(id)) ajv.addSchema(schema);
    return { id, expectedResult: schema.expectedResult === "invalid" ? "invalid" : "valid", errorMessage: String(schema.errorMessage) };
  });
}

const lists: Record<MustList, Assertion[]> = {
  annotation: loadList("annotation"),
  collection: loadList("collection"),
  page: loadList("page"),
};

/** How many assertions a list has (so a test can show none was left out). */
export function countAssertions(list: MustList): number {
  return lists[list].length;
}

/** The suite's MUST assertions of `list` that `document` fails, each with the suite's message; [] when it passes them all. */
export function failedMusts(list: MustList, document: unknown): string[] {
  const failed: string[] = [];
  for (const assertion of lists[list]) {
    const validate = ajv.getSchema(assertion.id)!;
    const result = validate(document) ? "valid" : "invalid";
    if (result !== assertion.expectedResult) failed.push(`${assertion.id}: ${assertion.errorMessage} ${ajv.errorsText(validate.errors)}`);
  }
  return failed;
}
