// The reading's tools talk to the annotation workspace through one window event, so server-
// rendered parts (paragraph buttons, marks) need no shared React state with the margin.

import type { AnnotationColor } from "@/lib/domain/annotation-constants";

export type ComposeTarget = { paragraph: number } | { start: number; end: number };
export type ComposeRequest = {
  target: ComposeTarget;
  quote: string | null;
  /** Where focus goes back when the composer closes. */
  returnFocus?: HTMLElement | null;
  /** Post immediately as a highlight of this colour instead of opening the composer. */
  highlightColor?: AnnotationColor;
};

/** A typed event on window: `send` dispatches it, `listen` subscribes and returns the unsubscribe. */
function windowChannel<T>(name: string): { send: (detail: T) => void; listen: (listener: (detail: T) => void) => () => void } {
  return {
    send: (detail) => window.dispatchEvent(new CustomEvent<T>(name, { detail })),
    listen: (listener) => {
      const handler = (event: Event) => listener((event as CustomEvent<T>).detail);
      window.addEventListener(name, handler);
      return () => window.removeEventListener(name, handler);
    },
  };
}

const composeChannel = windowChannel<ComposeRequest>("scholia:compose");
export const requestCompose = composeChannel.send;
export const onComposeRequest = composeChannel.listen;

export type ThreadRequest = { paragraph: number; returnFocus?: HTMLElement | null };

const threadChannel = windowChannel<ThreadRequest>("scholia:thread");
export const requestThread = threadChannel.send;
export const onThreadRequest = threadChannel.listen;
