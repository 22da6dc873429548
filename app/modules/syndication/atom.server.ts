/**
 * Atom feeds (RFC 4287) for machines and feed readers, written with the `feed` library
 * (docs/decisions/0130-calendars-and-feeds.md): the decisions register, a board's published
 * agendas, supplements, cancellations, minutes and decisions, and consultations as they open.
 * Only what is already public goes in: no draft meeting or consultation, nothing of an exempt item.
 * Entry ids are tag URIs made from the site's host and the thing's id, so they never change.
 */
import { Feed } from "feed";
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { formatDate } from "../../lib/dates";
import { formatDateTime } from "../meetings/format";
import { decisionsRegister } from "../boards/boards.server";

const ENTRIES = 50;

export interface AtomEntry {
  id: string;
  title: string;
  path: string;
  updated: Date;
  summary: string;
}

export interface AtomFeed {
  title: string;
  /** The page the feed follows (its HTML alternate). */
  path: string;
  /** The feed's own address. */
  selfPath: string;
  description: string;
  entries: AtomEntry[];
}

export async function councilName(db: Database): Promise<string> {
  const council = await db.selectFrom("council").select("name").orderBy("id").executeTakeFirst();
  return council?.name ?? "Council";
}

/** The XML of a feed; `origin` is the site's address (links are absolute in feeds). */
export function atom(feed: AtomFeed, origin: string, author: string): string {
  const at = (path: string) => new URL(path, origin).toString();
  const host = new URL(origin).hostname;
  const sorted = [...feed.entries].sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, ENTRIES);
  const out = new Feed({
    id: at(feed.selfPath),
    title: feed.title,
    description: feed.description,
    link: at(feed.path),
    language: "en-GB",
    updated: sorted[0]?.updated ?? new Date(0),
    generator: "Moot",
    feedLinks: { atom: at(feed.selfPath) },
    author: { name: author },
    copyright: `${author}. Open Government Licence v3.0`,
  });
  for (const e of sorted) {
    out.addItem({ id: `tag:${host},2026:${e.id}`, title: e.title, link: at(e.path), date: e.updated, description: e.summary });
  }
  return out.atom1();
}

export function atomResponse(xml: string): Response {
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}

/** The latest decisions of every board (the public register: decisions on exempt items are not in it). */
export async function decisionsFeed(db: Database, origin: string): Promise<string> {
  const [register, author] = await Promise.all([decisionsRegister(db, {}, { limit: ENTRIES }), councilName(db)]);
  return atom(
    {
      title: `${author}: decisions register`,
      path: "/decisions",
      selfPath: "/decisions.atom",
      description: "Decisions made by the council's boards in public meetings.",
      entries: register.decisions.map((d) => ({
        id: `decision:${d.id}`,
        title: `${d.board_name}: ${d.item_title}`,
        path: `/decisions/${d.id}`,
        updated: new Date(d.decided_at),
        summary: `${d.text}${d.reasons ? `\n\nReasons: ${d.reasons}` : ""}\n\nDecided at ${d.meeting_title} on ${formatDate(d.decided_at)}.`,
      })),
    },
    origin,
    author,
  );
}

/**
 * A board's published agendas (and their supplements and cancellations), published minutes and
 * decisions; null for an unknown board.
 */
