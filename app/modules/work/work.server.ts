/**
 * "Your work": an officer's (and moderator's) home. It gathers, from each feature's own module,
 * only what this person's grants let them act on:
 * - expressions of interest with what the council owes on them and the statutory date
 *   (`challenge.handle`);
 * - consultations closing in the next fortnight, or closed and awaiting results
 *   (`consultation.manage`, per consultation);
 * - draft agendas with the last day to publish them for five clear working days' notice
 *   (`board.manage`, per board);
 * - reported comments waiting for a moderator (`feed.moderate`);
 * - called-in decisions, scrutiny recommendations due and short-notice key decisions, for the
 *   scrutiny members, clerks and commissioners concerned (`governanceWork`).
 */
import type { Database } from "../../../db/client";
import { officerDashboard } from "../challenges/challenges.server";
import { listForOfficer } from "../consultations/consultations.server";
import { moderationQueue } from "../feeds/feeds.server";
import { agendasToPublish, type AgendaDue } from "../meetings/meetings.server";
import { can, decide, type Actor } from "../permissions/permissions";
import { fail, ok, type Result } from "../../lib/result";
import type { ClockItem } from "../challenges/deadlines";
import { governanceWork, type GovernanceWork } from "../governance/work.server";

const DAY = 86_400_000;
/** Consultations closing within this many days count as "closing soon". */
export const CLOSING_SOON_DAYS = 14;

export interface EoiDue {
  id: number;
  title: string;
  groupName: string;
  due: ClockItem;
}

export interface ConsultationDue {
  id: number;
  title: string;
  closesAt: string | null;
  responses: number;
  state: "closing" | "awaiting_results";
}

export interface YourWork {
  eois: EoiDue[] | null;
  consultations: ConsultationDue[] | null;
  agendas: AgendaDue[] | null;
  reported: { count: number; feeds: string[] } | null;
  /** Call-ins, scrutiny recommendations and short-notice key decisions (app/modules/governance/work.server.ts). */
  governance: GovernanceWork | null;
}

/** Each list is null when the person may not act on that kind of work (so the page leaves it out). */
export async function yourWork(db: Database, actor: Actor, now = new Date()): Promise<Result<YourWork>> {
  const allowed = decide(actor, "work.view");
  if (!allowed.ok) return fail(allowed.message, 403);
  const officer = actor.grants.some((g) => g.role === "officer" || g.role === "admin");
  const [eois, consultations, agendas, reported, governance] = await Promise.all([
    can(actor, "challenge.handle") ? officerDashboard(db, actor, now) : null,
    officer ? listForOfficer(db, actor, now) : null,
    officer ? agendasToPublish(db, actor, now) : null,
    can(actor, "feed.moderate") ? moderationQueue(db, actor) : null,
    governanceWork(db, actor, now),
  ]);
  return ok({
    eois: eois && eois.ok ? eois.value.filter((r): r is typeof r & { due: ClockItem } => r.due !== null).map((r) => ({ id: r.id, title: r.title, groupName: r.groupName, due: r.due })) : null,
    consultations:
      consultations && consultations.ok
        ? consultations.value
            .filter((c) => (c.status === "open" && c.closes_at && c.closes_at.getTime() - now.getTime() <= CLOSING_SOON_DAYS * DAY) || c.status === "closed")
            .map((c) => ({ id: c.id, title: c.title, closesAt: c.closes_at?.toISOString() ?? null, responses: Number(c.responses), state: c.status === "closed" ? ("awaiting_results" as const) : ("closing" as const) }))
            .sort((a, b) => (a.closesAt ?? "").localeCompare(b.closesAt ?? ""))
        : null,
    agendas,
    reported: reported && reported.ok ? { count: reported.value.flagged.length, feeds: [...new Set(reported.value.flagged.map((f) => f.feedTitle))] } : null,
    governance,
  });
}
