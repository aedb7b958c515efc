"use client";

import { useCallback, useEffect, useRef, type FocusEvent, type KeyboardEvent, type RefObject } from "react";

const ITEMS = "button:not([disabled]), input[type=button]:not([disabled]), a[href]";

/**
 * The toolbar pattern (WAI-ARIA APG): a group of controls is one Tab stop; Left/Right (and
 * Home/End) move between them, and the last one used keeps the stop. `ref` is the container's;
 * the handlers go on it too. Items are its enabled buttons and links, in DOM order.
 */
export function useRovingFocus<T extends HTMLElement>(
  ref: RefObject<T | null>,
  /** A vertical group (aria-orientation="vertical"): Down/Up move as Right/Left do. */
  { isVertical = false }: { isVertical?: boolean } = {},
): {
  onKeyDown: (event: KeyboardEvent<T>) => void;
  onFocus: (event: FocusEvent<T>) => void;
} {
  const current = useRef(0);

  // After every render: items come and go (a button shown once hydrated, "Link copied").
  useEffect(() => {
    const items = itemsOf(ref.current);
    if (items.length === 0) return;
    const index = Math.min(current.current, items.length - 1);
    items.forEach((item, at) => (item.tabIndex = at === index ? 0 : -1));
  });

  const onKeyDown = useCallback(
    (event: KeyboardEvent<T>) => {
      const items = itemsOf(ref.current);
      const at = items.indexOf(event.target as HTMLElement);
      if (at === -1 || event.altKey || event.ctrlKey || event.metaKey) return;
      const key = isVertical && event.key === "ArrowDown" ? "ArrowRight" : isVertical && event.key === "ArrowUp" ? "ArrowLeft" : event.key;
      const next =
        key === "ArrowRight"
          ? (at + 1) % items.length
          : key === "ArrowLeft"
            ? (at - 1 + items.length) % items.length
            : key === "Home"
              ? 0
              : key === "End"
                ? items.length - 1
                : null;
      if (next === null) return;
      event.preventDefault();
      current.current = next;
      items.forEach((item, index) => (item.tabIndex = index === next ? 0 : -1));
      items[next]!.focus();
    },
    [ref, isVertical],
  );

  // Focus that arrives another way (a click, a script) moves the stop along with it.
  const onFocus = useCallback(
    (event: FocusEvent<T>) => {
      const items = itemsOf(ref.current);
      const at = items.indexOf(event.target);
      if (at === -1) return;
      current.current = at;
      items.forEach((item, index) => (item.tabIndex = index === at ? 0 : -1));
    },
    [ref],
  );

  return { onKeyDown, onFocus };
}

function itemsOf(container: HTMLElement | null): HTMLElement[] {
  return container ? [...container.querySelectorAll<HTMLElement>(ITEMS)] : [];
}
