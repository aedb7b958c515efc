"use client";

import "./annotation-workspace.css";
import type { JSONContent } from "@tiptap/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState, type ComponentProps, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { fetchEndpoint } from "@/lib/api/fetch-endpoint";
import { messageOf } from "@/lib/api/fetch-error";
import { unpackAnnotationViews, type PackedAnnotationViews } from "@/lib/api/packed-annotation-views";
import { ANNOTATION_COLORS, type AnnotationColor } from "@/lib/domain/annotation-constants";
import { COLOR_LABEL, KIND_LABEL, VISIBILITY_LABEL, VISIBILITY_OPTIONS } from "@/lib/domain/annotation-labels";
import { describedById } from "@/lib/domain/paint-html";
import { firstWords } from "@/lib/domain/text-units";
import { compareDocumentOrder, type DocumentPosition } from "@/lib/domain/document-order";
import { describeLiveActivity, type LiveActivity } from "@/lib/domain/live-announcement";
import { CARDS_BEFORE_SUMMARY, formatParagraphSummary } from "@/lib/domain/margin-placement";
import type { Visibility } from "@/lib/domain/permissions";
import { FILTER_KINDS, PAINT_FILTER_KEYS, parsePaintFilter, writePaintFilter } from "@/lib/domain/paint-filter";
import { parsePostAnchor } from "@/lib/domain/post-links";
import type { AnnotationView } from "@/lib/server/annotations/present-annotation";
import type { LiveEventPayload } from "@/lib/server/realtime/event-bus";
import { AnnotationCard } from "./annotation-card";
import { ChoiceSelect, type Choice } from "./choice-select";
import { CommentaryComposer, type ComposerMode } from "./commentary-composer";
import { onComposeRequest, onThreadRequest } from "./compose-events";
import { ParagraphThread } from "./paragraph-thread";
import { useIsHydrated } from "./use-is-hydrated";
import { useLiveUpdates } from "./use-live-updates";
import { SaidText, useAnnouncement } from "./live-announcer";
import { focusParagraphTools, paragraphStep } from "./paragraph-navigation";
import { ReadingShortcuts } from "./reading-shortcuts";
import { SelectionToolbar } from "./selection-toolbar";
import { paragraphAtOffset, paragraphSlot, useAlignedMargin, useIsWideScreen } from "./use-aligned-margin";

type AnnotationWorkspaceProps = {
  readingId: string;
  courseId: string | null;
  /** The first page of posts, packed for the payload (lib/api/packed-annotation-views.ts). */
  initialItems: PackedAnnotationViews;
  total: number;
  pageSize: number;
  visibilities: Visibility[];
  defaultVisibility: Visibility;
  groups: { id: string; name: string }[];
  /** The newest live event when the page was rendered. */
  latestEventId: string;
  /** The paragraphs of the section on the page (a long reading); the margin lists their posts. */
  paragraphRange?: { from: number; to: number };
  /** The reader: their own highlights stay when they switch others' off. */
  viewerId: string;
  /** Who a new highlight is shared with (the reader's remembered choice), and the choices here. */
  highlightVisibility: Visibility;
  highlightVisibilities: Visibility[];
  /** Whether others' highlights are painted and listed (the reader's remembered choice). */
  showOthersHighlights: boolean;
  /** The filters in the page's address: they also decide what the server painted. */
  initialFilters?: Partial<Filters>;
};

type Filters = { author: string; color: string; kind: string; tag: string; visibility: string };
/** The composer, with the paragraph it writes on (where it opens on a narrow screen, and beside which on a wide one). */
type OpenComposer = { mode: ComposerMode; paragraph: number | null };
/** A post just made: its card (or its post in the paragraph's discussion) is brought into view, focused and marked. */
type Arrival = { id: string; isInThread: boolean; target: { start: number; end: number } | null };
/** How the margin lays out its cards on a wide screen: beside their passages, or as a list in document order. */
type MarginView = "aligned" | "list";
const NO_FILTERS: Filters = { author: "", color: "", kind: "", tag: "", visibility: "" };
/** The filters' first choice: no filter. */
const ANY: Choice<string> = { value: "", label: "Any" };

/**
 * The margin beside the reading: the composer, the selection toolbar and the list of posts in
 * document order with filters. Highlights themselves are painted by the server; after a change
 * the page is refreshed from the server rather than patched here.
 */
