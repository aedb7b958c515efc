import type { Metadata } from "next";
import { cache } from "react";
import { z } from "zod";
import { idSchema } from "@/lib/domain/ids";
import { listMyAssignments } from "@/lib/server/assignments/list-my-assignments";
import { requireActor } from "@/lib/server/auth/get-actor";
import { loadCourseForActor, type CourseView } from "@/lib/server/courses/load-course-for-actor";
import { orNotFound, parsePageParams } from "@/lib/server/pages";
import { ArchiveCoursePanel } from "./_panels/archive-course-panel";
import { AssignmentsPanel } from "./_panels/assignments-panel";
import { GroupsPanel } from "./_panels/groups-panel";
import { JoinCodePanel } from "./_panels/join-code-panel";
import { LeaveCoursePanel } from "./_panels/leave-course-panel";
import { RosterPanel } from "./_panels/roster-panel";
import { StudentGroupPanel } from "./_panels/student-group-panel";

const paramsSchema = z.object({ id: idSchema() });

type CoursePageProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The course for the signed-in actor; the 404 page when they may not see it. */
const loadCourse = cache(async (rawId: string): Promise<CourseView> => {
  const { id } = parsePageParams(paramsSchema, { id: rawId });
  const actor = await requireActor(`/courses/${id}`);
  return orNotFound(loadCourseForActor({ actorId: actor.id, courseId: id }));
});

export async function generateMetadata({ params }: CoursePageProps): Promise<Metadata> {
  const course = await loadCourse((await params).id);
  return { title: course.title };
}

export default async function CoursePage({ params, searchParams }: CoursePageProps) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const course = await loadCourse(id);
  const actor = await requireActor(`/courses/${course.id}`);
  const myAssignments = course.staff ? [] : await listMyAssignments({ actorId: actor.id, courseId: course.id });
  return (
    <>
      <header className="course-header">
        <h1>{course.title}</h1>
        <p className="meta">
          {[
            course.term,
            `You are ${course.myRole === "INSTRUCTOR" ? "an instructor" : course.myRole === "TA" ? "a teaching assistant" : "a student"}`,
          ]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </header>
      {course.archivedAt ? (
        <p className="context-note archived-note" data-testid="archived-note">
          <strong>Archived.</strong> This course is read-only: you can read and export everything in it, but nothing can be posted or
          changed.
        </p>
      ) : null}
      {query.unassigned === "1" ? (
        <p className="form-status" role="status">
          Unassigned. Every post stays in the course.
        </p>
      ) : null}
      <AssignmentsPanel course={course} myAssignments={myAssignments} />
      {course.staff ? (
        <>
          {course.archivedAt ? null : <JoinCodePanel course={course} staff={course.staff} />}
          <RosterPanel course={course} staff={course.staff} />
          {course.archivedAt ? null : <GroupsPanel course={course} staff={course.staff} />}
          {course.can.canManageCourse ? <ArchiveCoursePanel course={course} /> : null}
          <LeaveCoursePanel course={course} />
        </>
      ) : (
        <StudentGroupPanel course={course} />
      )}
    </>
  );
}
