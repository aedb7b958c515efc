// What a screen reader hears when others change the discussion live (issue #15.5): one polite,
// throttled sentence for a burst of events, grouped by what happened and where, e.g.
// "2 new posts in paragraph 4. 1 new reply in paragraph 2."

export type LiveActivity = { kind: "post" | "reply" | "highlight"; paragraph: number } | { kind: "removed" };

const NOUNS = { post: ["post", "posts"], reply: ["reply", "replies"], highlight: ["highlight", "highlights"] } as const;

/** One sentence per kind and paragraph, in the order each first happened; "" for nothing. */
export function describeLiveActivity(activities: readonly LiveActivity[]): string {
  const counts = new Map<string, { text: (count: number) => string; count: number }>();
  for (const activity of activities) {
    const key = activity.kind === "removed" ? "removed" : `${activity.kind}:${activity.paragraph}`;
    const entry = counts.get(key);
    if (entry) {
      entry.count += 1;
      continue;
    }
    counts.set(key, {
      count: 1,
      text:
        activity.kind === "removed"
          ? (count) => `${count} ${count === 1 ? "post was" : "posts were"} removed from your view.`
          : (count) => `${count} new ${NOUNS[activity.kind][count === 1 ? 0 : 1]} in paragraph ${activity.paragraph}.`,
    });
  }
  return [...counts.values()].map(({ text, count }) => text(count)).join(" ");
}
