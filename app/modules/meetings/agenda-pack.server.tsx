/**
 * A meeting's agenda pack: one ZIP file with the agenda (a self-contained HTML page: items,
 * recommendations, the exempt items' notices, supplements, cancellation) and every public paper,
 * as stored (docs/decisions/0131-agenda-pack.md). Papers are binary files (PDF, Word, images),
 * so they cannot be joined into one document; a ZIP keeps each as it is. Exempt items' papers and
 * withdrawn items' papers are never in it, nor is anything of a draft meeting.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import { renderToStaticMarkup } from "react-dom/server";
import type { Database } from "../../../db/client";
import { describeFile } from "../../lib/file-label";
import { safeFileName } from "../../lib/uploads.server";
import { formatDate, formatDateTime } from "./format";
import { meetingNotices, type MeetingNotices } from "./notices.server";
import { publishedMeeting, meetingRecord } from "./read.server";
import { AGENDA_ITEM_LABELS, SCHEDULE_12A } from "./schema";

export interface AgendaPack {
  fileName: string;
  bytes: Uint8Array;
  papers: number;
}

type Meeting = NonNullable<Awaited<ReturnType<typeof publishedMeeting>>>;
type Item = Awaited<ReturnType<typeof meetingRecord>>["items"][number];
interface PackPaper {
  itemId: number;
  title: string;
  mediaType: string;
  sizeBytes: number;
  path: string;
}

function AgendaDocument({ meeting, items, papers, notices }: { meeting: Meeting; items: Item[]; papers: PackPaper[]; notices: MeetingNotices }) {
  const withdrawn = new Set(notices.withdrawn.map((w) => w.itemId));
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{`Agenda: ${meeting.boardName}, ${meeting.title}, ${formatDateTime(meeting.startsAt)}`}</title>
      </head>
      <body>
        <p>{meeting.boardName}</p>
        <h1>Agenda: {meeting.title}</h1>
        <p>{formatDateTime(meeting.startsAt)}{meeting.venue ? `, ${meeting.venue}` : ""}</p>
        {meeting.onlineLink && <p>Online: {meeting.onlineLink}</p>}
        {meeting.agendaPublishedAt && <p>Agenda published {formatDate(meeting.agendaPublishedAt)}.</p>}
        {notices.cancellation && <p><strong>This meeting has been cancelled.</strong> Reason: {notices.cancellation.reason}</p>}
        {meeting.urgencyReason && <p>Published less than five clear working days before the meeting. The chair’s reason of urgency: {meeting.urgencyReason}</p>}
        <ol>
          {items.map((item) => (
            <li key={item.id} value={item.position}>
              <h2>{item.position}. {item.title}{withdrawn.has(item.id) ? " (withdrawn)" : ""}</h2>
              <p>{AGENDA_ITEM_LABELS[item.kind]}</p>
              {item.kind === "exempt" && <p>Not open to the public: exempt under paragraph {item.exemptParagraph} of Schedule 12A to the Local Government Act 1972 ({SCHEDULE_12A[item.exemptParagraph ?? 0]}).</p>}
              {item.summary && <p>{item.summary}</p>}
              {item.recommendation && <p><strong>Recommendation:</strong> {item.recommendation}</p>}
              {papers.filter((p) => p.itemId === item.id).map((p) => (
                <p key={p.path}>Paper: <a href={p.path}>{p.title}</a> ({describeFile(p.mediaType, p.sizeBytes)})</p>
              ))}
            </li>
          ))}
        </ol>
        {notices.supplements.length > 0 && (
          <>
            <h2>Changes to the agenda since it was published</h2>
            {notices.supplements.map((s) => (
              <div key={s.number}>
                <h3>Agenda supplement {s.number}, published {formatDate(s.publishedAt)}</h3>
                {s.changes.map((c, i) => <p key={i}>Item {c.position} {c.change}: {c.title}</p>)}
                <p>Reason: {s.reason}</p>
              </div>
            ))}
          </>
        )}
      </body>
    </html>
  );
}

/** The pack of a published meeting, or null for a draft or unknown one. */
export async function agendaPack(db: Database, meetingId: number): Promise<AgendaPack | null> {
  const meeting = await publishedMeeting(db, meetingId);
  if (!meeting) return null;
  const [record, notices] = await Promise.all([meetingRecord(db, meeting.id, { includeExempt: false }), meetingNotices(db, meeting.id)]);
  const withdrawn = new Set(notices.withdrawn.map((w) => w.itemId));
  const publicItems = record.items.filter((i) => i.kind !== "exempt" && !withdrawn.has(i.id)).map((i) => i.id);
  const rows = publicItems.length
    ? await db
        .selectFrom("papers as p")
        .innerJoin("agenda_items as ai", "ai.id", "p.agenda_item_id")
        .select(["p.id", "p.title", "p.file_name", "p.media_type", "p.size_bytes", "p.content", "p.agenda_item_id", "ai.position"])
        .where("ai.meeting_id", "=", meeting.id)
        .where("ai.kind", "!=", "exempt")
        .where("ai.id", "in", publicItems)
        .orderBy("ai.position")
        .orderBy("p.id")
        .execute()
    : [];
  const files: Zippable = {};
  const papers: PackPaper[] = rows.map((p, n) => {
    const path = `papers/${String(p.position).padStart(2, "0")}-${String(n + 1).padStart(2, "0")}-${safeFileName(p.file_name, `paper-${p.id}`)}`;
    // Stored, not compressed again: PDFs, Office files and images are compressed already.
    files[path] = [new Uint8Array(p.content), { level: 0 }];
    return { itemId: p.agenda_item_id, title: p.title, mediaType: p.media_type, sizeBytes: p.size_bytes, path };
  });
  const html = `<!DOCTYPE html>${renderToStaticMarkup(<AgendaDocument meeting={meeting} items={record.items} papers={papers} notices={notices} />)}`;
  files["00-agenda.html"] = [strToU8(html), { level: 6 }];
  const day = meeting.startsAt.slice(0, 10);
  return { fileName: `agenda-pack-${safeFileName(meeting.boardSlug, "board")}-${day}-meeting-${meeting.id}.zip`, bytes: zipSync(files, { mtime: new Date(meeting.agendaPublishedAt ?? meeting.startsAt) }), papers: papers.length };
}
