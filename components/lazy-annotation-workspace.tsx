"use client";

import dynamic from "next/dynamic";

/**
 * The margin (composer, selection toolbar, live updates, the posts) in chunks of its own, loaded
 * only where it is rendered: a reader who cannot annotate (signed out) never renders it, so their
 * page loads none of it (issue #12). It still renders on the server, so the page without
 * JavaScript lists the posts as before; the editor inside stays lazier still (lazy-commentary-editor.tsx).
 */
export const LazyAnnotationWorkspace = dynamic(() => import("./annotation-workspace").then((module) => module.AnnotationWorkspace));
