import { STAFF_READABLE_VISIBILITIES, type Visibility } from "./permissions.ts";

// Insights and grades count a student's posts in an assignment's context as the course's staff
// can read them: a PRIVATE note is the student's alone (DESIGN.md "Visibility"), so it is neither
// counted nor graded, and a student's own grade is computed from the same posts the instructor
// sees. Derived from READ_RULES (permissions.ts) so the two cannot drift apart.

/** The visibilities every instructor and TA of a course reads in full. */
export const ASSESSED_VISIBILITIES: readonly Visibility[] = STAFF_READABLE_VISIBILITIES;
