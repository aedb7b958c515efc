"use client";

import { useLayoutEffect, useSyncExternalStore, type RefObject } from "react";
import { placeMarginItems } from "@/lib/domain/margin-placement";

/** The width from which the margin sits beside the text (as in globals.css). */
export const WIDE_MARGIN_QUERY = "(min-width: 72rem)";

/** Whether the screen is wide enough for the margin beside the text (false on the server). */
export function useIsWideScreen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(WIDE_MARGIN_QUERY);
      query.addEventListener("change", onChange);
      return () => query.removeEventListener("change", onChange);
    },
    () => window.matchMedia(WIDE_MARGIN_QUERY).matches,
    () => false,
  );
}

const GAP_PX = 8;

/**
 * Places the margin's items (elements with `data-paragraph`, and `data-start` for a passage)
 * beside their anchors in the text: see lib/domain/margin-placement.ts. An item with
 * `data-pinned` keeps its anchor. Placed again whenever the text or an item changes size; the
 * track carries `data-placed` once its items are where they belong (they are hidden until then,
 * so placing them never shifts what the reader sees).
 */
export function useAlignedMargin(trackRef: RefObject<HTMLElement | null>, isEnabled: boolean, layoutKey: unknown): void {
  useLayoutEffect(() => {
    const track = trackRef.current;
    if (!track) return;
    const items = () => [...track.querySelectorAll<HTMLElement>("[data-margin-item]")].filter((item) => !item.hidden);
    if (!isEnabled) {
      for (const item of items()) item.style.top = "";
      track.style.height = "";
      delete track.dataset.placed;
      return;
    }
    const place = () => {
      const trackTop = track.getBoundingClientRect().top;
      let previous = 0;
      const measured = items().map((element, index) => {
        const start = element.dataset.start === undefined ? null : Number(element.dataset.start);
        const top = anchorTopOf(Number(element.dataset.paragraph), start);
        // An item whose paragraph is not on the page keeps its place in document order.
        const anchor = top === null ? previous : top - trackTop;
        previous = anchor;
        return { element, index, anchor, order: Number(element.dataset.order ?? 1), height: element.offsetHeight };
      });
      measured.sort((a, b) => a.anchor - b.anchor || a.order - b.order || a.index - b.index);
      const pinned = measured.findIndex((item) => item.element.dataset.pinned !== undefined);
      const tops = placeMarginItems(measured, { gap: GAP_PX, pinned: pinned < 0 ? null : pinned });
      let bottom = 0;
      measured.forEach((item, index) => {
        const top = tops[index]!;
        item.element.style.top = `${Math.round(top)}px`;
        bottom = Math.max(bottom, top + item.height);
      });
      track.style.height = `${Math.ceil(bottom)}px`;
      track.dataset.placed = "";
    };
    place();
    // Text reflowing (a resize, a font arriving) or a card growing (an expanded summary, a time
    // that hydrated) moves the anchors or the heights: place again, before the next paint.
    const observer = new ResizeObserver(() => place());
    const text = document.querySelector("[data-reading-text]");
    if (text) observer.observe(text);
    for (const item of items()) observer.observe(item);
    return () => observer.disconnect();
  }, [trackRef, isEnabled, layoutKey]);
}

/** The top (viewport coordinates) of a paragraph, or of the line where a passage in it starts. */
function anchorTopOf(paragraph: number, start: number | null): number | null {
  const text = document.querySelector<HTMLElement>(`#p-${paragraph} p[data-offset]`);
  if (!text) return null;
  const offset = start === null ? 0 : start - Number(text.dataset.offset);
  if (offset > 0) {
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0;
      if (offset < seen + length) {
        const range = document.createRange();
        range.setStart(node, offset - seen);
        range.setEnd(node, offset - seen + 1);
        const box = range.getClientRects()[0];
        if (box) return box.top;
        break;
      }
      seen += length;
    }
  }
  return text.getBoundingClientRect().top;
}

/** The element under a paragraph where its discussion and composer open on a narrow screen. */
export function paragraphSlot(paragraph: number): HTMLElement | null {
  const body = document.querySelector<HTMLElement>(`#p-${paragraph} .paragraph-body`);
  if (!body) return null;
  let slot = body.querySelector<HTMLElement>(":scope > .paragraph-slot");
  if (!slot) {
    slot = document.createElement("div");
    slot.className = "paragraph-slot";
    body.append(slot);
  }
  return slot;
}

/** The paragraph (its position) holding a canonical text offset, from the page's text. */
export function paragraphAtOffset(offset: number): number | null {
  let found: number | null = null;
  for (const text of document.querySelectorAll<HTMLElement>("p[data-offset][data-paragraph]")) {
    if (Number(text.dataset.offset) <= offset) found = Number(text.dataset.paragraph);
    else break;
  }
  return found;
}
