import { AssignmentNotFound } from "@/components/assignment-not-found";

export default function NotFound() {
  return <AssignmentNotFound />;
}
