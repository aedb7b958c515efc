import "../library.css";
import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { LibraryCard } from "@/components/library-card";
import { requireActor } from "@/lib/server/auth/get-actor";
import { MyAssignments } from "@/components/my-assignments";
import { listMyAssignments } from "@/lib/server/assignments/list-my-assignments";
import { listMyCourses } from "@/lib/server/courses/list-my-courses";
import { createCourseAction, joinCourseAction } from "./actions";

export const metadata: Metadata = { title: "My courses" };

const ROLE_LABEL = { INSTRUCTOR: "Instructor", TA: "Teaching assistant", STUDENT: "Student" } as const;

type CoursesPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CoursesPage({ searchParams }: CoursesPageProps) {
  const query = await searchParams;
  const actor = await requireActor("/courses");
  const [allCourses, assignments] = await Promise.all([listMyCourses({ actorId: actor.id }), listMyAssignments({ actorId: actor.id })]);
  // Archived courses are hidden unless asked for (?archived=1).
  const isShowingArchived = query.archived === "1";
  const archivedCount = allCourses.filter((course) => course.isArchived).length;
  const courses = isShowingArchived ? allCourses : allCourses.filter((course) => !course.isArchived);
  const isStudentSomewhere = courses.some((course) => course.role === "STUDENT" && !course.isArchived);
  return (
    <>
      <h1>My courses</h1>
      {query.deleted === "1" ? (
        <p className="form-status" role="status">
          The course was deleted, with everything in it.
        </p>
      ) : null}
      {isStudentSomewhere ? (
        <section className="panel" aria-labelledby="assignments-heading">
          <h2 id="assignments-heading">Your assignments</h2>
          <MyAssignments assignments={assignments} showCourse />
        </section>
      ) : null}
      {courses.length === 0 && archivedCount > 0 ? (
        <p className="empty-state">All your courses are archived.</p>
      ) : courses.length === 0 ? (
        <p className="empty-state">You are not in any course yet. Join one with the code your instructor gave you, or create your own.</p>
      ) : (
        <ul className="course-list">
          {courses.map((course) => (
            <li key={course.id}>
              <LibraryCard
                href={`/courses/${course.id}`}
                title={course.title}
                facts={[
                  course.term,
                  ROLE_LABEL[course.role],
                  course.groupName,
                  `${course.memberCount} ${course.memberCount === 1 ? "member" : "members"}`,
                  course.isArchived ? "Archived (read-only)" : null,
                ]}
              />
            </li>
          ))}
        </ul>
      )}
      {archivedCount > 0 ? (
        <p>
          {isShowingArchived ? (
            <Link href="/courses">Hide archived courses</Link>
          ) : (
            <Link href="/courses?archived=1">Show archived courses ({archivedCount})</Link>
          )}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="join-heading">
        <h2 id="join-heading">Join a course</h2>
        <ActionForm action={joinCourseAction} submitLabel="Join" pendingLabel="Joining…">
          <Field
            label="Join code"
            name="code"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            hint="For example ABCD-EFGH-JKMN"
          />
        </ActionForm>
      </section>
      <section className="panel" aria-labelledby="create-heading">
        <h2 id="create-heading">Create a course</h2>
        <ActionForm action={createCourseAction} submitLabel="Create course" pendingLabel="Creating…">
          <Field label="Title" name="title" required maxLength={120} />
          <Field label="Term" name="term" maxLength={60} hint="Optional, e.g. Spring 2027" />
        </ActionForm>
      </section>
    </>
  );
}
