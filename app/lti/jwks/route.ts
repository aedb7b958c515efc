import { listToolPublicKeys } from "@/lib/server/lti/list-tool-public-keys";

// Scholia's public key set (the "public keyset URL" an LMS administrator enters). Public by design.
export async function GET(): Promise<Response> {
  return Response.json(await listToolPublicKeys(), { headers: { "Cache-Control": "public, max-age=300" } });
}
