// LMS groups (LTI Course Groups Service 1.0, an IMS draft) made Scholia groups: which Scholia
// groups a roster sync creates, renames or removes, and which group each synced student is in.
// Pure: lib/server/lti/sync-lti-groups.ts reads the LMS and writes the plan.

/** Scholia's group names are 1–60 characters (lib/server/courses/group-input.ts). */
export const GROUP_NAME_MAX = 60;
const SUFFIX = " (LMS)";

export type LmsGroup = { id: string; name: string };

/** A Scholia group made for an LMS group earlier (an LtiGroup row). */
export type MappedGroup = {
  lmsGroupId: string;
  groupId: string;
  name: string;
  /** It holds posts or is named by an assignment: removing it would lose work. */
  hasWork: boolean;
};

export type GroupPlan = {
  create: { lmsGroupId: string; name: string }[];
  rename: { groupId: string; name: string }[];
  /** LMS groups gone from the LMS whose Scholia group is empty of work: deleted. */
  remove: string[];
  /** LMS groups gone from the LMS whose Scholia group holds work: kept, marked removed. */
  keep: { groupId: string; name: string }[];
  /** Mapped groups the LMS lists (again): not marked removed. */
  listed: string[];
  warnings: string[];
};

/**
 * The groups to create, rename and remove so the course has one Scholia group per LMS group.
 * `otherNames` are the course's groups made by hand in Scholia: never touched, so an LMS group
 * whose name one of them has gets " (LMS)" (then " (LMS 2)" …) added; two LMS groups with the
 * same name (in different group sets) are told apart the same way.
 */
export function planGroups({
  lmsGroups,
  mapped,
  otherNames,
}: {
  lmsGroups: readonly LmsGroup[];
  mapped: readonly MappedGroup[];
  otherNames: readonly string[];
}): GroupPlan {
  const plan: GroupPlan = { create: [], rename: [], remove: [], keep: [], listed: [], warnings: [] };
  const listedIds = new Set(lmsGroups.map((group) => group.id));
  const taken = new Set(otherNames.map(nameKey));
  for (const group of mapped) {
    if (listedIds.has(group.lmsGroupId)) continue;
    if (group.hasWork) {
      plan.keep.push({ groupId: group.groupId, name: group.name });
      taken.add(nameKey(group.name));
      plan.warnings.push(`The LMS no longer has the group “${group.name}”; it is kept here because it holds posts or assignments.`);
    } else {
      plan.remove.push(group.groupId);
    }
  }
  const mappedByLmsId = new Map(mapped.map((group) => [group.lmsGroupId, group]));
  const seen = new Set<string>();
  // Groups already made keep their name when they can, so they claim names first.
  const ordered = [...lmsGroups].sort((a, b) => Number(mappedByLmsId.has(b.id)) - Number(mappedByLmsId.has(a.id)));
  for (const group of ordered) {
    if (seen.has(group.id)) continue;
    seen.add(group.id);
    const name = freeName(group.name, taken);
    taken.add(nameKey(name));
    const existing = mappedByLmsId.get(group.id);
    if (name !== cleanName(group.name)) {
      plan.warnings.push(`The LMS group “${cleanName(group.name)}” is called “${name}” here: the course has another group of that name.`);
    }
    if (!existing) plan.create.push({ lmsGroupId: group.id, name });
    else {
      plan.listed.push(existing.groupId);
      if (existing.name !== name) plan.rename.push({ groupId: existing.groupId, name });
    }
  }
  return plan;
}

/**
 * The LMS group a student is placed in: Scholia allows one group per student and course, while
 * an LMS may put a student in several. The student stays in the group they are in if the LMS
 * still lists them in it; otherwise the first of their groups by name (then by LMS id), so the
 * choice does not depend on the order the LMS lists things in. None if the LMS lists them in no
 * synced group.
 */
export function chooseStudentGroup({
  enrolledIn,
  groups,
  currentLmsGroupId,
}: {
  enrolledIn: readonly string[];
  groups: ReadonlyMap<string, LmsGroup>;
  currentLmsGroupId: string | null;
}): { lmsGroupId: string | null; isInSeveral: boolean } {
  const candidates = [...new Set(enrolledIn)].filter((id) => groups.has(id));
  if (candidates.length === 0) return { lmsGroupId: null, isInSeveral: false };
  const isInSeveral = candidates.length > 1;
  if (currentLmsGroupId && candidates.includes(currentLmsGroupId)) return { lmsGroupId: currentLmsGroupId, isInSeveral };
  candidates.sort((a, b) => compareNames(groups.get(a)!.name, groups.get(b)!.name) || (a < b ? -1 : a > b ? 1 : 0));
  return { lmsGroupId: candidates[0]!, isInSeveral };
}

function compareNames(a: string, b: string): number {
  return a.localeCompare(b, "en", { sensitivity: "base", numeric: true });
}

/** An LMS name as a Scholia group name: spaces collapsed, at most 60 characters. */
function cleanName(name: string): string {
  const clean = name.replace(/\s+/g, " ").trim() || "LMS group";
  return clean.slice(0, GROUP_NAME_MAX).trim();
}

function freeName(lmsName: string, taken: ReadonlySet<string>): string {
  const base = cleanName(lmsName);
  if (!taken.has(nameKey(base))) return base;
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? SUFFIX : ` (LMS ${n})`;
    const name = `${base.slice(0, GROUP_NAME_MAX - suffix.length).trim()}${suffix}`;
    if (!taken.has(nameKey(name))) return name;
  }
}

/** The course's unique index on group names is exact; names differing only in case are kept apart anyway, for readers. */
function nameKey(name: string): string {
  return name.toLowerCase();
}
