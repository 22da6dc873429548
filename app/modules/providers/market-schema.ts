/** Zod schemas and labels for grant approval and for commissioning intentions and market position statements. */
import { z } from "zod";
import { rowId } from "../../lib/fields";
import { isRealDate } from "../calendar/days";
import { GRANT_PANEL_SEATS, INTENTION_CHANGES, MARKET_ROUTES, type GrantPanelSeat, type IntentionChange, type MarketRoute } from "../../../db/tables/market";
import { poundsField } from "./money";

export const SEAT_LABELS: Record<GrantPanelSeat, string> = { councillor: "Councillor", voluntary_sector: "Voluntary-sector representative", officer: "Officer" };
export const CHANGE_LABELS: Record<IntentionChange, string> = { buy: "Buy", change: "Change", stop: "Stop buying" };
export const ROUTE_LABELS: Record<MarketRoute, string> = {
  open_tender: "Open tender",
  framework: "Call-off from a framework",
  grant_round: "Grant round",
  in_house: "Delivered in-house",
  direct_award: "Direct award",
  not_decided: "Not decided yet",
};

const required = (label: string, max: number) =>
  z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max} characters or fewer`);
const date = (label: string) =>
  z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).refine(isRealDate, `${label[0]!.toUpperCase()}${label.slice(1)} must be a real date, like 2027-04-01`);
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const checkbox = z.preprocess((v) => v === "yes" || v === "on" || v === true, z.boolean());

export const panelMemberSchema = z.object({
  name: required("the member’s name", 200),
  seat: z.enum(GRANT_PANEL_SEATS, { error: "Select the seat they sit in" }),
  organisation: z.string().trim().max(200, "Organisation must be 200 characters or fewer").optional().default(""),
});

export const interestSchema = z.object({
  arrangementId: rowId("That grant does not exist"),
  memberId: rowId("Select the panel member"),
  interest: required("the interest they declared", 1000),
});

export const panelApprovalSchema = z.object({
  arrangementId: rowId("That grant does not exist"),
  councillorId: rowId("Select the councillor who sat"),
  voluntarySectorId: rowId("Select the voluntary-sector representative who sat"),
  officerId: rowId("Select the officer who sat"),
  approvedOn: date("the date of approval"),
  conditions: required("the conditions of grant", 2000),
});

export const boardApprovalSchema = z.object({
  arrangementId: rowId("That grant does not exist"),
  decisionId: rowId("Select the board decision that approved the grant"),
  approvedOn: date("the date of approval"),
  conditions: required("the conditions of grant", 2000),
});

export const intentionSchema = z.object({
  strategyId: rowId("That strategy does not exist"),
  change: z.enum(INTENTION_CHANGES, { error: "Select whether the council intends to buy, change or stop buying" }),
  what: required("what the council intends to buy, change or stop buying", 300),
  detail: z.string().trim().max(2000, "Detail must be 2000 characters or fewer").optional().default(""),
  fromOn: date("the date it starts from"),
  estimatedValue: z.preprocess(blank, poundsField("the estimated annual value", { allowZero: true }).optional()),
  route: z.enum(MARKET_ROUTES, { error: "Select how it will go to the market" }),
  published: checkbox,
});

export const intentionPublishSchema = z.object({
  strategyId: rowId("That strategy does not exist"),
  intentionId: rowId("That intention does not exist"),
  published: checkbox,
});

export const statementSchema = z.object({
  strategyId: rowId("That strategy does not exist"),
  demand: required("what is known about demand", 5000),
  supply: required("what is known about supply", 5000),
  marketAsks: required("what the council wants from the market", 5000),
  publishStatement: checkbox,
});
