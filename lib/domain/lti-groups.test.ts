import { describe, expect, it } from "vitest";
import { GROUPS_CLAIM, GROUPS_SCOPE, contextGroupContainerSchema, readServiceClaims } from "./lti-advantage.ts";
import { chooseStudentGroup, planGroups } from "./lti-groups.ts";

describe("LMS groups (lti-gs 1.0)", () => {
  it("[GROUPS] the groups service is offered only with the contextgroup.readonly scope", () => {
    const claim = {
      context_groups_url: "https://lms.example/groups",
      context_group_sets_url: "https://lms.example/sets",
      service_versions: ["1.0"],
    };
    expect(readServiceClaims({ [GROUPS_CLAIM]: { ...claim, scope: [GROUPS_SCOPE] } })).toMatchObject({
      groupsUrl: "https://lms.example/groups",
      groupSetsUrl: "https://lms.example/sets",
    });
    expect(readServiceClaims({ [GROUPS_CLAIM]: { ...claim, scope: [] } })).toMatchObject({ groupsUrl: null, groupSetsUrl: null });
    expect(readServiceClaims({})).toMatchObject({ groupsUrl: null });
  });

  it("[GROUPS] numeric group ids (Moodle) are read as strings", () => {
    const parsed = contextGroupContainerSchema.parse({ groups: [{ id: 12, name: "Team", set_id: 3 }] });
    expect(parsed.groups[0]).toMatchObject({ id: "12", name: "Team", set_id: "3" });
  });

  it("[GROUPS] new groups are made, renamed ones renamed; a name taken by a hand-made group gets (LMS)", () => {
    const plan = planGroups({
      lmsGroups: [
        { id: "1", name: "Red" },
        { id: "2", name: "Blue team" },
        { id: "3", name: "Tutors" },
      ],
      mapped: [{ lmsGroupId: "2", groupId: "g2", name: "Blue", hasWork: false }],
      otherNames: ["Tutors"],
    });
    expect(plan.create).toEqual([
      { lmsGroupId: "1", name: "Red" },
      { lmsGroupId: "3", name: "Tutors (LMS)" },
    ]);
    expect(plan.rename).toEqual([{ groupId: "g2", name: "Blue team" }]);
    expect(plan.warnings).toHaveLength(1);
  });

  it("[GROUPS] a group gone from the LMS is removed, unless it holds work: then it is kept and reported", () => {
    const plan = planGroups({
      lmsGroups: [],
      mapped: [
        { lmsGroupId: "1", groupId: "g1", name: "Empty", hasWork: false },
        { lmsGroupId: "2", groupId: "g2", name: "Busy", hasWork: true },
      ],
      otherNames: [],
    });
    expect(plan.remove).toEqual(["g1"]);
    expect(plan.keep).toEqual([{ groupId: "g2", name: "Busy" }]);
    expect(plan.warnings[0]).toContain("Busy");
  });

  it("[GROUPS] a student in several LMS groups stays in their current one, else goes to the first by name", () => {
    const groups = new Map([
      ["1", { id: "1", name: "Zeta" }],
      ["2", { id: "2", name: "alpha" }],
    ]);
    expect(chooseStudentGroup({ enrolledIn: ["1", "2"], groups, currentLmsGroupId: null })).toEqual({ lmsGroupId: "2", isInSeveral: true });
    expect(chooseStudentGroup({ enrolledIn: ["1", "2"], groups, currentLmsGroupId: "1" })).toEqual({ lmsGroupId: "1", isInSeveral: true });
    expect(chooseStudentGroup({ enrolledIn: ["9"], groups, currentLmsGroupId: "1" })).toEqual({ lmsGroupId: null, isInSeveral: false });
  });
});
