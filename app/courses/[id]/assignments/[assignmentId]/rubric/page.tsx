import type { Metadata } from "next";
import { AssignmentStaffHeader } from "@/components/assignment-staff-nav";
import { CustomCriteriaEditor } from "@/components/custom-criteria-editor";
import { RubricForm } from "@/components/rubric-form";
import styles from "@/components/teaching.module.css";
import { ARCHIVED_COURSE_MESSAGE } from "@/lib/domain/course-permissions";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadRubric } from "@/lib/server/grading/load-rubric";
import { orNotFound } from "@/lib/server/pages";
import { parseAssignmentParams, type AssignmentRouteParams } from "../assignment-route";
import {
  addCustomCriterionAction,
  moveCustomCriterionAction,
  removeCustomCriterionAction,
  saveRubricAction,
  updateCustomCriterionAction,
} from "./actions";

export const metadata: Metadata = { title: "Rubric" };

export default async function RubricPage({ params }: { params: Promise<AssignmentRouteParams> }) {
  const { courseId, assignmentId } = parseAssignmentParams(await params);
  const actor = await requireActor(`/courses/${courseId}/assignments/${assignmentId}/rubric`);
  const { assignment, criteria, customCriteria } = await orNotFound(loadRubric({ actorId: actor.id, courseId, assignmentId }));
  const isReadOnly = assignment.isCourseArchived;
  return (
    <>
      <AssignmentStaffHeader courseId={courseId} assignmentId={assignmentId} current="rubric" assignment={assignment} />
      {isReadOnly ? (
        <p className="form-error" role="note">
          {ARCHIVED_COURSE_MESSAGE}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="rubric-heading">
        <h2 id="rubric-heading">Criteria from the posts</h2>
        <p>
          Tick the criteria this assignment is graded on and give each its points. Scores are computed from the students&apos; posts
          whenever grades are read, so a change here applies at once; scores you overrode stay as you set them.
        </p>
        <p>
          The posts needed start at the assignment&apos;s own minimum and follow it while they equal it: change the assignment&apos;s
          minimum and this criterion changes too. Type another number to set it apart.
        </p>
        {criteria.length === 0 && customCriteria.length === 0 ? (
          <p className="empty-state">No criteria yet: every computed score is 0 until you save some.</p>
        ) : null}
        <RubricForm
          action={saveRubricAction}
          courseId={courseId}
          assignmentId={assignmentId}
          criteria={criteria}
          assignmentMinPosts={assignment.minPosts}
          isReadOnly={isReadOnly}
        />
      </section>
      <section className="panel" aria-labelledby="custom-criteria-heading">
        <h2 id="custom-criteria-heading">Your own criteria, graded by hand</h2>
        <p>
          Add what the posts cannot tell (“Engages with the argument”, “Uses evidence”): each has a name, points and a description. You give
          each student a score on it on the <em>Grades</em> page, reading their posts beside it. Until you do, it counts 0 and the
          student&apos;s total is shown as partial. They come after the criteria above, in this order, on the grades page, the
          student&apos;s breakdown and the CSV.
        </p>
        {isReadOnly ? (
          customCriteria.length === 0 ? (
            <p className="empty-state">No criteria of your own.</p>
          ) : (
            <ol className={styles.customCriteria} data-testid="custom-criteria">
              {customCriteria.map((criterion) => (
                <li key={criterion.id} className={styles.customCriterion}>
                  <h3>
                    {criterion.name} <span className="meta">({criterion.points} points)</span>
                  </h3>
                  {criterion.description ? <p className={styles.criterionDescription}>{criterion.description}</p> : null}
                </li>
              ))}
            </ol>
          )
        ) : (
          <CustomCriteriaEditor
            courseId={courseId}
            assignmentId={assignmentId}
            criteria={customCriteria}
            actions={{
              add: addCustomCriterionAction,
              update: updateCustomCriterionAction,
              move: moveCustomCriterionAction,
              remove: removeCustomCriterionAction,
            }}
          />
        )}
      </section>
    </>
  );
}
