/**
 * Tables for grant approval (the grant panel, its seats and declarations of interest) and for
 * commissioning intentions and market position statements written per strategy
 * (migration 2026-12-01T0600_market_and_grants). Money is integer pence.
 */
import type { ColumnType, Generated } from "kysely";
import type { DefaultedTimestamp } from "./columns";
import type { DateColumn } from "./evidence";
import type { GrantApproval } from "./providers";

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export const GRANT_PANEL_SEATS = ["councillor", "voluntary_sector", "officer"] as const;
export type GrantPanelSeat = (typeof GRANT_PANEL_SEATS)[number];
export const INTENTION_CHANGES = ["buy", "change", "stop"] as const;
export type IntentionChange = (typeof INTENTION_CHANGES)[number];
export const MARKET_ROUTES = ["open_tender", "framework", "grant_round", "in_house", "direct_award", "not_decided"] as const;
export type MarketRoute = (typeof MARKET_ROUTES)[number];

export interface GrantPanelMemberTable {
  id: Generated<number>;
  name: string;
  seat: GrantPanelSeat;
  organisation: Defaulted<string>;
  active: Defaulted<boolean>;
  created_by: number | null;
  created_at: DefaultedTimestamp;
}

export interface GrantInterestTable {
  arrangement_id: number;
  member_id: number;
  interest: string;
  declared_at: DefaultedTimestamp;
}

export interface GrantApprovalTable {
  arrangement_id: number;
  route: GrantApproval;
  decision_id: number | null;
  approved_on: DateColumn;
  recorded_by: number | null;
  recorded_at: DefaultedTimestamp;
}

export interface GrantApprovalSeatTable {
  arrangement_id: number;
  seat: GrantPanelSeat;
  member_id: number;
}

export interface CommissioningIntentionTable {
  id: Generated<number>;
  strategy_id: number;
  change: IntentionChange;
  what: string;
  detail: Defaulted<string>;
  from_on: DateColumn;
  estimated_value_pence: number | null;
  route: MarketRoute;
  published: Defaulted<boolean>;
  created_by: number | null;
  created_at: DefaultedTimestamp;
}

export interface MarketPositionStatementTable {
  strategy_id: number;
  demand: string;
  supply: string;
  market_asks: string;
  published: Defaulted<boolean>;
  updated_by: number | null;
  updated_at: DefaultedTimestamp;
}

export interface MarketTables {
  grant_panel_members: GrantPanelMemberTable;
  grant_interests: GrantInterestTable;
  grant_approvals: GrantApprovalTable;
  grant_approval_seats: GrantApprovalSeatTable;
  commissioning_intentions: CommissioningIntentionTable;
  market_position_statements: MarketPositionStatementTable;
}
