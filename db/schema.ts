/**
 * The database's tables as Kysely sees them. One interface per table; `Generated` marks columns
 * the database fills in. Keep this in step with db/migrations (a migration test checks it).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { ConsultationTables } from "./tables/consultations";
import type { FeedTables } from "./tables/feeds";
import type { BoardTables } from "./tables/boards";
import type { ChallengeTables } from "./tables/challenges";
import type { EvidenceTables } from "./tables/evidence";
import type { NotificationTables } from "./tables/notifications";
import type { MeetingNoticeTables } from "./tables/meeting-notices";
import type { GovernanceTables } from "./tables/governance";
import type { ProviderTables } from "./tables/providers";
import type { ContractChangeTables } from "./tables/contract-changes";
import type { CommissioningTables } from "./tables/commissioning";
import type { MarketTables } from "./tables/market";

import type { DefaultedTimestamp, Timestamp } from "./tables/columns";

export type { DefaultedTimestamp, Timestamp };

export const ROLE_NAMES = [
  "admin",
  "officer",
  "analyst",
  "moderator",
  "board_member",
  "chair",
  "community_group_rep",
  "commissioner",
  "provider",
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export const SCOPE_KINDS = ["council", "locality", "board", "provider"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export const OUTCOME_NODE_KINDS = ["outcome", "priority", "measure"] as const;
export type OutcomeNodeKind = (typeof OUTCOME_NODE_KINDS)[number];

export interface CouncilTable {
  id: Generated<number>;
  name: string;
  service_name: string;
  contact_email: string;
  updated_at: DefaultedTimestamp;
}

export interface LocalityTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  created_at: DefaultedTimestamp;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  home_locality_id: number | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface UserSessionTable {
  id: string;
  user_id: number;
  expires_at: Timestamp;
}

export interface RoleGrantTable {
  id: Generated<number>;
  user_id: number;
  role: RoleName;
  scope: ScopeKind;
  locality_id: number | null;
  board_id: number | null;
  /** Set only for the provider role (scope "provider"). */
  provider_id: ColumnType<number | null, number | null | undefined, number | null>;
  granted_by: number | null;
  granted_at: DefaultedTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>; // bigint: db/client.ts reads int8 as a number
  actor_user_id: number | null;
  action: string;
  subject: string;
  detail: ColumnType<Record<string, unknown>, string | Record<string, unknown>, string | Record<string, unknown>>;
  at: DefaultedTimestamp;
}

export interface OutcomeFrameworkTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  source: string;
  created_at: DefaultedTimestamp;
}

export interface OutcomeNodeTable {
  id: Generated<number>;
  framework_id: number;
  parent_id: number | null;
  kind: OutcomeNodeKind;
  title: string;
  description: string;
  position: number;
  retired_at: Timestamp | null;
}

export interface RateLimitTable {
  key: string;
  points: number;
  /** bigint: db/client.ts reads int8 as a number (epoch milliseconds). */
  expire: number | null;
}

export interface SocketIoAttachmentTable {
  id: Generated<number>;
  created_at: ColumnType<Date | null, Date | string | undefined, Date | string>;
  payload: Buffer | null;
}

/**
 * Every table. A feature keeps its table interfaces in db/tables/<feature>.ts and joins them here
 * with one `extends` entry, e.g. `export interface DB extends ConsultationTables { … }`.
 */
export interface DB extends ConsultationTables, FeedTables, BoardTables, ChallengeTables, EvidenceTables, NotificationTables, GovernanceTables, ProviderTables, MeetingNoticeTables, CommissioningTables, MarketTables, ContractChangeTables {
  council: CouncilTable;
  localities: LocalityTable;
  users: UserTable;
  user_sessions: UserSessionTable;
  role_grants: RoleGrantTable;
  audit_log: AuditLogTable;
  outcome_frameworks: OutcomeFrameworkTable;
  outcome_nodes: OutcomeNodeTable;
  rate_limits: RateLimitTable;
  socket_io_attachments: SocketIoAttachmentTable;
}

export type Council = Selectable<CouncilTable>;
export type Locality = Selectable<LocalityTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type RoleGrant = Selectable<RoleGrantTable>;
export type OutcomeFramework = Selectable<OutcomeFrameworkTable>;
export type OutcomeNode = Selectable<OutcomeNodeTable>;
