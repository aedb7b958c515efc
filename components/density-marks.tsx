"use client";

import { useRef, type ReactNode } from "react";
import { useRovingFocus } from "./use-roving-focus";

/**
 * The density bar's marks (reading-view.tsx) as one Tab stop: Down/Up (or Right/Left) move between
 * the busy paragraphs, Enter jumps to one. Without JavaScript each mark is a link of its own.
 */
export function DensityMarks({ children }: { children: ReactNode }) {
  const listRef = useRef<HTMLOListElement>(null);
  const roving = useRovingFocus(listRef, { isVertical: true });
  return (
    // A list of links that behaves as a vertical toolbar: arrow keys move, Tab leaves.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <ol ref={listRef} onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
      {children}
    </ol>
  );
}
