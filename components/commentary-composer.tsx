"use client";

import "./annotation-card.css";
import "./commentary-composer.css";
import type { JSONContent } from "@tiptap/react";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { fetchEndpoint } from "@/lib/api/fetch-endpoint";
import { FetchError } from "@/lib/api/fetch-error";
import { ANNOTATION_COLORS, type AnnotationColor } from "@/lib/domain/annotation-constants";
import { DEFAULT_HIGHLIGHT_COLOR, isVisibility, VISIBILITY_LABEL } from "@/lib/domain/annotation-labels";
import type { Visibility } from "@/lib/domain/permissions";
import { ChoiceSelect } from "./choice-select";
import type { ComposeTarget } from "./compose-events";
import { LazyCommentaryEditor } from "./lazy-commentary-editor";
import { TimeDisplay } from "./time-display";

export type ComposerMode =
  | { kind: "create"; target: ComposeTarget; quote: string | null }
  | { kind: "reply"; parentId: string; parentAuthorName: string; quote: null }
  | {
      kind: "edit";
      annotationId: string;
      body: JSONContent | null;
      tags: string[];
      visibility: Visibility;
      color: AnnotationColor | null;
      quote: string | null;
      isHighlight: boolean;
      isReply: boolean;
    };

type CommentaryComposerProps = {
  mode: ComposerMode;
  readingId: string;
  courseId: string | null;
  visibilities: Visibility[];
  defaultVisibility: Visibility;
  groups: { id: string; name: string }[];
  /** `created`: the new post when one was created (not for edits). */
  onDone: (message: string, created?: { id: string; isReply: boolean }) => void;
  onCancel: () => void;
};

export function draftKey(readingId: string, courseId: string | null, mode: ComposerMode): string {
  const target =
    mode.kind === "edit"
      ? `edit:${mode.annotationId}`
      : mode.kind === "reply"
        ? `reply:${mode.parentId}`
        : "paragraph" in mode.target
          ? `p:${mode.target.paragraph}`
          : `r:${mode.target.start}-${mode.target.end}`;
  return `scholia:draft:${readingId}:${courseId ?? "notes"}:${target}`;
}

type Draft = { body: JSONContent; tags: string; visibility: Visibility; color: AnnotationColor; savedAt: number };

function readDraft(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key);
    // Written by this component (saveDraft); an older or hand-edited draft with other values is dropped.
    const draft = raw ? (JSON.parse(raw) as Partial<Draft>) : null;
    if (!draft?.body || typeof draft.tags !== "string" || !isVisibility(String(draft.visibility))) return null;
    const color = ANNOTATION_COLORS.find((option) => option === draft.color) ?? DEFAULT_HIGHLIGHT_COLOR;
    return { body: draft.body, tags: draft.tags, visibility: draft.visibility as Visibility, color, savedAt: Number(draft.savedAt) };
  } catch {
    return null;
  }
}

/** Whether a tiptap document has any visible text (what the editor's `isEmpty` tells once it runs). */
function hasText(node: JSONContent | null | undefined): boolean {
  if (!node) return false;
  if (node.type === "text") return (node.text ?? "").trim() !== "";
  return (node.content ?? []).some(hasText);
}

/**
 * Writes a comment, a paragraph post, or edits one. What is typed is kept in localStorage until
 * the server accepts it, so a reload or a refused post never loses it.
 */
