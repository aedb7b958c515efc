"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Links to a paragraph say `#p-N` (search results, notifications, copied links, the W3C
 * targets). In a long reading the page holds one section, so a paragraph outside it is opened
 * in its own section: the server picks the section from `?at=N`.
 */
export function SectionAnchorRedirect({ from, to }: { from: number; to: number }) {
  const router = useRouter();
  useEffect(() => {
    const openSection = () => {
      const match = /^#p-(\d{1,7})$/.exec(window.location.hash);
      if (!match) return;
      const position = Number(match[1]);
      if (position >= from && position <= to) return;
      const url = new URL(window.location.href);
      url.searchParams.set("at", String(position));
      router.replace(`${url.pathname}${url.search}${url.hash}`);
    };
    openSection();
    window.addEventListener("hashchange", openSection);
    return () => window.removeEventListener("hashchange", openSection);
  }, [from, to, router]);
  return null;
}
