import "./assignment-status-badge.css";
import { STATUS_LABEL, type AssignmentStatus } from "@/lib/domain/assignment-progress";

const CLASS: Record<AssignmentStatus, string> = {
  NOT_STARTED: "status status-not-started",
  IN_PROGRESS: "status status-in-progress",
  COMPLETE: "status status-complete",
  LATE: "status status-late",
};

/** The status in words (colour only repeats it). */
export function AssignmentStatusBadge({ status }: { status: AssignmentStatus }) {
  return <span className={CLASS[status]}>{STATUS_LABEL[status]}</span>;
}
