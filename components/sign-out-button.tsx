"use client";

import { useState } from "react";

/**
 * next-auth's client (about 9 KB gzip) loads when the button is pressed, not with every page a
 * signed-in person opens (issue #12).
 */
export function SignOutButton() {
  const [isPending, setIsPending] = useState(false);
  return (
    <button
      type="button"
      className="link-button"
      disabled={isPending}
      onClick={() => {
        setIsPending(true);
        void import("next-auth/react").then(
          ({ signOut }) => signOut({ callbackUrl: "/" }),
          () => setIsPending(false),
        );
      }}
    >
      {isPending ? "Signing out…" : "Sign out"}
    </button>
  );
}
