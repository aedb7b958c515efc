"use client";

import { postAnchor, postPath } from "@/lib/domain/post-links";
import { CopyLinkButton } from "./copy-link-button";

type ActionablePost = { id: string; readingId: string; courseId: string | null; canEdit: boolean; canDelete: boolean };

/**
 * What a post offers wherever it is shown (a card in the margin, a paragraph's discussion): a copy
 * of its permanent link, then Edit and Delete for those who may. Each button is described by the
 * post's label (`labelId`).
 */
export function PostLinkEditDelete<Post extends ActionablePost>({
  post,
  labelId,
  onEdit,
  onDelete,
}: {
  post: Post;
  labelId: string;
  onEdit: (post: Post) => void;
  onDelete: (post: Post) => void;
}) {
  return (
    <>
      <CopyLinkButton anchor={postAnchor(post.id)} path={postPath(post)} describedBy={labelId} />
      {post.canEdit ? (
        <button type="button" className="link-button" onClick={() => onEdit(post)} aria-describedby={labelId}>
          Edit
        </button>
      ) : null}
      {post.canDelete ? (
        <button type="button" className="link-button danger" onClick={() => onDelete(post)} aria-describedby={labelId}>
          Delete
        </button>
      ) : null}
    </>
  );
}