export function CommentaryComposer({
  mode,
  readingId,
  courseId,
  visibilities,
  defaultVisibility,
  groups,
  onDone,
  onCancel,
}: CommentaryComposerProps) {
  const key = draftKey(readingId, courseId, mode);
  const [initialDraft] = useState(() => (typeof window === "undefined" ? null : readDraft(key)));
  const [body, setBody] = useState<JSONContent | null>(initialDraft?.body ?? (mode.kind === "edit" ? mode.body : null));
  // Known from the text it starts with, not only once the editor reports: "Save" pressed the
  // moment an edit opens must not read a post that has text as empty.
  const [isEmpty, setIsEmpty] = useState(() => !hasText(body));
  const [tags, setTags] = useState(initialDraft?.tags ?? (mode.kind === "edit" ? mode.tags.join(", ") : ""));
  const [visibility, setVisibility] = useState<Visibility>(
    initialDraft?.visibility ?? (mode.kind === "edit" ? mode.visibility : defaultVisibility),
  );
  const [groupId, setGroupId] = useState(groups[0]?.id ?? "");
  const [color, setColor] = useState<AnnotationColor>(
    initialDraft?.color ?? (mode.kind === "edit" ? (mode.color ?? DEFAULT_HIGHLIGHT_COLOR) : DEFAULT_HIGHLIGHT_COLOR),
  );
  const [isQuestion, setIsQuestion] = useState(false);
  const [mentioned, setMentioned] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const headingId = useId();
  const hintId = useId();
  const errorId = useId();

  const isHighlightEdit = mode.kind === "edit" && mode.isHighlight;
  const isReply = mode.kind === "reply" || (mode.kind === "edit" && mode.isReply);
  const hasRange = mode.kind === "create" ? !("paragraph" in mode.target) : mode.kind === "edit" && !isHighlightEdit && mode.color !== null;

  const saveDraft = useCallback(
    (next: Partial<Draft>) => {
      const current = { body: body ?? { type: "doc", content: [] }, tags, visibility, color, savedAt: Date.now(), ...next };
      try {
        window.localStorage.setItem(key, JSON.stringify(current));
      } catch {
        // Storage full or disabled: the text still lives in the editor.
      }
    },
    [body, tags, visibility, color, key],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && formRef.current?.contains(document.activeElement)) onCancel();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [onCancel]);

  const submit = async () => {
    if (isSubmitting) return;
    if (!isHighlightEdit && (isEmpty || !body)) {
      setError("Write something before posting.");
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setIsSubmitting(true);
    setError(null);
    const tagList = tags
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean);
    const mentionedUserIds = mentioned.map((person) => person.id);
    // Only what this kind of post has: a highlight keeps its (empty) body, a reply its root's visibility.
    const options = {
      ...(isReply ? {} : { tags: tagList, visibility }),
      ...(!isReply && visibility === "GROUP" && groups.length > 0 ? { groupId } : {}),
      ...(hasRange ? { color } : {}),
    };
    try {
      let created: { id: string; isReply: boolean } | undefined;
      if (mode.kind === "reply") {
        const reply = await fetchEndpoint("createReply", { params: { id: mode.parentId }, body: { body, mentionedUserIds } });
        created = { id: lastSegment(reply.id), isReply: true };
      } else if (mode.kind === "create") {
        const post = await fetchEndpoint("createAnnotation", {
          params: { id: readingId },
          body: {
            ...options,
            body,
            courseId,
            kind: "paragraph" in mode.target ? "PARAGRAPH_POST" : "COMMENT",
            target: mode.target,
            isQuestion,
            mentionedUserIds,
          },
        });
        created = { id: lastSegment(post.id), isReply: false };
      } else {
        await fetchEndpoint("updateAnnotation", {
          params: { id: mode.annotationId },
          body: { ...options, ...(isHighlightEdit ? {} : { body }) },
        });
      }
      window.localStorage.removeItem(key);
      onDone(mode.kind === "edit" ? "Saved." : mode.kind === "reply" ? "Reply posted." : "Posted.", created);
    } catch (error) {
      const details = error instanceof FetchError ? Object.values(error.fieldErrors).flat() : [];
      setError(
        details.length > 0
          ? details.join(" ")
          : error instanceof FetchError && error.status === 0
            ? "Scholia could not be reached. Your text is kept here; try again when you are back online."
            : error instanceof FetchError
              ? `${error.message} Your text is kept; try again.`
              : "The post was not saved. Your text is kept; try again.",
      );
      requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setIsSubmitting(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  const heading =
    mode.kind === "reply"
      ? `Reply to ${mode.parentAuthorName}`
      : mode.kind === "edit"
        ? isHighlightEdit
          ? "Edit highlight"
          : "Edit your post"
        : "paragraph" in mode.target
          ? `Post on paragraph ${mode.target.paragraph}`
          : "Comment on the selection";

  return (
    <form ref={formRef} className="composer" onSubmit={onSubmit} aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      {mode.quote ? (
        <blockquote className="composer-quote">{mode.quote.length > 280 ? `${mode.quote.slice(0, 280)}…` : mode.quote}</blockquote>
      ) : null}
      {initialDraft ? (
        <p className="meta" role="status">
          Draft restored from <TimeDisplay iso={new Date(initialDraft.savedAt)} />.
        </p>
      ) : null}
      {isHighlightEdit ? null : (
        <>
          <p id={hintId} className="visually-hidden">
            Rich text. Press Control+Enter to post, Escape to cancel.
          </p>
          <LazyCommentaryEditor
            initialContent={body}
            labelId={headingId}
            describedById={error ? `${errorId} ${hintId}` : hintId}
            isInvalid={error !== null && isEmpty}
            onChange={(doc, empty) => {
              setBody(doc);
              setIsEmpty(empty);
              saveDraft({ body: doc });
            }}
            onSubmitShortcut={() => void submit()}
          />
        </>
      )}
      {courseId && (mode.kind === "reply" || mode.kind === "create") ? (
        <MentionPicker courseId={courseId} mentioned={mentioned} onChange={setMentioned} />
      ) : null}
      {isReply ? null : (
        <div className="composer-options">
          {mode.kind === "create" ? (
            <label>
              <input type="checkbox" checked={isQuestion} onChange={(event) => setIsQuestion(event.target.checked)} /> This is a question
            </label>
          ) : null}
          <ChoiceSelect
            label="Visible to"
            value={visibility}
            choices={visibilities.map((option) => ({ value: option, label: VISIBILITY_LABEL[option] }))}
            onChange={(next) => {
              setVisibility(next);
              saveDraft({ visibility: next });
            }}
          />
          {visibility === "GROUP" && groups.length > 0 ? (
            <ChoiceSelect
              label="Group"
              value={groupId}
              choices={groups.map((group) => ({ value: group.id, label: group.name }))}
              onChange={setGroupId}
            />
          ) : null}
          {hasRange ? (
            <ChoiceSelect
              label="Colour"
              value={color}
              choices={ANNOTATION_COLORS.map((option) => ({ value: option, label: option }))}
              onChange={(next) => {
                setColor(next);
                saveDraft({ color: next });
              }}
            />
          ) : null}
          <label>
            Tags{" "}
            <input
              value={tags}
              onChange={(event) => {
                setTags(event.target.value);
                saveDraft({ tags: event.target.value });
              }}
              placeholder="e.g. sovereignty, question"
            />
          </label>
        </div>
      )}
      <p ref={errorRef} id={errorId} tabIndex={-1} role="alert" className="field-error">
        {error}
      </p>
      <div className="button-row">
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : mode.kind === "edit" ? "Save" : mode.kind === "reply" ? "Reply" : "Post"}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            // Cancelling is deliberate: the draft goes too (Escape keeps it).
            window.localStorage.removeItem(key);
            onCancel();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Mention course members in a reply: they are notified (if they can read it). */
function MentionPicker({
  courseId,
  mentioned,
  onChange,
}: {
  courseId: string;
  mentioned: { id: string; name: string }[];
  onChange: (next: { id: string; name: string }[]) => void;
}) {
  const [members, setMembers] = useState<{ id: string; name: string }[]>([]);
  const [query, setQuery] = useState("");
  const listId = useId();
  useEffect(() => {
    let isCurrent = true;
    fetchEndpoint("listCourseMembers", { params: { id: courseId } }).then(
      (data) => {
        if (isCurrent) setMembers(data.members);
      },
      // Without the list, mentions are simply not offered.
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [courseId]);
  const add = (name: string) => {
    const person = members.find((member) => member.name.toLowerCase() === name.trim().toLowerCase());
    if (!person || mentioned.some((item) => item.id === person.id)) return false;
    onChange([...mentioned, person]);
    setQuery("");
    return true;
  };
  return (
    <div className="composer-options">
      <label>
        Mention{" "}
        <input
          list={listId}
          value={query}
          placeholder="@name"
          onChange={(event) => {
            const value = event.target.value.replace(/^@/, "");
            if (!add(value)) setQuery(value);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add(query);
            }
          }}
        />
      </label>
      <datalist id={listId}>
        {members.map((member) => (
          <option key={member.id} value={member.name} />
        ))}
      </datalist>
      {mentioned.length > 0 ? (
        <ul className="tag-list" aria-label="Mentioned">
          {mentioned.map((person) => (
            <li key={person.id} className="badge">
              @{person.name}{" "}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove mention of ${person.name}`}
                onClick={() => onChange(mentioned.filter((item) => item.id !== person.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A post's id from its W3C id (the annotation's URL, whose last segment is the id). */
function lastSegment(url: string): string {
  return url.split("/").pop() ?? url;
}
