// The real PDFs that import is tested and benchmarked on live outside the repository, beside it:
// ../shared/readings/pdf/ (see that folder's README). SCHOLIA_SHARED_DIR points elsewhere.
// They are read in place, never copied into the project. A missing file is an error that says
// where it was looked for — tests never skip because of it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");

export type SharedPdf = "tracemonkey.pdf" | "freeculture.pdf";

/** The folder holding shared/readings: $SCHOLIA_SHARED_DIR, else ../shared beside the project. */
export function sharedDir(): string {
  return process.env.SCHOLIA_SHARED_DIR ? path.resolve(process.env.SCHOLIA_SHARED_DIR) : path.resolve(projectRoot, "..", "shared");
}

export function sharedPdfPath(file: SharedPdf): string {
  const location = path.join(sharedDir(), "readings", "pdf", file);
  if (!existsSync(location)) {
    throw new Error(
      `The test PDF ${file} was not found at ${location}. It lives outside the repository, in ../shared/readings/pdf/ ` +
        `beside the project root (${projectRoot}); set SCHOLIA_SHARED_DIR to the folder that holds readings/pdf/ if it is elsewhere.`,
    );
  }
  return location;
}

export function readSharedPdf(file: SharedPdf): Uint8Array {
  return new Uint8Array(readFileSync(sharedPdfPath(file)));
}
