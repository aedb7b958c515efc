import { errorResponse } from "@/lib/server/http";
import { getMailSettings } from "@/lib/server/mail/mail-settings";
import { unsubscribe } from "@/lib/server/mail/unsubscribe";

// The List-Unsubscribe URL of notification emails. POST is RFC 8058's one-click unsubscribe,
// made by the mail provider (body "List-Unsubscribe=One-Click"; the token in the URL is the only
// authority). GET — someone opening the URL — goes to the page that asks before changing anything.

const MAX_TOKEN_LENGTH = 200;

function tokenFrom(request: Request): string {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return token.slice(0, MAX_TOKEN_LENGTH + 1);
}

export async function POST(request: Request) {
  try {
    const { subscription } = await unsubscribe({ secret: getMailSettings().secret, token: tokenFrom(request) });
    return Response.json({ unsubscribed: subscription }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export function GET(request: Request): Response {
  const target = new URL("/unsubscribe", getMailSettings().origin);
  target.searchParams.set("token", tokenFrom(request));
  return Response.redirect(target, 303);
}
