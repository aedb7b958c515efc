/**
 * The document title of every page shown while the database is away: the root layout's notice
 * (components/database-unavailable.tsx) and a segment's error page (app/error.tsx). It is also
 * the title the root layout's metadata gives every page then (app/layout.tsx): Next's metadata
 * and a component's own <title> are two <title> elements, and the browser shows whichever React
 * mounted last, so while the database is away they must say the same thing.
 */
export const UNAVAILABLE_TITLE = "Temporarily unavailable · Scholia";
