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

const COMPOSE_EVENT = "scholia:compose";

export function requestCompose(request: ComposeRequest): void {
  window.dispatchEvent(new CustomEvent<ComposeRequest>(COMPOSE_EVENT, { detail: request }));
}

export function onComposeRequest(listener: (request: ComposeRequest) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<ComposeRequest>).detail);
  window.addEventListener(COMPOSE_EVENT, handler);
  return () => window.removeEventListener(COMPOSE_EVENT, handler);
}

const THREAD_EVENT = "scholia:thread";
export type ThreadRequest = { paragraph: number; returnFocus?: HTMLElement | null };

export function requestThread(request: ThreadRequest): void {
  window.dispatchEvent(new CustomEvent<ThreadRequest>(THREAD_EVENT, { detail: request }));
}

export function onThreadRequest(listener: (request: ThreadRequest) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<ThreadRequest>).detail);
  window.addEventListener(THREAD_EVENT, handler);
  return () => window.removeEventListener(THREAD_EVENT, handler);
}
