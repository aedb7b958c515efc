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
} as const satisfies Record<string, readonly Role[]>;

export type CoursePermission = keyof typeof COURSE_PERMISSIONS;

export function hasCoursePermission(role: Role, permission: CoursePermission): boolean {
  return (COURSE_PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The flags a page needs, e.g. `canManageGroups`, computed from the map for one role. */
export type CourseCapabilities = { [Permission in CoursePermission as `can${Capitalize<Permission>}`]: boolean };

export function courseCapabilities(role: Role): CourseCapabilities {
  return {
    canManageJoinCode: hasCoursePermission(role, "manageJoinCode"),
    canManageRoster: hasCoursePermission(role, "manageRoster"),
    canSeeRoster: hasCoursePermission(role, "seeRoster"),
    canManageGroups: hasCoursePermission(role, "manageGroups"),
    canManageAssignments: hasCoursePermission(role, "manageAssignments"),
    canAssess: hasCoursePermission(role, "assess"),
    canModerate: hasCoursePermission(role, "moderate"),
  };
}

/** Who may do it, for a refusal's message. */
export function describePermissionHolders(permission: CoursePermission): string {
  const roles: readonly Role[] = COURSE_PERMISSIONS[permission];
  return roles.includes("TA") ? "the course's instructors and TAs" : "the course's instructors";
}