export function AnnotationWorkspace(props: AnnotationWorkspaceProps) {
  const { readingId, courseId, total, pageSize } = props;
  const initialItems = useMemo(() => unpackAnnotationViews(props.initialItems), [props.initialItems]);
  const router = useRouter();
  const [composer, setComposer] = useState<OpenComposer | null>(null);
  const [view, setView] = useState<MarginView>("aligned");
  const [expandedParagraphs, setExpandedParagraphs] = useState<ReadonlySet<number>>(() => new Set());
  const [arrival, setArrival] = useState<Arrival | null>(null);
  const isWide = useIsWideScreen();
  const isAligned = isWide && view === "aligned";
  const trackRef = useRef<HTMLDivElement>(null);
  const [extraItems, setExtraItems] = useState<AnnotationView[]>([]);
  const [loadedPages, setLoadedPages] = useState(1);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>(() => ({ ...NO_FILTERS, ...props.initialFilters }));
  const [highlightVisibility, setHighlightVisibility] = useState<Visibility>(props.highlightVisibility);
  const [showOthers, setShowOthers] = useState(props.showOthersHighlights);
  // The same words twice ("Highlighted.", then another) are said twice.
  const [announcement, setAnnouncement] = useAnnouncement();
  const [threadParagraph, setThreadParagraph] = useState<number | null>(null);
  const [threadRefreshKey, setThreadRefreshKey] = useState(0);
  const [pendingCount, setPendingCount] = useState(0);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const threadReturnFocusRef = useRef<HTMLElement | null>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Others' changes are told politely, a burst at a time (one sentence per few seconds at most).
  const liveActivity = useRef<LiveActivity[]>([]);
  const liveAnnounceTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const noteLiveActivity = (activity: LiveActivity) => {
    liveActivity.current.push(activity);
    if (liveAnnounceTimer.current) return;
    liveAnnounceTimer.current = setTimeout(() => {
      liveAnnounceTimer.current = null;
      const message = describeLiveActivity(liveActivity.current);
      liveActivity.current = [];
      if (message) setAnnouncement(message);
    }, 1500);
  };
  useEffect(
    () => () => {
      if (liveAnnounceTimer.current) clearTimeout(liveAnnounceTimer.current);
    },
    [],
  );

  // Posts this reader may no longer see (live retractions): dropped at once, before the refresh
  // that repaints the text and the counts arrives. An id comes back only with a later event.
  const [retractedIds, setRetractedIds] = useState<ReadonlySet<string>>(() => new Set());
  // The stream ended because the reader's access changed: nothing of the context is shown until
  // the page, refreshed from the server, says what they may see now (and the stream reconnects).
  const [isAccessChanging, setIsAccessChanging] = useState(false);
  // The latest view of posts whose content was withdrawn live (hidden, deleted), over the page's.
  const [liveViews, setLiveViews] = useState<ReadonlyMap<string, AnnotationView>>(() => new Map());
  const [liveConnection, setLiveConnection] = useState(0);

  // Live: others' posts appear without a reload; while the reader is writing they wait behind
  // an "N new" button instead of moving the page. What the reader may no longer see goes at once.
  const liveStatus = useLiveUpdates({
    readingId,
    courseId,
    after: props.latestEventId,
    connection: liveConnection,
    onRevoked: () => {
      setIsAccessChanging(true);
      router.refresh();
    },
    onEvent: (event) => {
      setThreadRefreshKey((key) => key + 1);
      const retractedId = retractedIdOf(event);
      if (retractedId !== null) {
        noteLiveActivity({ kind: "removed" });
        setRetractedIds((current) => new Set(current).add(retractedId));
        justPostedIds.current = justPostedIds.current.filter((id) => id !== retractedId);
        setJustPosted((current) => current.filter((item) => item.id !== retractedId));
        if (refreshTimer.current) clearTimeout(refreshTimer.current);
        router.refresh();
        return;
      }
      // Not a retraction, so the event carries the post as this reader may see it now.
      const view = event.type === "RETRACTED" ? null : event.annotation;
      if (!view) return;
      // Shown again (made visible to this reader once more): its card may come back.
      if (retractedIds.has(view.id)) setRetractedIds((current) => new Set([...current].filter((id) => id !== view.id)));
      // Hidden from this reader or deleted: its card shows the placeholder at once, and its
      // highlight goes with the refresh, even while the reader writes. Later events keep it current.
      const isWithdrawn = view.isDeleted || (view.isHidden && view.bodyHtml === null);
      // Only the author may edit a post: what the reader can edit is their own, already told.
      if (event.type === "CREATED" && !view.canEdit) {
        noteLiveActivity({
          kind: view.kind === "REPLY" ? "reply" : view.kind === "HIGHLIGHT" ? "highlight" : "post",
          paragraph: view.paragraphPosition,
        });
      }
      if (isWithdrawn || liveViews.has(view.id)) setLiveViews((current) => new Map(current).set(view.id, view));
      if (isWithdrawn) {
        if (refreshTimer.current) clearTimeout(refreshTimer.current);
        router.refresh();
        return;
      }
      if (composer !== null) {
        setPendingCount((count) => count + 1);
        return;
      }
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => {
        router.refresh();
        void refreshJustPosted();
      }, 200);
    },
  });

  // The margin's filters also decide what is painted in the text (lib/domain/paint-filter.ts): all
  // but the tag live in the page's address, and the server paints the whole reading with them.
  const applyFilters = (next: Filters) => {
    setFilters(next);
    const url = new URL(window.location.href);
    const paintFilter = parsePaintFilter({
      [PAINT_FILTER_KEYS.author]: next.author,
      [PAINT_FILTER_KEYS.color]: next.color,
      [PAINT_FILTER_KEYS.kind]: next.kind,
      [PAINT_FILTER_KEYS.visibility]: next.visibility,
    });
    const before = url.search;
    writePaintFilter(url.searchParams, paintFilter);
    if (url.search !== before) router.replace(`${url.pathname}${url.search}${url.hash}`, { scroll: false });
  };

  const changeShowOthers = async (show: boolean) => {
    setShowOthers(show);
    try {
      await fetchEndpoint("updateReadingPreference", { body: { showOthersHighlights: show } });
      announce(show ? "Others’ highlights are shown." : "Others’ highlights are hidden: only yours are painted.");
      router.refresh();
    } catch (error) {
      setShowOthers(!show);
      announce(messageOf(error, "Your choice was not saved. Try again."));
    }
  };

  const changeHighlightVisibility = async (visibility: Visibility) => {
    const previous = highlightVisibility;
    setHighlightVisibility(visibility);
    try {
      await fetchEndpoint("updateReadingPreference", { body: { highlightVisibility: visibility } });
      announce(`New highlights: ${VISIBILITY_LABEL[visibility]}.`);
    } catch (error) {
      setHighlightVisibility(previous);
      announce(messageOf(error, "Your choice was not saved. Try again."));
    }
  };

  const showPending = () => {
    setPendingCount(0);
    router.refresh();
  };

  // A server refresh (after a post, a live event, a preference) brings a new first page. The pages
  // the reader loaded since stay shown, with what fell off the first page, and are fetched again
  // in the background to be current: in a busy class a refresh comes every few seconds, and
  // "Load more" must not be undone by each. Another context or section, or a change of access,
  // starts again from the first page.
  const listKey = `${courseId ?? ""}|${props.paragraphRange?.from ?? ""}|${props.paragraphRange?.to ?? ""}`;
  const [firstPage, setFirstPage] = useState({ items: initialItems, listKey });
  const [loadedPagesStale, setLoadedPagesStale] = useState(0);
  if (firstPage.items !== initialItems) {
    setFirstPage({ items: initialItems, listKey });
    if (isAccessChanging || firstPage.listKey !== listKey || loadedPages === 1) {
      setExtraItems([]);
      setLoadedPages(1);
    } else {
      const stillFirst = new Set(initialItems.map((item) => item.id));
      const fellOff = firstPage.items.filter((item) => !stillFirst.has(item.id));
      setExtraItems((current) => [...fellOff, ...current]);
      setLoadedPagesStale((count) => count + 1);
    }
    if (isAccessChanging) {
      setIsAccessChanging(false);
      setLiveConnection((count) => count + 1);
    }
  }

  // Posts the reader just made, fetched on their own: on a busy reading a new post can sort beyond
  // the loaded pages, and its author must still see its card. Kept across refreshes.
  const [justPosted, setJustPosted] = useState<AnnotationView[]>([]);
  const justPostedIds = useRef<string[]>([]);
  const refreshJustPosted = async () => {
    if (justPostedIds.current.length === 0) return;
    try {
      const page = await fetchEndpoint("listAnnotationViews", {
        params: { id: readingId },
        query: { ids: justPostedIds.current.join(","), course: courseId ?? undefined },
      });
      justPostedIds.current = page.items.map((item) => item.id);
      setJustPosted(page.items);
    } catch {
      // The next refresh tries again; the post itself is saved.
    }
  };

  // A post a permanent link named (`#a-<id>`): fetched on its own, since it may sort beyond the
  // loaded pages or be a reply inside a paragraph's discussion; then scrolled to and focused.
  const [linkedItem, setLinkedItem] = useState<AnnotationView | null>(null);
  const [linkNotice, setLinkNotice] = useState<string | null>(null);
  const linkedCardId = useRef<string | null>(null);
  const [linkedReplyId, setLinkedReplyId] = useState<string | null>(null);
  const linkNoticeRef = useRef<HTMLParagraphElement>(null);
  const openLinkedPost = useEffectEvent(async (annotationId: string) => {
    let view: AnnotationView;
    try {
      view = await fetchEndpoint("loadLinkedPost", { params: { id: readingId, annotationId }, query: { course: courseId ?? undefined } });
    } catch (error) {
      // The same notice for a post that is gone and one the reader may not see: it says nothing of it.
      setLinkNotice(messageOf(error, "The linked post could not be loaded. Reload the page to try again."));
      return;
    }
    const range = props.paragraphRange;
    if (range && (view.paragraphPosition < range.from || view.paragraphPosition > range.to)) {
      // In another section of a long reading: open that one (the link's fragment is kept).
      const url = new URL(window.location.href);
      url.searchParams.set("at", String(view.paragraphPosition));
      router.replace(`${url.pathname}${url.search}${url.hash}`);
      return;
    }
    setLinkNotice(null);
    applyFilters(NO_FILTERS);
    if (view.parentId === null) {
      setLinkedItem(view);
      setActiveId(view.id);
      linkedCardId.current = view.id;
    } else {
      setThreadParagraph(view.paragraphPosition);
      setLinkedReplyId(view.id);
    }
  });
  // The post last opened from the address: a later change of the address that still names it (a
  // filter chosen meanwhile, the same navigation reported twice) does not pull the reader back to it.
  const openedAnchor = useRef<string | null>(null);
  useEffect(() => {
    const openFromHash = () => {
      const annotationId = parsePostAnchor(window.location.hash);
      if (annotationId === openedAnchor.current) return;
      openedAnchor.current = annotationId;
      if (annotationId !== null) void openLinkedPost(annotationId);
    };
    // A client-side navigation (a notification's link) may write the new address after this page's
    // effects have run, or show this page again as it was: read the address when it changes
    // (the Navigation API, where there is one) and once the current task is over.
    const navigation = (window as { navigation?: EventTarget }).navigation;
    const timer = window.setTimeout(openFromHash, 0);
    window.addEventListener("hashchange", openFromHash);
    navigation?.addEventListener("currententrychange", openFromHash);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("hashchange", openFromHash);
      navigation?.removeEventListener("currententrychange", openFromHash);
    };
  }, [props.paragraphRange?.from, props.paragraphRange?.to]);
  // The notice takes focus when it appears, so a screen reader reads it where the post would be.
  useEffect(() => {
    if (linkNotice !== null) linkNoticeRef.current?.focus();
  }, [linkNotice]);
  const onLinkedReplyFocused = () => setLinkedReplyId(null);

  const items = useMemo(() => {
    const seen = new Set<string>();
    if (isAccessChanging) return [];
    const linked = linkedItem ? [linkedItem] : [];
    const unique = [...initialItems, ...extraItems, ...justPosted, ...linked]
      .filter((item) => (seen.has(item.id) || retractedIds.has(item.id) ? false : (seen.add(item.id), true)))
      .map((item) => liveViews.get(item.id) ?? item);
    return justPosted.length === 0 && linked.length === 0 ? unique : unique.sort(compareInDocumentOrder);
  }, [initialItems, extraItems, justPosted, linkedItem, retractedIds, liveViews, isAccessChanging]);

  // The linked card, once it is in the list: scrolled to and focused, once.
  useEffect(() => {
    if (linkedCardId.current === null) return;
    const card = document.getElementById(`annotation-${linkedCardId.current}`);
    if (!card) return;
    linkedCardId.current = null;
    card.scrollIntoView({ block: "center" });
    card.focus();
  }, [items, activeId]);

  // Stable (useAnnouncement's callback): callbacks below list it among their dependencies.
  const announce = setAnnouncement;

  const closeComposer = useCallback(() => {
    setComposer(null);
    requestAnimationFrame(() => returnFocusRef.current?.focus());
  }, []);

  const postHighlight = useCallback(
    async (start: number, end: number, color: AnnotationColor) => {
      try {
        await fetchEndpoint("createAnnotation", {
          params: { id: readingId },
          body: { courseId, kind: "HIGHLIGHT", target: { start, end }, color, visibility: highlightVisibility },
        });
        announce("Highlighted.");
        router.refresh();
      } catch (error) {
        announce(messageOf(error, "The highlight was not saved. Try again."));
      }
    },
    [readingId, courseId, highlightVisibility, router, announce],
  );

  useEffect(
    () =>
      onComposeRequest((request) => {
        returnFocusRef.current = request.returnFocus ?? (document.activeElement as HTMLElement | null);
        if (request.highlightColor && "start" in request.target) {
          void postHighlight(request.target.start, request.target.end, request.highlightColor);
          return;
        }
        const paragraph = "paragraph" in request.target ? request.target.paragraph : paragraphAtOffset(request.target.start);
        setComposer({ mode: { kind: "create", target: request.target, quote: request.quote }, paragraph });
        revealComposer();
      }),
    [postHighlight],
  );

  useEffect(
    () =>
      onThreadRequest((request) => {
        threadReturnFocusRef.current = request.returnFocus ?? null;
        setThreadParagraph(request.paragraph);
      }),
    [],
  );

  const closeThread = useCallback(() => {
    setThreadParagraph(null);
    requestAnimationFrame(() => threadReturnFocusRef.current?.focus());
  }, []);

  // Selecting a highlight in the text focuses its card (the most specific loaded post covering it).
  const lastMark = useRef<HTMLElement | null>(null);
  const openCardOf = useEffectEvent((mark: HTMLElement) => {
    const item = coveringItem(items, mark);
    if (!item) {
      announce("The post for this highlight is further down the list: load more posts to see it.");
      return;
    }
    lastMark.current = mark;
    setActiveId(item.id);
    emphasiseMarks(item.target);
    // After the render that expands its paragraph's summary (if it was collapsed) and places it.
    requestAnimationFrame(() => {
      const card = document.getElementById(`annotation-${item.id}`);
      card?.scrollIntoView({ block: "nearest" });
      card?.focus({ preventScroll: true });
    });
  });
  const onMarkClick = useEffectEvent((event: MouseEvent) => {
    const mark = (event.target as Element | null)?.closest?.("mark.hl");
    if (!(mark instanceof HTMLElement) || !window.getSelection()?.isCollapsed) return;
    openCardOf(mark);
  });
  useEffect(() => {
    const onClick = (event: MouseEvent) => onMarkClick(event);
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  // By keyboard (#15.2): a paragraph's highlights are one Tab stop, arrow keys move between them,
  // Enter opens the card; each says what it is. The paint is server HTML: this only adds attributes.
  useEffect(() => {
    const paragraphs = document.querySelectorAll<HTMLElement>("[data-reading-text] p[data-offset]");
    for (const paragraph of paragraphs) {
      const marks = [...paragraph.querySelectorAll<HTMLElement>("mark.hl")];
      marks.forEach((mark, index) => {
        if (!mark.hasAttribute("tabindex")) mark.tabIndex = index === 0 ? 0 : -1;
        const item = coveringItem(items, mark);
        // The server's short description ("highlighted", "2 annotations overlap here") gives way to
        // this fuller one; how many overlap stays in data-overlaps (the stylesheet draws overlaps by it).
        const described = mark.getAttribute("aria-describedby");
        if (described !== null) {
          mark.dataset.overlaps = described === describedById(1) ? "1" : "many";
          mark.removeAttribute("aria-describedby");
        }
        const overlap = mark.dataset.overlaps === "many" ? "Several annotations overlap here. " : "";
        mark.setAttribute(
          "aria-description",
          item ? `${overlap}${describeForMark(item)}. Enter opens its post.` : `${overlap}Highlighted. Its post is not loaded yet.`,
        );
      });
    }
  }, [items]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Escape on a card opened from a highlight goes back to that highlight.
      if (event.key === "Escape" && event.target instanceof HTMLElement && event.target.closest(".annotation-card")) {
        const back = lastMark.current;
        if (back && document.contains(back) && !event.target.closest("input, textarea, select, [contenteditable]")) {
          event.preventDefault();
          back.focus();
        }
        return;
      }
      const mark = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>("mark.hl") : null;
      if (!mark || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        openCardOf(mark);
        return;
      }
      // Up/Down: the previous/next paragraph's tools, as from the paragraph's toolbar.
      const paragraphMove = paragraphStep(event);
      if (paragraphMove !== 0) {
        const position = Number(mark.closest<HTMLElement>("p[data-paragraph]")?.dataset.paragraph);
        if (!Number.isInteger(position)) return;
        if (focusParagraphTools(position, paragraphMove)) event.preventDefault();
        return;
      }
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step === 0) return;
      const marks = [...(mark.closest("p")?.querySelectorAll<HTMLElement>("mark.hl") ?? [])];
      const next = marks[marks.indexOf(mark) + step];
      if (!next) return;
      event.preventDefault();
      marks.forEach((other) => (other.tabIndex = other === next ? 0 : -1));
      next.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  // …and the reverse: a card's "Show in text" brings its highlight into view.
  const showInText = (annotation: AnnotationView) => {
    const first = emphasiseMarks(annotation.target)[0];
    if (!first) {
      announce("This highlight is not shown in the text.");
      return;
    }
    setActiveId(annotation.id);
    if (!first.hasAttribute("tabindex")) first.tabIndex = -1;
    first.scrollIntoView({ block: "center" });
    first.focus();
  };

  const edit = (annotation: AnnotationView) => {
    returnFocusRef.current = document.activeElement as HTMLElement | null;
    revealComposer();
    setComposer({
      paragraph: annotation.paragraphPosition,
      mode: {
        kind: "edit",
        annotationId: annotation.id,
        body: (annotation.body as JSONContent | null) ?? null,
        tags: annotation.tags,
        visibility: annotation.visibility,
        color: annotation.color,
        quote: annotation.target?.exact ?? null,
        isHighlight: annotation.kind === "HIGHLIGHT",
        isReply: annotation.kind === "REPLY",
      },
    });
  };

  const remove = async (annotation: AnnotationView) => {
    if (!window.confirm(annotation.kind === "HIGHLIGHT" ? "Remove this highlight?" : "Delete this post? This cannot be undone.")) return;
    try {
      await fetchEndpoint("deleteAnnotation", { params: { id: annotation.id } });
    } catch (error) {
      announce(messageOf(error, "It was not deleted. Try again."));
      return;
    }
    announce(annotation.kind === "HIGHLIGHT" ? "Highlight removed." : "Post deleted.");
    justPostedIds.current = justPostedIds.current.filter((id) => id !== annotation.id);
    setJustPosted((current) => current.filter((item) => item.id !== annotation.id));
    setThreadRefreshKey((key) => key + 1);
    router.refresh();
  };

  const focusAfterLoad = useRef<AnnotationView | null>(null);
  useEffect(() => {
    const first = focusAfterLoad.current;
    if (!first) return;
    focusAfterLoad.current = null;
    const card = document.getElementById(`annotation-${first.id}`);
    const target = card?.closest("li")?.hidden
      ? document.querySelector<HTMLElement>(`.margin-summary[data-paragraph="${first.paragraphPosition}"] button`)
      : card;
    target?.focus();
  }, [extraItems]);

  // The loaded pages fetched again after a refresh (see firstPage above), replacing what is shown
  // once all arrive. "Load more" meanwhile (another page) or another refresh asks again.
  const [freshRound, setFreshRound] = useState(0);
  const rangeFrom = props.paragraphRange?.from;
  const rangeTo = props.paragraphRange?.to;
  useEffect(() => {
    if (loadedPagesStale === freshRound || loadedPages === 1) return;
    let isCurrent = true;
    void Promise.all(
      Array.from({ length: loadedPages - 1 }, (_, index) =>
        fetchEndpoint("listAnnotationViews", {
          params: { id: readingId },
          query: {
            page: index + 2,
            pageSize,
            course: courseId ?? undefined,
            ...(rangeFrom === undefined || rangeTo === undefined ? {} : { from: rangeFrom, to: rangeTo }),
          },
        }),
      ),
    ).then(
      (fetched) => {
        if (!isCurrent) return;
        setExtraItems(fetched.flatMap((page) => page.items));
        setFreshRound(loadedPagesStale);
      },
      () => {
        // The cards shown stay; the next refresh fetches them again.
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [loadedPagesStale, freshRound, loadedPages, readingId, courseId, pageSize, rangeFrom, rangeTo]);

  const loadMore = async () => {
    setIsLoadingMore(true);
    try {
      const page = await fetchEndpoint("listAnnotationViews", {
        params: { id: readingId },
        query: { page: loadedPages + 1, pageSize, course: courseId ?? undefined, ...props.paragraphRange },
      });
      setExtraItems((current) => [...current, ...page.items]);
      setLoadedPages((current) => current + 1);
      announce(`${page.items.length} more posts loaded.`);
      // The button may be gone now (all loaded): once they are rendered, focus goes to the first
      // post loaded, or to the summary of its paragraph when that paragraph's cards are collapsed.
      focusAfterLoad.current = page.items[0] ?? null;
    } catch (error) {
      announce(messageOf(error, "More posts could not be loaded. Try again."));
    } finally {
      setIsLoadingMore(false);
    }
  };

  const authors = useMemo(
    () => [...new Map(items.filter((item) => item.author.id).map((item) => [item.author.id, item.author.name]))],
    [items],
  );
  const tags = useMemo(() => [...new Set(items.flatMap((item) => item.tags))].sort(), [items]);
  const filterSelects: { key: keyof Filters; label: string; choices: Choice<string>[] }[] = [
    {
      key: "author",
      label: "Author",
      choices: [{ value: "", label: "Everyone" }, ...authors.map(([id, name]) => ({ value: id, label: name }))],
    },
    { key: "color", label: "Colour", choices: [ANY, ...ANNOTATION_COLORS.map((color) => ({ value: color, label: color }))] },
    { key: "kind", label: "Kind", choices: [ANY, ...FILTER_KINDS.map((kind) => ({ value: kind, label: KIND_LABEL[kind] }))] },
    { key: "tag", label: "Tag", choices: [ANY, ...tags.map((tag) => ({ value: tag, label: tag }))] },
    { key: "visibility", label: "Visible to", choices: [ANY, ...VISIBILITY_OPTIONS] },
  ];
  const visible = items.filter(
    (item) =>
      (!filters.author || item.author.id === filters.author) &&
      (!filters.color || item.color === filters.color) &&
      (!filters.kind || item.kind === filters.kind) &&
      (showOthers || item.kind !== "HIGHLIGHT" || item.author.id === props.viewerId) &&
      (!filters.tag || item.tags.includes(filters.tag)) &&
      (!filters.visibility || item.visibility === filters.visibility),
  );
  const isFiltered = Object.values(filters).some(Boolean);

  // Cards beside the text collapse into a summary where one paragraph has many; the card being
  // worked with (focused from the text, just posted) keeps its paragraph open.
  const groups = useMemo(() => groupByParagraph(visible), [visible]);
  const [cardsAtLoad] = useState<ReadonlySet<string>>(() => new Set(initialItems.map((item) => item.id)));
  // Posts brought by "Load more" join their paragraph's summary like those of the first page; only
  // those that arrived live or were just posted stay shown beside a collapsed summary.
  const cardsLoaded = useMemo(() => new Set(extraItems.map((item) => item.id)), [extraItems]);
  const isExpanded = (paragraph: number, cards: AnnotationView[]) =>
    cards.length <= CARDS_BEFORE_SUMMARY ||
    expandedParagraphs.has(paragraph) ||
    cards.some((card) => card.id === activeId || card.id === arrival?.id);
  const toggleParagraph = (paragraph: number) =>
    setExpandedParagraphs((current) => {
      const next = new Set(current);
      if (!next.delete(paragraph)) next.add(paragraph);
      return next;
    });

  const threadIsShown = threadParagraph !== null && !isAccessChanging;
  // What is pinned beside its anchor: what is being written, else the discussion being read, else
  // the card last chosen (from its highlight, "Show in text", or just posted).
  const pinned = composer ? "composer" : threadIsShown ? "thread" : activeId;
  const layoutKey = [
    isAligned,
    visible.map((item) => item.id).join(),
    [...expandedParagraphs].join(),
    composer ? JSON.stringify(composer.mode).length + String(composer.paragraph) : "",
    threadIsShown ? threadParagraph : "",
    pinned,
  ].join("|");
  useAlignedMargin(trackRef, isAligned, layoutKey);

  // After posting: the new card (a reply: its post in the thread) is scrolled into view, focused
  // and briefly marked, and the passage it is on emphasised once its paint arrives (#13.11).
  useEffect(() => {
    if (!arrival) return;
    let frame = 0;
    const startedAt = performance.now();
    let element: HTMLElement | null = null;
    // Focused once: the loop may go on waiting for the paint after the mark has faded, and must
    // not take focus back from wherever the reader has gone since.
    let isFocused = false;
    const look = () => {
      element ??= document.getElementById(arrival.isInThread ? `thread-post-${arrival.id}` : `annotation-${arrival.id}`);
      if (element && !isFocused) {
        isFocused = true;
        element.classList.add("is-arriving");
        element.scrollIntoView({ block: "center" });
        element.focus({ preventScroll: true });
        const arrived = element;
        window.setTimeout(() => arrived.classList.remove("is-arriving"), ARRIVAL_MARK_MS);
      }
      const hasPaint = arrival.target === null || (element !== null && emphasiseMarks(arrival.target).length > 0);
      if ((!element || !hasPaint) && performance.now() - startedAt < ARRIVAL_WAIT_MS) frame = requestAnimationFrame(look);
    };
    frame = requestAnimationFrame(look);
    return () => cancelAnimationFrame(frame);
  }, [arrival]);

  const composerElement = composer ? (
    <div id="margin-composer">
      <CommentaryComposer
        key={
          composer.mode.kind === "edit"
            ? composer.mode.annotationId
            : composer.mode.kind === "reply"
              ? `reply-${composer.mode.parentId}`
              : JSON.stringify(composer.mode.target)
        }
        mode={composer.mode}
        readingId={readingId}
        courseId={courseId}
        visibilities={props.visibilities}
        defaultVisibility={props.defaultVisibility}
        groups={props.groups}
        onCancel={closeComposer}
        onDone={(message, created) => {
          if (created && !created.isReply) justPostedIds.current = [...justPostedIds.current, created.id].slice(-20);
          void refreshJustPosted();
          announce(message);
          const { mode, paragraph } = composer;
          setComposer(null);
          setPendingCount(0);
          setThreadRefreshKey((key) => key + 1);
          router.refresh();
          if (created) {
            const target = mode.kind === "create" && "start" in mode.target ? mode.target : null;
            // On a narrow screen the cards are after the whole text: the new post is shown in its
            // paragraph's discussion instead, under the paragraph where it was written.
            const isInThread = created.isReply || (!isWide && paragraph !== null);
            if (isInThread && !created.isReply) {
              threadReturnFocusRef.current = returnFocusRef.current;
              setThreadParagraph(paragraph);
            }
            setArrival({ id: created.id, isInThread, target });
            // In a long discussion the new post may sort beyond the loaded page, or be a reply past
            // its root's first ones: the discussion is asked to bring it, as a link's would be.
            if (isInThread) setLinkedReplyId(created.id);
            if (!isInThread) setActiveId(created.id);
          } else {
            requestAnimationFrame(() => returnFocusRef.current?.focus());
          }
        }}
      />
    </div>
  ) : null;

  const threadElement = threadIsShown ? (
    <ParagraphThread
      readingId={readingId}
      courseId={courseId}
      paragraph={threadParagraph}
      refreshKey={threadRefreshKey}
      retractedIds={retractedIds}
      announce={announce}
      onClose={closeThread}
      focusId={linkedReplyId}
      onFocused={onLinkedReplyFocused}
      onEdit={edit}
      onDelete={(node) => void remove(node)}
      onReply={(node) => {
        returnFocusRef.current = document.activeElement as HTMLElement | null;
        setComposer({
          mode: { kind: "reply", parentId: node.id, parentAuthorName: node.author.name, quote: null },
          paragraph: threadParagraph,
        });
        revealComposer();
      }}
    />
  ) : null;

  // Where the composer and the discussion open: beside their paragraph (cards beside the text),
  // under it (a narrow screen: never a screen away from what they are about), or at the top of
  // the list.
  const composerPlace = composer === null ? null : !isWide && composer.paragraph !== null ? "paragraph" : isAligned ? "track" : "top";
  const threadPlace = threadElement === null ? null : !isWide ? "paragraph" : isAligned ? "track" : "top";
  const composerOrder = composer?.mode.kind === "reply" ? 0.6 : 0;
  const inParagraph: { paragraph: number; node: ReactNode; order: number }[] = [];
  if (composerPlace === "paragraph") inParagraph.push({ paragraph: composer!.paragraph!, node: composerElement, order: composerOrder });
  if (threadPlace === "paragraph") inParagraph.push({ paragraph: threadParagraph!, node: threadElement, order: 0.5 });
  inParagraph.sort((a, b) => a.order - b.order);

  const cardItem = (item: AnnotationView, isCollapsed = false) => (
    <li
      key={item.id}
      hidden={isCollapsed}
      data-margin-item=""
      data-paragraph={item.paragraphPosition}
      data-start={item.target && !item.isOrphan ? item.target.start : undefined}
      data-pinned={pinned === item.id ? "" : undefined}
      onFocus={() => emphasiseMarks(item.target)}
      onMouseEnter={() => emphasiseMarks(item.target)}
    >
      <AnnotationCard
        annotation={item}
        isActive={item.id === activeId}
        onShowInText={showInText}
        onEdit={edit}
        onDelete={(annotation) => void remove(annotation)}
      />
    </li>
  );

  return (
    <aside id="annotations" className={`margin${view === "aligned" ? " is-aligned" : ""}`} aria-labelledby="margin-heading" tabIndex={-1}>
      <h2 id="margin-heading">Annotations</h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        <SaidText said={announcement} />
      </p>
      {/* A div, not a p: the shortcuts' dialog (h2, dl, form) may not sit in a paragraph — the
          browser would close the p before it and hydration would fail, remounting the page. */}
      <div className="meta">
        Select text to highlight or comment (then Alt+Shift+A for the toolbar), or use a paragraph’s “Select text” or “Comment on
        paragraph”. <ReadingShortcuts />{" "}
        <span className={`live-status live-${liveStatus}`}>
          {liveStatus === "live"
            ? "Live"
            : liveStatus === "connecting"
              ? "Connecting…"
              : liveStatus === "ended"
                ? isAccessChanging
                  ? "Your access changed: updating the page…"
                  : "Live updates stopped: your access changed. Reload the page."
                : "Reconnecting…"}
        </span>
      </div>
      {linkNotice ? (
        <div className="notice linked-post-notice" data-testid="linked-post-notice">
          <p ref={linkNoticeRef} tabIndex={-1}>
            {linkNotice}
          </p>
          <button type="button" className="link-button" onClick={() => setLinkNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <div className="margin-view" role="group" aria-label="Show posts">
        <button type="button" className="link-button" aria-pressed={view === "aligned"} onClick={() => setView("aligned")}>
          Beside the text
        </button>
        <button type="button" className="link-button" aria-pressed={view === "list"} onClick={() => setView("list")}>
          As a list
        </button>
      </div>
      {/* Always in the page, so the button appearing inside it is announced (a live region must exist first). */}
      <div aria-live="polite">
        {pendingCount > 0 ? (
          <button type="button" className="button button-secondary new-posts" onClick={showPending}>
            Show {pendingCount} new {pendingCount === 1 ? "update" : "updates"}
          </button>
        ) : null}
      </div>
      {composerPlace === "top" ? composerElement : null}
      {threadPlace === "top" ? threadElement : null}
      {inParagraph.map(({ paragraph, node, order }) => {
        const slot = paragraphSlot(paragraph);
        return slot ? createPortal(node, slot, `slot-${order}`) : node;
      })}
      {items.length > 0 || courseId !== null ? (
        <fieldset className="filters">
          <legend>Filter posts</legend>
          {filterSelects.map(({ key, label, choices }) => (
            <ChoiceSelect
              key={key}
              label={label}
              value={filters[key]}
              choices={choices}
              onChange={(value) => {
                const next = { ...filters, [key]: value };
                // The tag is not in the address: choosing one only filters the margin.
                if (key === "tag") setFilters(next);
                else applyFilters(next);
              }}
            />
          ))}
          {isFiltered ? (
            <button type="button" className="link-button" onClick={() => applyFilters(NO_FILTERS)}>
              Clear filters
            </button>
          ) : null}
          {courseId !== null ? (
            <label className="filter-toggle">
              <input type="checkbox" checked={showOthers} onChange={(event) => void changeShowOthers(event.target.checked)} /> Show others’
              highlights
            </label>
          ) : null}
          <p className="meta filter-note">The author, colour, kind and visibility filters apply to the highlights in the text too.</p>
        </fieldset>
      ) : null}
      {items.length === 0 ? (
        <p className="empty-state">No annotations here yet. Select a passage, or comment on a paragraph, to start.</p>
      ) : (
        <p className="meta" aria-live="polite">
          {isFiltered ? `${visible.length} of ${items.length} loaded posts match.` : `${items.length} of ${total} posts shown.`}
        </p>
      )}
      {/* Without a script nothing places the cards: they show as a list. */}
      <noscript>
        <style>{".margin-track [data-margin-item] { visibility: visible !important; position: static !important; }"}</style>
      </noscript>
      <div ref={trackRef} className={`margin-track${view === "aligned" ? " is-aligned" : ""}`}>
        {composerPlace === "track" ? (
          <div
            className="margin-panel"
            data-margin-item=""
            data-paragraph={composer!.paragraph ?? 1}
            data-order={composerOrder}
            data-pinned=""
          >
            {composerElement}
          </div>
        ) : null}
        {threadPlace === "track" ? (
          <div
            className="margin-panel"
            data-margin-item=""
            data-paragraph={threadParagraph!}
            data-order={0.5}
            data-pinned={pinned === "thread" ? "" : undefined}
          >
            {threadElement}
          </div>
        ) : null}
        {visible.length > 0 ? (
          <ol className="annotation-list">
            {!isAligned
              ? visible.map((item) => cardItem(item))
              : groups.map(({ paragraph, cards }) => {
                  if (cards.length <= CARDS_BEFORE_SUMMARY) return cards.map((item) => cardItem(item));
                  const isOpen = isExpanded(paragraph, cards);
                  return [
                    <li
                      key={`summary-${paragraph}`}
                      className="margin-summary"
                      data-margin-item=""
                      data-paragraph={paragraph}
                      data-order={0.9}
                    >
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-expanded={isOpen}
                        aria-label={`${formatParagraphSummary(cards.length)}: paragraph ${paragraph}`}
                        onClick={() => toggleParagraph(paragraph)}
                      >
                        {formatParagraphSummary(cards.length)}
                      </button>
                    </li>,
                    // Collapsed, the cards stay in the page, hidden; those that came after it opened stay shown.
                    ...cards.map((item) => cardItem(item, !isOpen && (cardsAtLoad.has(item.id) || cardsLoaded.has(item.id)))),
                  ];
                })}
          </ol>
        ) : null}
      </div>
      {items.length > 0 && items.length < total ? (
        <button type="button" className="button button-secondary" onClick={() => void loadMore()} disabled={isLoadingMore}>
          {isLoadingMore ? "Loading…" : `Load more (${total - items.length} more)`}
        </button>
      ) : null}
      <ToolbarPortal
        highlightVisibility={highlightVisibility}
        highlightVisibilities={props.highlightVisibilities}
        onHighlightVisibilityChange={(visibility) => void changeHighlightVisibility(visibility)}
      />
    </aside>
  );
}

/** How long a just-posted card stays marked, and how long the page waits for it to arrive. */
const ARRIVAL_MARK_MS = 2_500;
const ARRIVAL_WAIT_MS = 10_000;

/** Brings the composer into view once it has rendered wherever it opens. */
function revealComposer(): void {
  requestAnimationFrame(() => document.getElementById("margin-composer")?.scrollIntoView({ block: "nearest" }));
}

/** Emphasises the marks of a passage in the text (and only those); returns them. */
function emphasiseMarks(target: { start: number; end: number } | null): HTMLElement[] {
  document.querySelectorAll(".hl-active").forEach((mark) => mark.classList.remove("hl-active"));
  const marks = target
    ? [...document.querySelectorAll<HTMLElement>("mark.hl")].filter((mark) => {
        const range = markRange(mark);
        return range !== null && range.start >= target.start && range.end <= target.end;
      })
    : [];
  marks.forEach((mark) => mark.classList.add("hl-active"));
  return marks;
}

/** Cards by paragraph, in document order (the items are in it already). */
function groupByParagraph(items: AnnotationView[]): { paragraph: number; cards: AnnotationView[] }[] {
  const groups: { paragraph: number; cards: AnnotationView[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.paragraph === item.paragraphPosition) last.cards.push(item);
    else groups.push({ paragraph: item.paragraphPosition, cards: [item] });
  }
  return groups;
}

/** The selection toolbar floats over the text, so it lives at the end of <body>. */
function ToolbarPortal(props: ComponentProps<typeof SelectionToolbar>) {
  const isHydrated = useIsHydrated();
  return isHydrated ? createPortal(<SelectionToolbar {...props} />, document.body) : null;
}

/** The most specific loaded post covering a painted segment. */
function coveringItem(items: readonly AnnotationView[], mark: HTMLElement): AnnotationView | undefined {
  const range = markRange(mark);
  if (!range) return undefined;
  return items
    .filter((item) => item.target && item.target.start <= range.start && item.target.end >= range.end)
    .sort((a, b) => a.target!.end - a.target!.start - (b.target!.end - b.target!.start))[0];
}

/** "Comment by Ana, yellow (solid underline): The treaty…": what a highlight means, spoken. */
function describeForMark(item: AnnotationView): string {
  const color = item.color ? `, ${COLOR_LABEL[item.color].name.toLowerCase()} (${COLOR_LABEL[item.color].pattern})` : "";
  const words = item.bodyText ? `: ${firstWords(item.bodyText)}` : "";
  return `${KIND_LABEL[item.kind]} by ${item.author.name}${color}${words}`;
}

/** The canonical-text range a painted segment covers (its paragraph's offset + the text before it there). */
function markRange(mark: HTMLElement): { start: number; end: number } | null {
  const paragraph = mark.closest<HTMLElement>("p[data-offset]");
  if (!paragraph) return null;
  const before = document.createRange();
  before.setStart(paragraph, 0);
  before.setEndBefore(mark);
  const start = Number(paragraph.dataset.offset) + before.toString().length;
  return { start, end: start + (mark.textContent ?? "").length };
}

/** The post a live event takes from this reader's page, if it does: a retraction, or a post removed outright. */
function retractedIdOf(event: LiveEventPayload): string | null {
  if (event.type === "RETRACTED") return event.annotationId;
  if (event.type === "DELETED" && event.annotation === null) return event.annotationId;
  return null;
}

/** The margin's order (lib/domain/document-order.ts) for a view. */
function compareInDocumentOrder(a: AnnotationView, b: AnnotationView): number {
  return compareDocumentOrder(positionOf(a), positionOf(b));
}

function positionOf(view: AnnotationView): DocumentPosition {
  return { paragraphPosition: view.paragraphPosition, start: view.target?.start ?? null, createdAt: view.createdAt, id: view.id };
}
