"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./teaching.module.css";

const PAGES = [
  { href: "/settings/account", label: "Account" },
  { href: "/settings/sessions", label: "Sessions" },
  { href: "/settings/notifications", label: "Email notifications" },
  { href: "/settings/tokens", label: "API tokens" },
] as const;

/** The settings pages, the current one marked. */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className={styles.staffNav}>
      <ul>
        {PAGES.map(({ href, label }) => (
          <li key={href}>
            <Link href={href} aria-current={pathname === href ? "page" : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
