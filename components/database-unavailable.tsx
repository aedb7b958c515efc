"use client";

import { useEffect, useRef, useState } from "react";
import { UNAVAILABLE_TITLE } from "@/lib/domain/unavailable-title";

/** Seconds between checks: backing off, so a long outage is not hammered (WCAG 2.2.1: no timed reload). */
const RETRY_DELAYS = [5, 10, 20, 40, 60];

/**
 * Shown in place of a page while the database is away. The page never reloads on a timer: a
 * "Try again" button reloads it, and a script asks /api/health with a growing delay and reloads
 * only once the database answers, saying so first in a polite live region.
 */
export function DatabaseUnavailable() {
  const [status, setStatus] = useState("");
  const attempt = useRef(0);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    let isStopped = false;
    const schedule = () => {
      const delay = RETRY_DELAYS[Math.min(attempt.current, RETRY_DELAYS.length - 1)]!;
      attempt.current += 1;
      timer = setTimeout(() => void check(), delay * 1000);
    };
    const check = async () => {
      let isBack = false;
      try {
        isBack = (await fetch("/api/health", { cache: "no-store" })).ok;
      } catch {
        // The server itself is away: the same as the database for the reader.
      }
      if (isStopped) return;
      if (isBack) {
        setStatus("Scholia is back. Loading the page…");
        window.location.reload();
        return;
      }
      const next = RETRY_DELAYS[Math.min(attempt.current, RETRY_DELAYS.length - 1)]!;
      setStatus(`Still unavailable. Checking again in ${next} seconds.`);
      schedule();
    };
    schedule();
    return () => {
      isStopped = true;
      clearTimeout(timer);
    };
  }, []);

  return (
    <section className="error-page" aria-labelledby="unavailable-heading">
      {/* The metadata's title too while the database is away (app/layout.tsx). */}
      <title>{UNAVAILABLE_TITLE}</title>
      <h1 id="unavailable-heading">Scholia is temporarily unavailable</h1>
      <p>
        We cannot reach the database right now — it is probably restarting. Nothing you already saved is lost. This page checks again by
        itself and opens as soon as the database is back; you can also try now.
      </p>
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </p>
      <p className="meta" role="status">
        {status}
      </p>
    </section>
  );
}
