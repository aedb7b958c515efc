import { z } from "zod";

// The one error format of the HTTP API, shared by the route wrapper that writes it
// (lib/server/route.ts) and the browser client that reads it (lib/api/fetch-json.ts).

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
