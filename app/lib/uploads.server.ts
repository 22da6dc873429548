/**
 * Uploaded files kept in PostgreSQL (consultation documents, meeting papers, evidence
 * attachments). A file's type is read from its first bytes (file-type), never from its name or
 * the browser's claim; its size is limited; its name is made safe to send back. Downloads are
 * always attachments with the checked type and `nosniff`, so a file is never run as a page.
 */
import { fileTypeFromBuffer } from "file-type";
import { fail, ok, type Result } from "./result";

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** PDF and office documents (Microsoft and OpenDocument formats), with the names people know. */
export const DOCUMENT_TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
  "application/vnd.oasis.opendocument.text": "OpenDocument",
  "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument",
  "application/vnd.oasis.opendocument.presentation": "OpenDocument",
};
export const IMAGE_TYPES: Record<string, string> = { "image/png": "PNG", "image/jpeg": "JPEG" };

/** The file part of a submitted form, or null when none was chosen. */
export async function fileFromForm(formData: FormData, name = "file"): Promise<UploadedFile | null> {
  const file = formData.get(name);
  if (!file || typeof file === "string" || file.size === 0) return null;
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const listed = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : (names[0] ?? ""));

/**
 * Check a file: present, not empty, within `maxBytes`, and of one of `types` by its contents.
 * Errors are for the form field `field` (default "file").
 */
export async function checkUpload(
  file: UploadedFile | null | undefined,
  options: { maxBytes: number; types: Record<string, string>; field?: string },
): Promise<Result<{ name: string; bytes: Uint8Array; mediaType: string; size: number }>> {
  const field = options.field ?? "file";
  if (!file || file.bytes.byteLength === 0) return fail({ [field]: file ? "The selected file is empty" : "Select a file" });
  if (file.bytes.byteLength > options.maxBytes) {
    return fail({ [field]: `The file must be smaller than ${Math.floor(options.maxBytes / 1024 / 1024)} MB` });
  }
  const type = await fileTypeFromBuffer(file.bytes);
  if (!type || !options.types[type.mime]) {
    return fail({ [field]: `The file must be a ${listed([...new Set(Object.values(options.types))])} file` });
  }
  return ok({ name: safeFileName(file.name, `file.${type.ext}`), bytes: file.bytes, mediaType: type.mime, size: file.bytes.byteLength });
}

/** A file name safe for storage and a Content-Disposition header. */
export function safeFileName(name: string, fallback: string): string {
  return name.replace(/[^\w.\- ]+/g, "_").slice(0, 120).trim() || fallback;
}

/** The response for a stored file: always downloaded, never shown inline or sniffed. */
export function fileDownload(file: { fileName: string; mediaType: string; content: Uint8Array }, options: { cache?: string } = {}): Response {
  return new Response(new Uint8Array(file.content), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Disposition": `attachment; filename="${safeFileName(file.fileName, "download")}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": options.cache ?? "private, no-store",
    },
  });
}
