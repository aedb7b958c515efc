import StarterKit from "@tiptap/starter-kit";
import { isSafeHref } from "./domain/commentary.ts";

// The one tiptap schema for commentary, shared by the editor (browser) and the HTML renderer
// (server), so what can be typed is exactly what can be stored and shown. It must allow no more
// than lib/domain/commentary.ts validates: paragraphs, lists, blockquote, code, bold, italic,
// links (http, https, mailto).
export const commentaryExtensions = [
  StarterKit.configure({
    heading: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: "https",
      protocols: ["mailto"],
      // The same rule the server validates with, so the editor never makes a link it would refuse.
      isAllowedUri: (url, context) => isSafeHref(url) && context.defaultValidate(url),
      HTMLAttributes: { rel: "noopener noreferrer nofollow ugc", target: "_blank" },
    },
  }),
];
