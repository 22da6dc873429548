/**
 * Key decisions and their notice, as pure functions (unit tests: test/unit/governance-rules.test.ts).
 *
 * The Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
 * Regulations 2012:
 * - reg 9: a key decision may be taken only after notice of it has been on the forward plan for
 *   at least 28 clear days;
 * - reg 10 (general exception): when that is impracticable, the decision may still be taken if the
 *   chair of the scrutiny committee has been told in writing, and notice made public, at least
 *   5 clear days before;
 * - reg 11 (special urgency): when even that is impracticable, the decision may be taken only if
 *   the chair of the scrutiny committee agrees it is urgent and cannot reasonably be deferred.
 * A decision is key here when its spend or saving exceeds the threshold the admin sets (integer
 * pence) or it affects two or more localities (the council's "significant effect on communities
 * in two or more wards" test, in Moot's localities).
 */
import { clearDaysBetween, type IsoDate } from "./dates";

export const FORWARD_PLAN_CLEAR_DAYS = 28;
export const GENERAL_EXCEPTION_CLEAR_DAYS = 5;

export const EXCEPTION_ROUTES = ["none", "general_exception", "special_urgency"] as const;
export type ExceptionRoute = (typeof EXCEPTION_ROUTES)[number];
export const EXCEPTION_ROUTE_LABELS: Record<ExceptionRoute, string> = {
  none: "None: on the forward plan for 28 clear days",
  general_exception: "General exception (regulation 10): the scrutiny chair told 5 clear days before",
  special_urgency: "Special urgency (regulation 11): the scrutiny chair agreed it cannot wait",
};

export interface KeyTest {
  spendPence: number;
  savingPence: number;
  localityIds: readonly number[];
}

/** Why a decision is key, or [] when it is not. */
export function keyReasons(d: KeyTest, thresholdPence: number): string[] {
  const reasons: string[] = [];
  if (d.spendPence > thresholdPence) reasons.push(`spending over ${formatPounds(thresholdPence)}`);
  if (d.savingPence > thresholdPence) reasons.push(`saving over ${formatPounds(thresholdPence)}`);
  if (new Set(d.localityIds).size >= 2) reasons.push("affects two or more localities");
  return reasons;
}

export const isKeyDecision = (d: KeyTest, thresholdPence: number): boolean => keyReasons(d, thresholdPence).length > 0;

export interface Notice {
  /** The day the notice first went on the public forward plan. */
  publishedOn: IsoDate;
  route: ExceptionRoute;
  reason: string;
  /** General exception: the day the scrutiny chair was told in writing. */
  scrutinyChairNotifiedOn: IsoDate | null;
  /** Special urgency: who agreed and when. */
  scrutinyChairName: string;
  scrutinyChairAgreedOn: IsoDate | null;
}

export type NoticeProblem = { field: string; message: string };

/**
 * May a key decision be taken on `decisionOn` with this notice? Null when it may; otherwise the
 * field to mark and the message. Non-key decisions need no notice.
 */
