/**
 * Right to Challenge by e-mail (issue 16), written in the command's transaction and returned as its
 * `deliver` effects:
 * - to the group (every person who acts for it): each statutory notice the council gives it
 *   (acknowledgement, decision date, a proposed modification, the decision with its reasons and
 *   grounds), with its dates; never the confidential parts of the expression of interest;
 * - to officers who handle challenges: a new expression of interest arrived, and a statutory date
 *   (acknowledge, notify the decision date, decide, start procurement) is near or passed — the
 *   Localism Act timescales the module's clock already computes (deadlines.ts).
 */
import type { Database } from "../../../db/client";
import type { Effect } from "../../lib/effects";
import { queueMessage } from "../notifications/outbox.server";
import { formatDate } from "../../lib/dates";
import { clockFor, londonDay, toIsoDate, type ClockItem } from "./deadlines";
import { loadClock } from "./clock.server";

const WHAT: Record<ClockItem["what"], string> = {
  acknowledge: "acknowledge it",
  notify_decision_date: "tell the group the date of the decision",
  decide: "decide it",
  start_procurement: "start the procurement exercise",
};

/** Days before a statutory date when officers are alerted. */
export const ALERT_DAYS_BEFORE = 3;

async function groupAddresses(trx: Database, groupId: number): Promise<string[]> {
  const rows = await trx.selectFrom("challenge_group_members as m").innerJoin("users as u", "u.id", "m.user_id").select("u.email").where("m.group_id", "=", groupId).execute();
  return rows.map((r) => r.email);
}

/** People who handle challenges: officers (council-wide), else administrators. */
async function officerAddresses(trx: Database): Promise<string[]> {
  const rows = await trx
    .selectFrom("role_grants as g")
    .innerJoin("users as u", "u.id", "g.user_id")
    .select(["u.email", "g.role"])
    .where("g.role", "in", ["officer", "admin"])
    .where("g.scope", "=", "council")
    .execute();
  const officers = rows.filter((r) => r.role === "officer");
  return [...new Set((officers.length ? officers : rows).map((r) => r.email))];
}

/** A statutory notice to the group, by e-mail, keyed so it is sent once per notice. */
export async function noticeToGroup(trx: Database, eoi: { id: number; groupId: number; title: string }, key: string, subject: string, body: string): Promise<Effect[]> {
  const effects: Effect[] = [];
  for (const to of await groupAddresses(trx, eoi.groupId)) {
    effects.push(
      ...(await queueMessage(trx, {
        eventKey: `eoi-notice:${eoi.id}:${key}`,
        to,
        subject: `${subject}: EOI-${eoi.id} ${eoi.title}`,
        body: `${body}\n\nReference: EOI-${eoi.id}. Follow it on Moot:`,
        link: `/challenges/eois/${eoi.id}`,
      })),
    );
  }
  return effects.slice(0, 1);
}

/** `link`: a path on this site, made absolute when sent (every e-mail link is absolute). */
async function alertOfficers(trx: Database, key: string, subject: string, body: string, link: string): Promise<Effect[]> {
  const effects: Effect[] = [];
  for (const to of await officerAddresses(trx)) effects.push(...(await queueMessage(trx, { eventKey: key, to, subject, body, link })));
  return effects.slice(0, 1);
}

/** A group submitted an expression of interest: officers are told, with the first statutory date. */
export async function eoiArrived(trx: Database, eoi: { id: number; title: string; groupName: string; serviceName: string }, now: Date): Promise<Effect[]> {
  const clock = await loadClock(trx);
  const due = clockFor({ status: "submitted", receivedOn: londonDay(now), decisionDueOn: null, procurementOpensOn: null, procurementClosesOn: null }, clock.settings, clock.holidays, londonDay(now));
  return alertOfficers(
    trx,
    `eoi-arrived:${eoi.id}`,
    `New expression of interest: EOI-${eoi.id} ${eoi.serviceName}`,
    `${eoi.groupName} submitted an expression of interest in running ${eoi.serviceName} (“${eoi.title}”) on ${formatDate(londonDay(now))}.${due ? `\n\nAcknowledge it by ${formatDate(due.dueOn)}.` : ""}\n\nHandle it:`,
    `/challenges/manage/${eoi.id}`,
  );
}

/**
 * Statutory dates near (within ALERT_DAYS_BEFORE days) or passed, for every open expression of
 * interest: one alert per EOI, duty and date. Run by the clock job; the key makes it once.
 */
export async function challengeDeadlineAlerts(db: Database, now = new Date()): Promise<Effect[]> {
  const clock = await loadClock(db);
  const today = londonDay(now);
  const open = await db
    .selectFrom("challenge_eois")
    .select(["id", "title", "status", "submitted_at", "decision_due_on", "procurement_opens_on", "procurement_closes_on"])
    .where("status", "not in", ["draft", "withdrawn", "rejected", "procurement_started", "closed"])
    .where("submitted_at", "is not", null)
    .execute();
  const effects: Effect[] = [];
  for (const e of open) {
    const item = clockFor(
      {
        status: e.status,
        receivedOn: londonDay(e.submitted_at!),
        decisionDueOn: e.decision_due_on ? toIsoDate(e.decision_due_on) : null,
        procurementOpensOn: e.procurement_opens_on ? toIsoDate(e.procurement_opens_on) : null,
        procurementClosesOn: e.procurement_closes_on ? toIsoDate(e.procurement_closes_on) : null,
      },
      clock.settings,
      clock.holidays,
      today,
    );
    if (!item || item.daysLeft > ALERT_DAYS_BEFORE) continue;
    const when = item.daysLeft < 0 ? `was due on ${formatDate(item.dueOn)} (${-item.daysLeft} days ago)` : item.daysLeft === 0 ? `is due today, ${formatDate(item.dueOn)}` : `is due by ${formatDate(item.dueOn)} (${item.daysLeft} days)`;
    effects.push(
      ...(await db.transaction().execute((trx) =>
        alertOfficers(trx, `eoi-due:${e.id}:${item.what}:${item.dueOn}`, `EOI-${e.id}: ${WHAT[item.what]} ${item.daysLeft < 0 ? "is overdue" : `by ${formatDate(item.dueOn)}`}`, `The duty to ${WHAT[item.what]} for EOI-${e.id} (“${e.title}”) ${when}.\n\nHandle it:`, `/challenges/manage/${e.id}`),
      )),
    );
  }
  return effects;
}
