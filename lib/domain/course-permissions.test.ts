import { describe, expect, it } from "vitest";
import {
  COURSE_PERMISSIONS,
  courseCapabilities,
  describePermissionHolders,
  hasCoursePermission,
  type CoursePermission,
} from "./course-permissions";
import { ROLES } from "./permissions";

describe("course permission map", () => {
  it("[PERMISSIONS] an instructor may do everything in a course", () => {
    expect(Object.values(courseCapabilities("INSTRUCTOR")).every(Boolean)).toBe(true);
  });

  it("[PERMISSIONS] a student may do none of the staff actions", () => {
    expect(Object.values(courseCapabilities("STUDENT")).some(Boolean)).toBe(false);
  });

  it("[PERMISSIONS] a TA manages groups, assesses and moderates, but not the roster, join code or assignments", () => {
    expect(courseCapabilities("TA")).toEqual({
      canManageJoinCode: false,
      canManageRoster: false,
      canSeeRoster: true,
      canManageGroups: true,
      canManageAssignments: false,
      canAssess: true,
      canModerate: true,
      canManageCourse: false,
      canImportAnnotations: false,
    });
  });

  it("[PERMISSIONS] in an archived course nothing changes: only reading, assessing and managing the course itself (restore, delete) stay", () => {
    expect(courseCapabilities("INSTRUCTOR", true)).toEqual({
      canManageJoinCode: false,
      canManageRoster: false,
      canSeeRoster: true,
      canManageGroups: false,
      canManageAssignments: false,
      canAssess: true,
      canModerate: false,
      canManageCourse: true,
      canImportAnnotations: false,
    });
    expect(Object.values(courseCapabilities("STUDENT", true)).some(Boolean)).toBe(false);
  });

  it("[PERMISSIONS] every capability flag is the map's answer for that permission", () => {
    for (const role of ROLES) {
      const capabilities = courseCapabilities(role);
      for (const permission of Object.keys(COURSE_PERMISSIONS) as CoursePermission[]) {
        const flag = `can${permission[0]!.toUpperCase()}${permission.slice(1)}` as keyof typeof capabilities;
        expect(capabilities[flag], `${role} ${permission}`).toBe(hasCoursePermission(role, permission));
      }
    }
  });

  it("[PERMISSIONS] a refusal names who may do it", () => {
    expect(describePermissionHolders("manageRoster")).toBe("the course's instructors");
    expect(describePermissionHolders("manageGroups")).toBe("the course's instructors and TAs");
  });
});
