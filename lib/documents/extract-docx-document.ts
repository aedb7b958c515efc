// Reads a Word document (.docx) with mammoth into its document model — paragraphs with their
// styles and numbering, runs, footnote references, tables, images — for lib/domain/word-import.ts.
// The HTML mammoth also writes is not used: the model is read directly (its transformDocument
// hook), so no markup from the file is ever parsed or rendered. Runs in the import worker.
import mammoth from "mammoth";
import { ReadingImportError } from "../domain/reading-import.ts";
import type { WordDocument, WordNode, WordNote } from "../domain/word-import.ts";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

export async function extractDocxDocument(bytes: Uint8Array): Promise<WordDocument> {
  if (startsWith(bytes, OLE_MAGIC)) {
    // Both old .doc files and password-protected .docx files are OLE containers.
    throw new ReadingImportError(
      "UNREADABLE",
      "This is not a .docx file: it is an older Word (.doc) file or a password-protected document. Open it in Word or LibreOffice and save it as .docx without a password.",
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new ReadingImportError("UNREADABLE", "This file is not a Word document (.docx). Upload a .docx or .pdf file.");
  }
  let captured: { children: WordNode[]; notes: { _notes?: Record<string, WordNote> } } | null = null;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (document: unknown) => {
          captured = document as typeof captured;
          return document;
        },
        // Images are left out of readings: do not spend time and memory encoding them.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })),
      },
    );
  } catch {
    throw new ReadingImportError(
      "UNREADABLE",
      "This Word document is damaged or not a .docx that can be read. Open it in Word or LibreOffice, save it again as .docx and upload that.",
    );
  }
  if (!captured) throw new ReadingImportError("UNREADABLE", "This Word document has no body that can be read.");
  const document: { children: WordNode[]; notes: { _notes?: Record<string, WordNote> } } = captured;
  // mammoth keeps notes in an index object; the domain wants a plain list.
  const notes = Object.values(document.notes?._notes ?? {}).map((note) => ({
    noteType: note.noteType,
    noteId: note.noteId,
    body: note.body,
  }));
  return { children: document.children, notes };
}
