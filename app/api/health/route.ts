import { checkHealth } from "@/lib/server/check-health";
import { jsonResponse, route } from "@/lib/server/route";

export const GET = route({ auth: "none" }, async () => {
  const report = await checkHealth();
  return jsonResponse(report, { status: report.status === "ok" ? 200 : 503 });
});
