/**
 * "PDF, 245 KB": the kind of a file and its size, as GOV.UK shows attachments, so a reader knows
 * what they are opening (and how big it is on a phone). Kinds are those Moot accepts for upload.
 */
const KINDS: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
  "application/msword": "Word document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint presentation",
  "application/vnd.oasis.opendocument.text": "OpenDocument text",
  "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
  "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation",
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
  "text/html": "HTML",
  "application/zip": "ZIP",
};

export function fileKind(mediaType: string): string {
  return KINDS[mediaType.split(";")[0]!.trim().toLowerCase()] ?? "File";
}

/** 1 KB = 1,024 bytes; under 1 MB in whole KB (at least 1), then MB to one decimal place. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("en-GB")} KB`;
}

export const describeFile = (mediaType: string, bytes: number) => `${fileKind(mediaType)}, ${fileSize(bytes)}`;