export function noticeProblem(isKey: boolean, notice: Notice, decisionOn: IsoDate): NoticeProblem | null {
  if (!isKey) return null;
  const clear = clearDaysBetween(notice.publishedOn, decisionOn);
  if (notice.publishedOn < decisionOn && clear >= FORWARD_PLAN_CLEAR_DAYS) return null;
  const short = `This key decision has been on the forward plan for ${clear} clear days before ${decisionOn}; it needs ${FORWARD_PLAN_CLEAR_DAYS}`;
  switch (notice.route) {
    case "none":
      return { field: "exceptionRoute", message: `${short}. Set a later date, or record the general exception or special urgency route` };
    case "general_exception": {
      if (!notice.reason.trim()) return { field: "exceptionReason", message: "Enter why 28 clear days' notice was impracticable" };
      if (!notice.scrutinyChairNotifiedOn) return { field: "scrutinyChairNotifiedOn", message: "Enter the date the chair of the scrutiny board was told in writing" };
      if (clearDaysBetween(notice.scrutinyChairNotifiedOn, decisionOn) < GENERAL_EXCEPTION_CLEAR_DAYS || notice.scrutinyChairNotifiedOn >= decisionOn)
        return { field: "scrutinyChairNotifiedOn", message: `The chair of the scrutiny board must be told at least ${GENERAL_EXCEPTION_CLEAR_DAYS} clear days before the decision; otherwise use special urgency` };
      if (clearDaysBetween(notice.publishedOn, decisionOn) < GENERAL_EXCEPTION_CLEAR_DAYS || notice.publishedOn >= decisionOn)
        return { field: "decisionDueOn", message: `Under the general exception the notice must be public at least ${GENERAL_EXCEPTION_CLEAR_DAYS} clear days before the decision; otherwise use special urgency` };
      return null;
    }
    case "special_urgency": {
      if (!notice.reason.trim()) return { field: "exceptionReason", message: "Enter why the decision is urgent and cannot reasonably be deferred" };
      if (!notice.scrutinyChairName.trim()) return { field: "scrutinyChairName", message: "Enter the name of the scrutiny chair who agreed the decision is urgent" };
      if (!notice.scrutinyChairAgreedOn) return { field: "scrutinyChairAgreedOn", message: "Enter the date the chair of the scrutiny board agreed" };
      if (notice.scrutinyChairAgreedOn > decisionOn) return { field: "scrutinyChairAgreedOn", message: "The chair of the scrutiny board must agree before the decision is taken" };
      return null;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Money: integer pence in the database, pounds on the page.

/** "£1,250,000" or "£1,250,000.50". */
export function formatPounds(pence: number): string {
  const pounds = Math.floor(pence / 100);
  const p = pence % 100;
  return `£${pounds.toLocaleString("en-GB")}${p ? `.${String(p).padStart(2, "0")}` : ""}`;
}

/** "£1,250,000.50", "1250000", "1,250,000.5" → pence; null when it is not an amount of money. */
export function parsePounds(text: string): number | null {
  const t = text.trim().replace(/^£/, "").replace(/,(?=\d{3}(\D|$))/g, "");
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, frac = ""] = t.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

// ---------------------------------------------------------------------------------------------
// Call-in and scrutiny

export const CALL_IN_STATUSES = ["called_in", "no_further_action", "referred_back", "referred_to_council", "concluded"] as const;
export type CallInStatus = (typeof CALL_IN_STATUSES)[number];
export const SCRUTINY_OUTCOMES = ["no_further_action", "referred_back", "referred_to_council"] as const;
export type ScrutinyOutcome = (typeof SCRUTINY_OUTCOMES)[number];

export const CALL_IN_STATUS_LABELS: Record<CallInStatus, string> = {
  called_in: "Called in: implementation suspended until the scrutiny board decides",
  no_further_action: "Scrutiny board took no further action: the decision may be implemented",
  referred_back: "Referred back to the decision-maker with recommendations: implementation suspended",
  referred_to_council: "Referred to full council: implementation suspended",
  concluded: "Reconsidered: the final decision is recorded and may be implemented",
};

/** The transitions of a call-in: the scrutiny board's outcome, then (if referred) the final decision. */
export const CALL_IN_TRANSITIONS: Record<CallInStatus, readonly CallInStatus[]> = {
  called_in: ["no_further_action", "referred_back", "referred_to_council"],
  referred_back: ["concluded"],
  referred_to_council: ["concluded"],
  no_further_action: [],
  concluded: [],
};

/** Implementation waits while the call-in is open or referred; it may go ahead after no further action or the final decision. */
export const suspends = (status: CallInStatus): boolean => status === "called_in" || status === "referred_back" || status === "referred_to_council";

export const WORK_ITEM_STATUSES = ["proposed", "scheduled", "under_review", "completed", "withdrawn"] as const;
export type WorkItemStatus = (typeof WORK_ITEM_STATUSES)[number];
export const WORK_ITEM_STATUS_LABELS: Record<WorkItemStatus, string> = { proposed: "Proposed", scheduled: "Scheduled", under_review: "Under review", completed: "Completed", withdrawn: "Withdrawn" };
