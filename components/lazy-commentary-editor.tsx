"use client";

import "./commentary-editor.css";
import dynamic from "next/dynamic";

/**
 * The rich-text editor (tiptap + ProseMirror), fetched only when a form that writes commentary
 * is shown: the chunk never weighs on pages that only read.
 */
export const LazyCommentaryEditor = dynamic(() => import("./commentary-editor"), {
  ssr: false,
  loading: () => (
    <div className="editor-loading" role="status">
      Loading the editor…
    </div>
  ),
});
