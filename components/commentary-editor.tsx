"use client";

import "./commentary-editor.css";
import { EditorContent, useEditor, useEditorState, type Editor, type JSONContent } from "@tiptap/react";
import { useEffect } from "react";
import { commentaryExtensions } from "@/lib/commentary-extensions";
import { isSafeHref } from "@/lib/domain/commentary";

type CommentaryEditorProps = {
  initialContent: JSONContent | null;
  labelId: string;
  describedById?: string;
  /** The form's error is about the text (e.g. empty): the editor says so, pointing at the message. */
  isInvalid?: boolean;
  onChange: (doc: JSONContent, isEmpty: boolean) => void;
  onSubmitShortcut: () => void;
  autoFocus?: boolean;
};

/** The rich-text editor for commentary (loaded on demand: see commentary-composer.tsx). */
export default function CommentaryEditor({
  initialContent,
  labelId,
  describedById,
  isInvalid = false,
  onChange,
  onSubmitShortcut,
  autoFocus = true,
}: CommentaryEditorProps) {
  const editor = useEditor({
    extensions: commentaryExtensions,
    content: initialContent ?? "",
    immediatelyRender: false,
    autofocus: autoFocus ? "end" : false,
    editorProps: {
      attributes: {
        class: "editor-content",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(describedById ? { "aria-describedby": describedById } : {}),
      },
      handleKeyDown: (_view, event) => {
        if ((event.metaKey || event.ctrlKey) && event.key === "Enter") {
          onSubmitShortcut();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: current }) => onChange(current.getJSON(), current.isEmpty),
  });

  useEffect(() => {
    if (editor && initialContent) onChange(editor.getJSON(), editor.isEmpty);
    // Only once the editor exists: report the restored draft so the form knows its content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);

  // The editor's attributes are fixed when it is made; these follow the form's state.
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    if (isInvalid) dom.setAttribute("aria-invalid", "true");
    else dom.removeAttribute("aria-invalid");
    if (describedById) dom.setAttribute("aria-describedby", describedById);
    else dom.removeAttribute("aria-describedby");
  }, [editor, isInvalid, describedById]);

  if (!editor)
    return (
      <div className="editor-loading" role="status">
        Loading the editor…
      </div>
    );
  return (
    <div className="editor">
      <EditorToolbar editor={editor} />
      <EditorContent editor={editor} />
    </div>
  );
}

function EditorToolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive("bold"),
      italic: current.isActive("italic"),
      code: current.isActive("code"),
      bulletList: current.isActive("bulletList"),
      orderedList: current.isActive("orderedList"),
      blockquote: current.isActive("blockquote"),
      link: current.isActive("link"),
    }),
  });
  const setLink = () => {
    const previous = (editor.getAttributes("link").href as string | undefined) ?? "";
    const url = window.prompt("Link address (http://, https:// or mailto:)", previous);
    if (url === null) return;
    if (url.trim() === "") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      return;
    }
    if (!isSafeHref(url.trim())) {
      window.alert("Links must start with http://, https:// or mailto:.");
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: url.trim() }).run();
  };
  const buttons: { label: string; isActive: boolean; run: () => void; text: string }[] = [
    { label: "Bold", text: "B", isActive: state.bold, run: () => editor.chain().focus().toggleBold().run() },
    { label: "Italic", text: "I", isActive: state.italic, run: () => editor.chain().focus().toggleItalic().run() },
    { label: "Bulleted list", text: "•", isActive: state.bulletList, run: () => editor.chain().focus().toggleBulletList().run() },
    { label: "Numbered list", text: "1.", isActive: state.orderedList, run: () => editor.chain().focus().toggleOrderedList().run() },
    { label: "Quote", text: "❝", isActive: state.blockquote, run: () => editor.chain().focus().toggleBlockquote().run() },
    { label: "Code", text: "</>", isActive: state.code, run: () => editor.chain().focus().toggleCode().run() },
    { label: "Link", text: "Link", isActive: state.link, run: setLink },
  ];
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Formatting">
      {buttons.map((button) => (
        <button
          key={button.label}
          type="button"
          aria-label={button.label}
          aria-pressed={button.isActive}
          onClick={button.run}
          title={button.label}
        >
          <span aria-hidden="true">{button.text}</span>
        </button>
      ))}
    </div>
  );
}
