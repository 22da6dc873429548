/**
 * Minutes are kept as the clerk's plain text (drafted from the record, then edited). This reads
 * that text as structure so the page can render real headings, paragraphs and lists, with no
 * HTML from the text and no inline styles (the Content Security Policy forbids them):
 * - a numbered line ("4. Youth services grant") that starts a block, or a line starting "## ",
 *   is an item heading;
 * - consecutive lines starting "- " or "* " are a bulleted list;
 * - every other line is a paragraph of its own (the draft writes one statement per line);
 * - blank lines only separate.
 */
export type MinutesBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string; resolved: boolean }
  | { kind: "list"; items: string[] };

export function minutesBlocks(text: string): MinutesBlock[] {
  const blocks: MinutesBlock[] = [];
  let blockStart = true;
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line) {
      blockStart = true;
      continue;
    }
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    const last = blocks.at(-1);
    if (bullet) {
      if (last?.kind === "list") last.items.push(bullet[1]!);
      else blocks.push({ kind: "list", items: [bullet[1]!] });
    } else if (line.startsWith("## ")) {
      blocks.push({ kind: "heading", text: line.slice(3).trim() });
    } else if (blockStart && /^\d+\.\s+\S/.test(line) && blocks.length > 0) {
      blocks.push({ kind: "heading", text: line });
    } else {
      blocks.push({ kind: "paragraph", text: line, resolved: /^RESOLVED:/.test(line) });
    }
    blockStart = false;
  }
  return blocks;
}
