"use client";

import type { HTMLAttributes } from "react";
import { findLeftPaint } from "./paint-handoff";

type PaintedParagraphProps = Omit<HTMLAttributes<HTMLParagraphElement>, "children" | "dangerouslySetInnerHTML"> & {
  /** This paint's id in the page (random per page load). */
  paintId: string;
  /** The painted HTML (lib/domain/paint-html.ts), when the payload carries it (refreshes, navigations). */
  html?: string;
  /** The paragraph's plain text: shown if the paint is nowhere to be found. */
  text: string;
  "data-offset": number;
  "data-paragraph": number;
};

/** Paint already on the page, by id: read from the HTML once when the page hydrates. */
const hydratedPaint = new Map<string, string>();

/**
 * A paragraph with its highlights. On a page load the paint comes only in the HTML: the server's
 * HTML render takes it from the RSC render (paint-handoff.ts), and the browser keeps what the
 * HTML holds. Later renders bring it in `html`.
 */
export function PaintedParagraph({ paintId, html, text, ...props }: PaintedParagraphProps) {
  const markup = html ?? knownPaint(paintId);
  if (markup === undefined) return <p {...props}>{text}</p>;
  return <p {...props} data-paint={paintId} dangerouslySetInnerHTML={{ __html: markup }} />;
}

function knownPaint(paintId: string): string | undefined {
  if (typeof document === "undefined") return findLeftPaint(paintId);
  let markup = hydratedPaint.get(paintId);
  if (markup === undefined) {
    markup = document.querySelector(`p[data-paint="${CSS.escape(paintId)}"]`)?.innerHTML;
    if (markup !== undefined) hydratedPaint.set(paintId, markup);
  }
  return markup;
}
