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
  onEvent,
}: {
  readingId: string;
  courseId: string | null;
  after: string;
  onEvent: (event: LiveEventPayload) => void;
}): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  // Always the latest handler (it reads the page's current state) without reconnecting.
  const handleEvent = useEffectEvent(onEvent);

  useEffect(() => {
    const params = new URLSearchParams({ after });
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
    });
    return () => source.close();
    // `after` only matters for the first connection of this page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readingId, courseId]);

  return status;
}
