// Writes small, valid PDFs for tests: pages of text in Helvetica at given positions, a page with
// no text (what a scan looks like to a text extractor), or a document that needs a password.
// Real-world layout is tested on the real fixture files (shared-readings.ts); these cover the
// edges — refusals and exact geometry — without shipping binary files.

export type MinimalPdfLine = { text: string; x: number; y: number; size?: number };
export type MinimalPdfPage = { lines: MinimalPdfLine[]; width?: number; height?: number };

export type MinimalPdfOptions = {
  /** Adds a standard security handler whose user password is not empty: readers must ask for it. */
  requiresPassword?: boolean;
  /** Document information Title. */
  title?: string;
};

function escapeText(text: string): string {
  return text.replace(/[\\()]/g, (char) => `\\${char}`);
}

/** Latin-1 only (WinAnsiEncoding): enough for test text. */
export function makeMinimalPdf(pages: readonly MinimalPdfPage[], options: MinimalPdfOptions = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add("");
  const pagesObject = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const pageIds: number[] = [];
  for (const page of pages) {
    const stream = page.lines
      .map((line) => `BT /F1 ${line.size ?? 11} Tf ${line.x} ${line.y} Td (${escapeText(line.text)}) Tj ET`)
      .join("\n");
    const content = add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 ${page.width ?? 612} ${page.height ?? 792}] ` +
          `/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObject} 0 R >>`;
  objects[pagesObject - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`;
  const info = options.title ? add(`<< /Title (${escapeText(options.title)}) >>`) : null;
  const encrypt = options.requiresPassword
    ? add(`<< /Filter /Standard /V 1 /R 2 /O <${"7a".repeat(32)}> /U <${"3c".repeat(32)}> /P -4 >>`)
    : null;

  let output = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(output, "latin1"));
    output += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(output, "latin1");
  output += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) output += `${String(offset).padStart(10, "0")} 00000 n \n`;
  const trailerEntries = [
    `/Size ${objects.length + 1}`,
    `/Root ${catalog} 0 R`,
    info ? `/Info ${info} 0 R` : "",
    encrypt ? `/Encrypt ${encrypt} 0 R /ID [<${"ab".repeat(16)}> <${"ab".repeat(16)}>]` : "",
  ].filter(Boolean);
  output += `trailer\n<< ${trailerEntries.join(" ")} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(output, "latin1"));
}
