// The building blocks of every email: a message is a short list of blocks (paragraphs, quotes,
// a button, lists of links), rendered twice — once as HTML, once as plain text — so both parts
// always say the same thing. Every piece of text is escaped on the way into HTML; a template
// cannot put markup of its own into a message except through these blocks. Links are absolute
// URLs the server built from its public origin; anything else is refused.

export type MailLink = { label: string; url: string };

export type MailBlock =
  | { type: "paragraph"; text: string }
  /** User-written text (an excerpt of a post): shown set apart, always as plain text. */
  | { type: "quote"; text: string }
  | { type: "button"; link: MailLink }
  | { type: "heading"; text: string }
  /** Items with an optional link and a line of detail under each. */
  | { type: "list"; items: { text: string; url?: string; detail?: string }[] };

export type MailMessage = {
  subject: string;
  /** One line shown by mail clients next to the subject. */
  preview: string;
  heading: string;
  blocks: MailBlock[];
  /** Why this person gets this email, and where to change it. */
  footer: { reason: string; links: MailLink[] };
};

export type RenderedMail = { subject: string; text: string; html: string };

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** Only http(s) URLs with no credentials: the links the server builds for its own pages. */
export function assertMailUrl(url: string): string {
  const parsed = new URL(url);
  if ((parsed.protocol !== "https:" && parsed.protocol !== "http:") || parsed.username || parsed.password) {
    throw new Error(`Not a link an email may carry: ${url}`);
  }
  return parsed.href;
}

/** Control characters (but tab and line breaks) and bidi overrides never reach a message. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the point is to match control characters
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, "");
}

/** A subject is one line: line breaks in user text (a reading title) would start new headers. */
export function subjectLine(text: string): string {
  return cleanText(text).replace(/\s+/g, " ").trim().slice(0, 200);
}

/** Shortens user text to `max` characters at a word boundary, with an ellipsis. */
export function excerptOf(text: string, max = 300): string {
  const flat = cleanText(text).replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const COLORS = { text: "#1f2328", muted: "#57606a", accent: "#1a5fb4", quote: "#d0d7de", background: "#ffffff" } as const;

function blockToHtml(block: MailBlock): string {
  switch (block.type) {
    case "paragraph":
      return `<p style="margin:0 0 16px">${escapeHtml(cleanText(block.text))}</p>`;
    case "heading":
      return `<h2 style="font-size:17px;margin:24px 0 8px">${escapeHtml(cleanText(block.text))}</h2>`;
    case "quote":
      return (
        `<blockquote style="margin:0 0 16px;padding:4px 0 4px 12px;border-left:4px solid ${COLORS.quote};color:${COLORS.text};white-space:pre-wrap">` +
        `${escapeHtml(cleanText(block.text))}</blockquote>`
      );
    case "button":
      return (
        `<p style="margin:8px 0 24px"><a href="${escapeHtml(assertMailUrl(block.link.url))}" ` +
        `style="display:inline-block;padding:10px 16px;border-radius:6px;background:${COLORS.accent};color:#ffffff;text-decoration:none;font-weight:600">` +
        `${escapeHtml(cleanText(block.link.label))}</a></p>`
      );
    case "list":
      return (
        `<ul style="margin:0 0 16px;padding-left:20px">` +
        block.items
          .map((item) => {
            const label = escapeHtml(cleanText(item.text));
            const main = item.url ? `<a href="${escapeHtml(assertMailUrl(item.url))}" style="color:${COLORS.accent}">${label}</a>` : label;
            const detail = item.detail
              ? `<br><span style="color:${COLORS.muted};white-space:pre-wrap">${escapeHtml(cleanText(item.detail))}</span>`
              : "";
            return `<li style="margin:0 0 8px">${main}${detail}</li>`;
          })
          .join("") +
        `</ul>`
      );
  }
}

function blockToText(block: MailBlock): string {
  switch (block.type) {
    case "paragraph":
      return cleanText(block.text);
    case "heading":
      return `${cleanText(block.text)}\n${"-".repeat(Math.min(cleanText(block.text).length, 60))}`;
    case "quote":
      return cleanText(block.text)
        .split("\n")
        .map((line) => `> ${line}`)
        .join("\n");
    case "button":
      return `${cleanText(block.link.label)}: ${assertMailUrl(block.link.url)}`;
    case "list":
      return block.items
        .map((item) => {
          const lines = [`- ${cleanText(item.text)}`];
          if (item.detail)
            lines.push(
              ...cleanText(item.detail)
                .split("\n")
                .map((line) => `  ${line}`),
            );
          if (item.url) lines.push(`  ${assertMailUrl(item.url)}`);
          return lines.join("\n");
        })
        .join("\n");
  }
}

/**
 * Both parts of a message. The HTML is one table-free column with inline styles (mail clients
 * drop <style> and external CSS), no images and nothing loaded from anywhere: no tracking.
 */
export function renderMail(message: MailMessage): RenderedMail {
  const footerLinksHtml = message.footer.links
    .map(
      (link) => `<a href="${escapeHtml(assertMailUrl(link.url))}" style="color:${COLORS.muted}">${escapeHtml(cleanText(link.label))}</a>`,
    )
    .join(" · ");
  const html =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="color-scheme" content="light"><title>${escapeHtml(subjectLine(message.subject))}</title></head>` +
    `<body style="margin:0;padding:0;background:${COLORS.background}">` +
    `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(cleanText(message.preview))}</div>` +
    `<div style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:${COLORS.text}">` +
    `<p style="margin:0 0 16px;font-weight:700;letter-spacing:0.02em">Scholia</p>` +
    `<h1 style="font-size:20px;line-height:1.3;margin:0 0 16px">${escapeHtml(cleanText(message.heading))}</h1>` +
    message.blocks.map(blockToHtml).join("") +
    `<hr style="border:0;border-top:1px solid ${COLORS.quote};margin:24px 0 12px">` +
    `<p style="margin:0 0 8px;font-size:13px;color:${COLORS.muted}">${escapeHtml(cleanText(message.footer.reason))}</p>` +
    (footerLinksHtml ? `<p style="margin:0;font-size:13px;color:${COLORS.muted}">${footerLinksHtml}</p>` : "") +
    `</div></body></html>`;
  const text = [
    cleanText(message.heading),
    "",
    ...message.blocks.flatMap((block) => [blockToText(block), ""]),
    "-- ",
    cleanText(message.footer.reason),
    ...message.footer.links.map((link) => `${cleanText(link.label)}: ${assertMailUrl(link.url)}`),
    "",
  ].join("\n");
  return { subject: subjectLine(message.subject), text, html };
}
