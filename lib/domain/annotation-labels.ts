import type { AnnotationColor } from "./annotation-constants.ts";
import { VISIBILITIES, type Visibility } from "./permissions.ts";

// The words and colours a person sees for annotations, in one place: the composer, the margin's
// cards and filters, and the selection toolbar all use these.

/** Who can read a post, as the composer offers it and a card shows it. */
export const VISIBILITY_LABEL: Record<Visibility, string> = { PRIVATE: "Only me", GROUP: "Group", COURSE: "Whole course" };

export const VISIBILITY_OPTIONS = VISIBILITIES.map((visibility) => ({ value: visibility, label: VISIBILITY_LABEL[visibility] }));

export const KIND_LABEL = { HIGHLIGHT: "Highlight", COMMENT: "Comment", PARAGRAPH_POST: "Paragraph post", REPLY: "Reply" } as const;

/** A colour as a card and the filters name it, and the underline that tells it apart without colour. */
export const COLOR_LABEL: Record<AnnotationColor, { name: string; pattern: string }> = {
  yellow: { name: "Yellow", pattern: "no underline" },
  green: { name: "Green", pattern: "solid underline" },
  blue: { name: "Blue", pattern: "dashed underline" },
  pink: { name: "Pink", pattern: "dotted underline" },
};

/** A highlight's colour when none was chosen (the toolbar's Alt+Shift+H). */
export const DEFAULT_HIGHLIGHT_COLOR: AnnotationColor = "yellow";

export function isVisibility(value: string): value is Visibility {
  return (VISIBILITIES as readonly string[]).includes(value);
}
