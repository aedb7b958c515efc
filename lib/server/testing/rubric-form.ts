import type { RubricKind } from "../../domain/rubric.ts";

/**
 * The rubric form's fields as a browser posts them (what parseRubricForm reads): each kind given
 * ticked, with its points and, where given, its threshold; every other kind left unticked.
 */
export function rubricFormFields(criteria: Partial<Record<RubricKind, { points: number; threshold?: number }>>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [kind, { points, threshold }] of Object.entries(criteria) as [RubricKind, { points: number; threshold?: number }][]) {
    fields[`${kind}.enabled`] = "on";
    fields[`${kind}.points`] = String(points);
    if (threshold !== undefined) fields[`${kind}.threshold`] = String(threshold);
  }
  return fields;
}
