"use client";

import type { JSONContent } from "@tiptap/react";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { ComposeTarget } from "./compose-events";
import { LazyCommentaryEditor } from "./lazy-commentary-editor";

export type ComposerMode =
  | { kind: "create"; target: ComposeTarget; quote: string | null }
  | { kind: "reply"; parentId: string; parentAuthorName: string; quote: null }
  | {
      kind: "edit";
      annotationId: string;
      body: JSONContent | null;
      tags: string[];
      visibility: string;
      color: string | null;
      quote: string | null;
      isHighlight: boolean;
      isReply: boolean;
    };

type CommentaryComposerProps = {
  mode: ComposerMode;
  readingId: string;
  courseId: string | null;
  visibilities: string[];
  defaultVisibility: string;
  groups: { id: string; name: string }[];
  /** `createdId`: the new post's id when one was created (not for edits). */
  onDone: (message: string, createdId?: string) => void;
  onCancel: () => void;
};

const VISIBILITY_LABEL: Record<string, string> = { PRIVATE: "Only me", GROUP: "My group", COURSE: "Whole course" };
const COLORS = ["yellow", "green", "blue", "pink"] as const;

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

type Draft = { body: JSONContent; tags: string; visibility: string; color: string; savedAt: number };

function readDraft(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
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
  const [isEmpty, setIsEmpty] = useState(true);
  const [tags, setTags] = useState(initialDraft?.tags ?? (mode.kind === "edit" ? mode.tags.join(", ") : ""));
  const [visibility, setVisibility] = useState(initialDraft?.visibility ?? (mode.kind === "edit" ? mode.visibility : defaultVisibility));
  const [groupId, setGroupId] = useState(groups[0]?.id ?? "");
  const [color, setColor] = useState(initialDraft?.color ?? (mode.kind === "edit" ? (mode.color ?? "yellow") : "yellow"));
  const [isQuestion, setIsQuestion] = useState(false);
  const [mentioned, setMentioned] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const headingId = useId();
  const hintId = useId();

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
    const payload: Record<string, unknown> = isReply ? {} : { tags: tagList, visibility };
    if (!isHighlightEdit) payload.body = body;
    if (hasRange) payload.color = color;
    if (!isReply && visibility === "GROUP" && groups.length > 0) payload.groupId = groupId;
    if (mode.kind === "create") {
      payload.isQuestion = isQuestion;
      payload.mentionedUserIds = mentioned.map((person) => person.id);
    }
    try {
      const response =
        mode.kind === "reply"
          ? await fetch(`/api/annotations/${mode.parentId}/replies`, {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ body, mentionedUserIds: mentioned.map((person) => person.id) }),
            })
          : mode.kind === "create"
            ? await fetch(`/api/readings/${readingId}/annotations`, {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify({
                  ...payload,
                  courseId,
                  kind: "paragraph" in mode.target ? "PARAGRAPH_POST" : "COMMENT",
                  target: mode.target,
                }),
              })
            : await fetch(`/api/annotations/${mode.annotationId}`, {
                method: "PATCH",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify(payload),
              });
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as {
          error?: { message?: string; fieldErrors?: Record<string, string[]> };
        } | null;
        const details = problem?.error?.fieldErrors ? Object.values(problem.error.fieldErrors).flat() : [];
        setError(
          details.length > 0
            ? details.join(" ")
            : (problem?.error?.message ?? `The post was not saved (error ${response.status}). Your text is kept; try again.`),
        );
        requestAnimationFrame(() => errorRef.current?.focus());
        return;
      }
      window.localStorage.removeItem(key);
      const created = mode.kind === "create" ? ((await response.json().catch(() => null)) as { id?: string } | null) : null;
      // The W3C id is the annotation's URL; its last segment is the annotation id.
      const createdId = created?.id?.split("/").pop();
      onDone(mode.kind === "edit" ? "Saved." : mode.kind === "reply" ? "Reply posted." : "Posted.", createdId);
    } catch {
      setError("Scholia could not be reached. Your text is kept here; try again when you are back online.");
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
          Draft restored from {new Date(initialDraft.savedAt).toLocaleString()}.
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
            describedById={hintId}
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
          <label>
            Visible to{" "}
            <select
              value={visibility}
              onChange={(event) => {
                setVisibility(event.target.value);
                saveDraft({ visibility: event.target.value });
              }}
            >
              {visibilities.map((option) => (
                <option key={option} value={option}>
                  {VISIBILITY_LABEL[option] ?? option}
                </option>
              ))}
            </select>
          </label>
          {visibility === "GROUP" && groups.length > 0 ? (
            <label>
              Group{" "}
              <select value={groupId} onChange={(event) => setGroupId(event.target.value)}>
                {groups.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {hasRange ? (
            <label>
              Colour{" "}
              <select
                value={color}
                onChange={(event) => {
                  setColor(event.target.value);
                  saveDraft({ color: event.target.value });
                }}
              >
                {COLORS.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            </label>
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
      <p ref={errorRef} tabIndex={-1} role="alert" className="field-error">
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
    fetch(`/api/courses/${courseId}/members`)
      .then((response) => (response.ok ? response.json() : { members: [] }))
      .then((data: { members: { id: string; name: string }[] }) => {
        if (isCurrent) setMembers(data.members);
      })
      .catch(() => undefined);
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