export async function boardFeed(db: Database, slug: string, origin: string): Promise<string | null> {
  const board = await db.selectFrom("boards").select(["id", "name", "slug"]).where("slug", "=", slug).executeTakeFirst();
  if (!board) return null;
  const [meetings, supplements, minutes, decisions, author] = await Promise.all([
    db
      .selectFrom("meetings as m")
      .leftJoin("meeting_cancellations as c", "c.meeting_id", "m.id")
      .select(["m.id", "m.title", "m.starts_at", "m.venue", "m.agenda_published_at", "c.reason as cancellation_reason", "c.cancelled_at"])
      .where("m.board_id", "=", board.id)
      .where("m.status", "!=", "draft")
      .where("m.agenda_published_at", "is not", null)
      .orderBy("m.agenda_published_at", "desc")
      .limit(ENTRIES)
      .execute(),
    db
      .selectFrom("agenda_supplements as s")
      .innerJoin("meetings as m", "m.id", "s.meeting_id")
      .select(["s.meeting_id", "s.number", "s.reason", "s.published_at", "m.title", "m.starts_at"])
      .select(sql<string>`coalesce((SELECT string_agg(initcap(ch.change::text) || ': item ' || ch.item_position || ', ' || ch.item_title, '; ' ORDER BY ch.id) FROM agenda_supplement_changes ch WHERE ch.supplement_id = s.id), '')`.as("changes"))
      .where("m.board_id", "=", board.id)
      .orderBy("s.published_at", "desc")
      .limit(ENTRIES)
      .execute(),
    db
      .selectFrom("meeting_status_changes as s")
      .innerJoin("meetings as m", "m.id", "s.meeting_id")
      .select(["m.id", "m.title", "m.starts_at", "s.at"])
      .where("m.board_id", "=", board.id)
      .where("s.to_status", "=", "minutes_published")
      .orderBy("s.at", "desc")
      .limit(ENTRIES)
      .execute(),
    decisionsRegister(db, { board: String(board.id) }, { limit: ENTRIES }),
    councilName(db),
  ]);
  const entries: AtomEntry[] = [];
  for (const m of meetings) {
    entries.push({
      id: `meeting:${m.id}:agenda`,
      title: `Agenda published: ${m.title}, ${formatDateTime(m.starts_at)}`,
      path: `/meetings/${m.id}`,
      updated: m.agenda_published_at!,
      summary: `The agenda and papers for ${board.name}'s meeting at ${formatDateTime(m.starts_at)}${m.venue ? `, ${m.venue}` : ""}.`,
    });
    if (m.cancelled_at) {
      entries.push({ id: `meeting:${m.id}:cancelled`, title: `Cancelled: ${m.title}, ${formatDateTime(m.starts_at)}`, path: `/meetings/${m.id}`, updated: m.cancelled_at, summary: `This meeting has been cancelled: ${m.cancellation_reason}` });
    }
  }
  for (const s of supplements) {
    entries.push({
      id: `meeting:${s.meeting_id}:supplement:${s.number}`,
      title: `Agenda supplement ${s.number}: ${s.title}, ${formatDateTime(s.starts_at)}`,
      path: `/meetings/${s.meeting_id}#supplements`,
      updated: s.published_at,
      summary: `${s.changes}. Reason: ${s.reason}`,
    });
  }
  for (const m of minutes) {
    entries.push({ id: `meeting:${m.id}:minutes`, title: `Minutes published: ${m.title}, ${formatDate(m.starts_at)}`, path: `/meetings/${m.id}#minutes`, updated: m.at, summary: `The minutes of ${board.name}'s meeting on ${formatDate(m.starts_at)}.` });
  }
  for (const d of decisions.decisions) {
    entries.push({ id: `decision:${d.id}`, title: `Decision: ${d.item_title}`, path: `/decisions/${d.id}`, updated: new Date(d.decided_at), summary: `${d.text}${d.reasons ? `\n\nReasons: ${d.reasons}` : ""}` });
  }
  return atom(
    { title: `${board.name}: agendas, minutes and decisions`, path: `/boards/${board.slug}`, selfPath: `/boards/${board.slug}/feed.atom`, description: `What ${board.name} publishes: agendas and their supplements, minutes and decisions.`, entries },
    origin,
    author,
  );
}

/** Consultations as they open (never drafts, nor scheduled ones before their opening time). */
export async function consultationsFeed(db: Database, origin: string, now = new Date()): Promise<string> {
  const [rows, author] = await Promise.all([
    db
      .selectFrom("consultations as c")
      .select([
        "c.id",
        "c.title",
        "c.summary",
        "c.opens_at",
        "c.closes_at",
        "c.whole_council",
        sql<string[]>`coalesce((SELECT array_agg(l.name ORDER BY l.name) FROM consultation_localities cl JOIN localities l ON l.id = cl.locality_id WHERE cl.consultation_id = c.id), '{}')`.as("locality_names"),
      ])
      .where("c.status", "in", ["scheduled", "open", "closed", "results_published"])
      .where("c.opens_at", "<=", now)
      .orderBy("c.opens_at", "desc")
      .limit(ENTRIES)
      .execute(),
    councilName(db),
  ]);
  return atom(
    {
      title: `${author}: consultations`,
      path: "/consultations",
      selfPath: "/consultations.atom",
      description: "Consultations as they open: have your say while proposals can still change.",
      entries: rows.map((c) => ({
        id: `consultation:${c.id}`,
        title: c.title,
        path: `/consultations/${c.id}`,
        updated: c.opens_at!,
        summary: `${c.summary}\n\n${c.whole_council ? "Whole council" : c.locality_names.join(", ")}. Opened ${formatDateTime(c.opens_at!)}; closes ${formatDateTime(c.closes_at ?? c.opens_at!)}.`,
      })),
    },
    origin,
    author,
  );
}
