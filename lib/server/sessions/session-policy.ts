import "server-only";

/** How long a session lives without being used (the cookie's lifetime is the same). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** lastSeenAt is for people telling their sessions apart, not an audit log: a write a minute is enough. */
export const SESSION_LAST_SEEN_RESOLUTION_SECONDS = 60;
/**
 * Live sessions kept per person. Signing in again past it ends the least recently used one, so
 * the account page's list and the "end all" statements stay bounded whatever a client does.
 */
export const MAX_LIVE_SESSIONS_PER_USER = 50;
/** A user agent is kept for display only; longer ones are cut. */
export const SESSION_USER_AGENT_MAX_LENGTH = 512;
