"use client";

import { useEffect, useEffectEvent, useState } from "react";
import type { LiveEventPayload } from "@/lib/server/realtime/event-bus";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "ended";

/**
 * Subscribes to the reading's live channel (server-sent events). The browser's EventSource
 * reconnects by itself and sends Last-Event-ID, so the server replays what was missed; the first
 * connection starts after the event the page was rendered at.
 */
export function useLiveUpdates({
  readingId,
  courseId,
  after,
  connection = 0,
  onEvent,
  onRevoked,
}: {
  readingId: string;
  courseId: string | null;
  /** Where the page's data ends: a (re)connection starts after it. */
  after: string;
  /** Bump to connect again, after the page was refreshed (a stream ended by a revocation). */
  connection?: number;
  onEvent: (event: LiveEventPayload) => void;
  /** The reader's access changed (removed from the course, moved to another group, signed out). */
  onRevoked?: () => void;
}): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  // Always the latest handler (it reads the page's current state) without reconnecting.
  const handleEvent = useEffectEvent(onEvent);
  const handleRevoked = useEffectEvent(() => onRevoked?.());
  const startAfter = useEffectEvent(() => after);

  useEffect(() => {
    const params = new URLSearchParams({ after: startAfter() });
    if (courseId) params.set("course", courseId);
    const source = new EventSource(`/api/readings/${readingId}/events?${params}`);
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus("reconnecting");
    source.addEventListener("annotation", (message) => {
      try {
        handleEvent(JSON.parse((message as MessageEvent<string>).data) as LiveEventPayload);
      } catch {
        // A malformed event is skipped; the next page refresh shows the truth.
      }
    });
    source.addEventListener("reset", () => window.location.reload());
    // Access was taken away (signed out elsewhere, token revoked, removed from the course):
    // reconnecting would only be refused.
    source.addEventListener("revoked", () => {
      source.close();
      setStatus("ended");
      handleRevoked();
    });
    return () => source.close();
  }, [readingId, courseId, connection]);

  return status;
}
