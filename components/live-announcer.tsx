"use client";

import { useCallback, useEffect, useState } from "react";

const ANNOUNCE_EVENT = "scholia:announce";

/**
 * Says something to screen-reader users without moving focus ("Link copied to the clipboard."):
 * one polite status region for the whole page (`LiveAnnouncer`, on the reading page, where the
 * buttons that use it are), instead of one per button.
 */
export function announce(message: string): void {
  window.dispatchEvent(new CustomEvent<string>(ANNOUNCE_EVENT, { detail: message }));
}

type Said = { message: string; count: number };

/** A status region's words and the way to change them; see `SaidText`. */
export function useAnnouncement(): [said: Said, say: (message: string) => void] {
  const [said, setSaid] = useState<Said>({ message: "", count: 0 });
  const say = useCallback((message: string) => setSaid((previous) => ({ message, count: previous.count + 1 })), []);
  return [said, say];
}

/** The words inside a status region: a new node each time, so the same words twice are announced twice. */
export function SaidText({ said }: { said: Said }) {
  return <span key={said.count}>{said.message}</span>;
}

/** The page's one status region for `announce`. */
export function LiveAnnouncer() {
  const [said, say] = useAnnouncement();
  useEffect(() => {
    const onAnnounce = (event: Event) => say((event as CustomEvent<string>).detail);
    window.addEventListener(ANNOUNCE_EVENT, onAnnounce);
    return () => window.removeEventListener(ANNOUNCE_EVENT, onAnnounce);
  }, [say]);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="page-announcer">
      <SaidText said={said} />
    </p>
  );
}
