"use client";

import "./annotation-card.css";
import "./highlights.css";
import { COLOR_LABEL, KIND_LABEL, VISIBILITY_LABEL } from "@/lib/domain/annotation-labels";
import type { AnnotationView } from "@/lib/server/annotations/present-annotation";
import { useRef } from "react";
import { PostLinkEditDelete } from "./post-link-edit-delete";
import { TimeDisplay } from "./time-display";
import { useRovingFocus } from "./use-roving-focus";

type AnnotationCardProps = {
  annotation: AnnotationView;
  isActive: boolean;
  onShowInText: (annotation: AnnotationView) => void;
  onEdit: (annotation: AnnotationView) => void;
  onDelete: (annotation: AnnotationView) => void;
};

/** One post in the margin. The body is HTML the server generated from validated tiptap JSON. */
export function AnnotationCard({ annotation, isActive, onShowInText, onEdit, onDelete }: AnnotationCardProps) {
  const labelId = `annotation-${annotation.id}-label`;
  // A card's controls are one Tab stop (arrow keys between them): the margin is not a wall of stops.
  const actionsRef = useRef<HTMLDivElement>(null);
  const roving = useRovingFocus(actionsRef);
  return (
    <article
      id={`annotation-${annotation.id}`}
      className={`annotation-card${isActive ? " is-active" : ""}${annotation.color ? ` card-${annotation.color}` : ""}`}
      tabIndex={-1}
      aria-labelledby={labelId}
    >
      <header className="annotation-meta">
        <span id={labelId}>
          <strong>{KIND_LABEL[annotation.kind]}</strong> by {annotation.author.name}
          {annotation.kind !== "HIGHLIGHT" && annotation.target === null && annotation.kind === "PARAGRAPH_POST"
            ? `, paragraph ${annotation.paragraphPosition}`
            : ""}
        </span>
        {annotation.color ? (
          <span className="color-tag" title={`Shown in the text with a ${COLOR_LABEL[annotation.color].pattern}`}>
            <span className={`color-swatch hl-${annotation.color}`} aria-hidden="true" />
            {COLOR_LABEL[annotation.color].name}
          </span>
        ) : null}
        <span className="badge">{VISIBILITY_LABEL[annotation.visibility]}</span>
        <TimeDisplay iso={annotation.createdAt} />
        {annotation.isEdited ? <span className="meta">(edited)</span> : null}
      </header>
      {annotation.target ? <blockquote className="annotation-quote">{truncate(annotation.target.exact, 200)}</blockquote> : null}
      {annotation.isOrphan ? <p className="meta">The passage this refers to changed and could not be found in the current text.</p> : null}
      {annotation.isDeleted ? (
        <p className="meta">This post was deleted.</p>
      ) : annotation.isHidden && annotation.bodyHtml === null ? (
        <p className="meta">Hidden by an instructor.</p>
      ) : (
        <>
          {annotation.isHidden ? <p className="meta">Hidden by an instructor (you can still see it).</p> : null}
          {annotation.bodyHtml ? <div className="annotation-body" dangerouslySetInnerHTML={{ __html: annotation.bodyHtml }} /> : null}
        </>
      )}
      {annotation.tags.length > 0 ? (
        <ul className="tag-list" aria-label="Tags">
          {annotation.tags.map((tag) => (
            <li key={tag} className="badge">
              {tag}
            </li>
          ))}
        </ul>
      ) : null}
      <div
        className="card-actions"
        role="toolbar"
        aria-label="Post actions"
        aria-describedby={labelId}
        ref={actionsRef}
        onKeyDown={roving.onKeyDown}
        onFocus={roving.onFocus}
      >
        {annotation.isOrphan ? null : annotation.target ? (
          <button type="button" className="link-button" onClick={() => onShowInText(annotation)} aria-describedby={labelId}>
            Show in text
          </button>
        ) : (
          <a className="link-button" href={`#p-${annotation.paragraphPosition}`} aria-describedby={labelId}>
            Go to paragraph {annotation.paragraphPosition}
          </a>
        )}
        <PostLinkEditDelete post={annotation} labelId={labelId} onEdit={onEdit} onDelete={onDelete} />
      </div>
    </article>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
