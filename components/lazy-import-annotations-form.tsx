"use client";

import dynamic from "next/dynamic";

/**
 * The import form in a chunk of its own, loaded only where it is rendered (to those who may import
 * here): the reading page's other readers load none of it (issue #12). It renders on the server as before.
 */
export const LazyImportAnnotationsForm = dynamic(() => import("./import-annotations-form").then((module) => module.ImportAnnotationsForm));
