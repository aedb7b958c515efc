import "./globals.css";
import "./site-chrome.css";
import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/sign-out-button";
import { TimeZoneCookie } from "@/components/time-zone-cookie";
import { cookies } from "next/headers";
import { getViewerTimeSettings, TIME_ZONE_COOKIE } from "@/lib/server/viewer-time-zone";
import { TimeSettingsProvider } from "@/components/time-settings";
import { DatabaseUnavailable } from "@/components/database-unavailable";
import { loadSiteHeader } from "@/lib/server/load-site-header";
import { UNAVAILABLE_TITLE } from "@/lib/domain/unavailable-title";

const metadata: Metadata = {
  title: { default: "Scholia", template: "%s · Scholia" },
  description: "Read together: highlight, comment and discuss a text paragraph by paragraph.",
};

/**
 * While the database is away every page is titled as the notice is: the layout shows the notice
 * in place of the page, and Next still renders the page's own title (e.g. "Scholia" for the home
 * page) beside the notice's <title>. React lets the one mounted last win, and the metadata mounts
 * again on every navigation (the layout and its notice stay), so the notice's title alone could
 * lose. The template without "%s" replaces a page's title; one whose own generateMetadata fails
 * renders no title, and the notice's is the only one.
 */
export async function generateMetadata(): Promise<Metadata> {
  const { isDatabaseDown } = await loadSiteHeader();
  return isDatabaseDown ? { ...metadata, title: { default: UNAVAILABLE_TITLE, template: UNAVAILABLE_TITLE } } : metadata;
}

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#16171a" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { actor, unread, isDatabaseDown } = await loadSiteHeader();
  const reportedTimeZone = (await cookies()).get(TIME_ZONE_COOKIE)?.value ?? null;
  const timeSettings = await getViewerTimeSettings();
  return (
    <html lang="en">
      <body>
        <TimeSettingsProvider {...timeSettings}>
          <TimeZoneCookie current={reportedTimeZone} />
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <header className="site-header">
            <nav aria-label="Site">
              <Link href="/" className="brand">
                Scholia
              </Link>
              <ul className="nav-links">
                {actor ? (
                  <>
                    <li>
                      <Link href="/courses">My courses</Link>
                    </li>
                    <li>
                      <Link href="/search">Search</Link>
                    </li>
                    <li>
                      <Link href="/notifications" aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}>
                        Notifications{unread > 0 ? <span className="badge badge-strong">{unread}</span> : null}
                      </Link>
                    </li>
                    <li>
                      <Link href="/settings/account">Account</Link>
                    </li>
                    <li className="nav-user">
                      <span className="visually-hidden">Signed in as </span>
                      {actor.name}
                    </li>
                    <li>
                      <SignOutButton />
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <Link href="/sign-in">Sign in</Link>
                    </li>
                    <li>
                      <Link href="/sign-up">Create account</Link>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </header>
          <main id="main" tabIndex={-1}>
            {isDatabaseDown ? <DatabaseUnavailable /> : children}
          </main>
          <footer className="site-footer">
            <p>Scholia — read together, paragraph by paragraph.</p>
          </footer>
        </TimeSettingsProvider>
      </body>
    </html>
  );
}
