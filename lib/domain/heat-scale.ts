// The heat map's colour scale: a paragraph's post count placed on a few steps relative to the
// busiest paragraph. The steps are shown as colour and always also as the number in text, so the
// map never relies on colour alone.

export const HEAT_LEVELS = 5;
export const HEAT_LEVEL_NAMES = ["no posts", "quiet", "some discussion", "busy", "busiest"] as const;

/**
 * 0 for no posts, otherwise 1..HEAT_LEVELS-1 in proportion to the busiest paragraph (rounded up,
 * so any activity shows and only the busiest reach the top step).
 */
export function heatLevel(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  const steps = HEAT_LEVELS - 1;
  return Math.min(steps, Math.max(1, Math.ceil((value / max) * steps)));
}
