import { z } from "zod";
import { getMailSettings } from "@/lib/server/mail/mail-settings";
import { unsubscribe } from "@/lib/server/mail/unsubscribe";
import { route } from "@/lib/server/route";

// The List-Unsubscribe URL of notification emails. POST is RFC 8058's one-click unsubscribe,
// made by the mail provider (body "List-Unsubscribe=One-Click"; the token in the URL is the only
// authority, so no actor is resolved). GET — someone opening the URL — goes to the page that asks
// before changing anything.

const MAX_TOKEN_LENGTH = 200;

// An over-long token is cut one past the limit, so the service refuses it as malformed.
const query = z
  .object({ token: z.string().optional() })
  .transform(({ token }) => ({ token: (token ?? "").slice(0, MAX_TOKEN_LENGTH + 1) }));

export const POST = route({ auth: "none", query }, async ({ query }) => {
  const { subscription } = await unsubscribe({ secret: getMailSettings().secret, token: query.token });
  return { unsubscribed: subscription };
});

export const GET = route({ auth: "none", query }, ({ query }) => {
  const target = new URL("/unsubscribe", getMailSettings().origin);
  target.searchParams.set("token", query.token);
  return Promise.resolve(Response.redirect(target, 303));
});
