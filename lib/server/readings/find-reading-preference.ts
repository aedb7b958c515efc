import "server-only";
import { DEFAULT_HIGHLIGHT_VISIBILITY } from "../../domain/highlight-visibility.ts";
import type { Visibility } from "../../domain/permissions.ts";
import { getDb } from "../db.ts";

export type ReadingPreference = {
  /** Who a new highlight is shared with (where the context allows it). */
  highlightVisibility: Visibility;
  /** Whether others' highlights are painted in the text (and listed in the margin). */
  showOthersHighlights: boolean;
};

/** The reader's choices on the reading page, or the defaults when they never chose. */
export async function findReadingPreference(userId: string): Promise<ReadingPreference> {
  const row = await getDb().readingPreference.findUnique({
    where: { userId },
    select: { highlightVisibility: true, showOthersHighlights: true },
  });
  return row ?? { highlightVisibility: DEFAULT_HIGHLIGHT_VISIBILITY, showOthersHighlights: true };
}
