// Moving between paragraphs by keyboard (#15): Up and Down, from a paragraph's tools or its
// highlights, go to the previous or next paragraph's tools, so reaching paragraph 6 from the text's
// start is five key presses rather than a Tab past every stop of paragraphs 1 to 5.

/** Each paragraph's toolbar carries this attribute, with its paragraph's position as the value. */
export const PARAGRAPH_TOOLS_ATTRIBUTE = "data-paragraph-tools";

/** The hidden text that tells, once for the page, what the arrow keys do in a paragraph's tools. */
export const PARAGRAPH_KEYS_HINT_ID = "paragraph-keys-hint";
export const PARAGRAPH_KEYS_HINT =
  "Left and Right arrows move between this paragraph's tools; Up and Down arrows go to the previous and next paragraph.";

/** Up/Down without modifiers: the step it asks for, or 0. */
export function paragraphStep(event: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }): 1 | -1 | 0 {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return 0;
  return event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
}

/**
 * Focuses the tools of the paragraph `step` away from paragraph `position` (the one its Tab stop
 * rests on). False when there is none (the first or last paragraph, tools not rendered yet).
 */
export function focusParagraphTools(position: number, step: 1 | -1): boolean {
  const toolbars = [...document.querySelectorAll<HTMLElement>(`[${PARAGRAPH_TOOLS_ATTRIBUTE}]`)]
    .map((toolbar) => ({ toolbar, position: Number(toolbar.getAttribute(PARAGRAPH_TOOLS_ATTRIBUTE)) }))
    .filter((entry) => (step === 1 ? entry.position > position : entry.position < position))
    .sort((a, b) => (a.position - b.position) * step);
  const target = toolbars[0]?.toolbar;
  const item = target?.querySelector<HTMLElement>("[tabindex='0']") ?? target?.querySelector<HTMLElement>("button, a[href]");
  if (!item) return false;
  item.focus();
  return true;
}
