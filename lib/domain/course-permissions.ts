import type { Role } from "./permissions.ts";

// The permission map of a course (after hypothesis/h's permission_map): what each role may do.
// The services check it (requireCoursePermission in lib/server/courses/course-access.ts) and the
// pages show or hide their controls from the same map (courseCapabilities), so a button is never
// offered for an action the server refuses, and no page re-derives rules from a role.
// Who may read which annotation is the other half of the permission core (permissions.ts).

export const COURSE_PERMISSIONS = {
  /** Issue a new join code, open or close joining. */
  manageJoinCode: ["INSTRUCTOR"],
  /** Change roles, remove members. */
  manageRoster: ["INSTRUCTOR"],
  /** See the roster, the join code and every group. */
  seeRoster: ["INSTRUCTOR", "TA"],
  /** Create, rename, delete groups; move students; split the class. */
  manageGroups: ["INSTRUCTOR", "TA"],
  /** Assign readings, edit and unassign assignments. */
  manageAssignments: ["INSTRUCTOR"],
  /** Insights, the rubric's results, grades and their CSV, every student's breakdown. */
  assess: ["INSTRUCTOR", "TA"],
  /** Hide, pin, endorse posts and mark answers. */
  moderate: ["INSTRUCTOR", "TA"],
  /** Archive, restore or delete the course. */
  manageCourse: ["INSTRUCTOR"],
  /** Import annotations (a Web Annotation JSON-LD export) into the course, as one's own posts. */
  importAnnotations: ["INSTRUCTOR"],
} as const satisfies Record<string, readonly Role[]>;

export type CoursePermission = keyof typeof COURSE_PERMISSIONS;

/**
 * The permissions that change a course. An archived course is read-only for everyone: these are
 * refused there (and their controls not offered), except managing the course itself, so that an
 * instructor can restore or delete it. Reading, insights, grades and exports stay.
 */
const CHANGING_PERMISSIONS: ReadonlySet<CoursePermission> = new Set([
  "manageJoinCode",
  "manageRoster",
  "manageGroups",
  "manageAssignments",
  "moderate",
  "importAnnotations",
]);

export function isChangingPermission(permission: CoursePermission): boolean {
  return CHANGING_PERMISSIONS.has(permission);
}

export const ARCHIVED_COURSE_MESSAGE = "This course is archived, so it is read-only. An instructor can restore it from the course page.";

export function hasCoursePermission(role: Role, permission: CoursePermission): boolean {
  return (COURSE_PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The flags a page needs, e.g. `canManageGroups`, computed from the map for one role. */
export type CourseCapabilities = { [Permission in CoursePermission as `can${Capitalize<Permission>}`]: boolean };

/** In an archived course the changing permissions are off for every role. */
export function courseCapabilities(role: Role, isArchived = false): CourseCapabilities {
  const can = (permission: CoursePermission) => hasCoursePermission(role, permission) && !(isArchived && isChangingPermission(permission));
  return {
    canManageJoinCode: can("manageJoinCode"),
    canManageRoster: can("manageRoster"),
    canSeeRoster: can("seeRoster"),
    canManageGroups: can("manageGroups"),
    canManageAssignments: can("manageAssignments"),
    canAssess: can("assess"),
    canModerate: can("moderate"),
    canManageCourse: can("manageCourse"),
    canImportAnnotations: can("importAnnotations"),
  };
}

/** Who may do it, for a refusal's message. */
export function describePermissionHolders(permission: CoursePermission): string {
  const roles: readonly Role[] = COURSE_PERMISSIONS[permission];
  return roles.includes("TA") ? "the course's instructors and TAs" : "the course's instructors";
}
