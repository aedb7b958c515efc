import { AppError } from "@/lib/server/app-error";
import { route } from "@/lib/server/route";

// Any /api path no route handles (a typo, "/api/courses/.." normalised away) answers like the
// API does, a JSON 404, instead of the HTML page for people.
const notFound = route({ auth: "none" }, () => {
  throw new AppError("NOT_FOUND", "There is no such API endpoint. See the HTTP API section of the README.");
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
