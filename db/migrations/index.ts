/**
 * Every migration, in order. Listed statically (rather than read from the folder at run time)
 * so the bundled server and the tests see exactly the same set. Add new files at the end, and
 * their line at the end of manifest.json; never rename, edit or reorder a landed one
 * (test/unit/migrations-manifest.test.ts checks the files against the manifest).
 */
import type { Migration } from "kysely";
import * as foundation from "./2026-11-23T0900_foundation";
import * as consultations from "./2026-11-23T1000_consultations";
import * as feeds from "./2026-11-23T1010_feeds";
import * as boards from "./2026-11-23T1020_boards";
import * as challenges from "./2026-11-23T1030_challenges";
import * as evidence from "./2026-11-23T1040_evidence";
import * as board_threads from "./2026-11-23T1110_board_threads";
import * as one_bank_holiday_table from "./2026-11-23T1120_one_bank_holiday_table";
import * as feeds_poll_moderation from "./2026-11-23T1130_feeds_poll_moderation";
import * as evidence_attachments from "./2026-11-23T1200_evidence_attachments";
import * as feeds_of_boards_backfilled from "./2026-11-29T1400_feeds_of_boards_backfilled";
import * as meeting_records from "./2026-11-29T1700_meeting_records";
import * as notifications from "./2026-11-29T1900_notifications";
import * as meeting_notices from "./2026-11-30T0300_meeting_notices";
import * as equality_more_questions from "./2026-11-30T0400_equality_more_questions";
import * as notification_subjects from "./2026-11-30T0500_notification_subjects";
import * as commissioning_plans from "./2026-11-30T0600_commissioning_plans";
import * as governance from "./2026-11-30T0700_governance";
import * as providers from "./2026-11-30T0800_providers";
import * as outbox_links from "./2026-12-01T0300_outbox_links";
import * as milestone_late_reason from "./2026-12-01T0400_milestone_late_reason";
import * as contract_changes from "./2026-12-01T0500_contract_changes";
import * as market_and_grants from "./2026-12-01T0600_market_and_grants";

export const migrations: Record<string, Migration> = {
  "2026-11-23T0900_foundation": foundation,
  "2026-11-23T1000_consultations": consultations,
  "2026-11-23T1010_feeds": feeds,
  "2026-11-23T1020_boards": boards,
  "2026-11-23T1030_challenges": challenges,
  "2026-11-23T1040_evidence": evidence,
  "2026-11-23T1110_board_threads": board_threads,
  "2026-11-23T1120_one_bank_holiday_table": one_bank_holiday_table,
  "2026-11-23T1130_feeds_poll_moderation": feeds_poll_moderation,
  "2026-11-23T1200_evidence_attachments": evidence_attachments,
  "2026-11-29T1400_feeds_of_boards_backfilled": feeds_of_boards_backfilled,
  "2026-11-29T1700_meeting_records": meeting_records,
  "2026-11-29T1900_notifications": notifications,
  "2026-11-30T0300_meeting_notices": meeting_notices,
  "2026-11-30T0400_equality_more_questions": equality_more_questions,
  "2026-11-30T0500_notification_subjects": notification_subjects,
  "2026-11-30T0600_commissioning_plans": commissioning_plans,
  "2026-11-30T0700_governance": governance,
  "2026-11-30T0800_providers": providers,
  "2026-12-01T0300_outbox_links": outbox_links,
  "2026-12-01T0400_milestone_late_reason": milestone_late_reason,
  "2026-12-01T0500_contract_changes": contract_changes,
  "2026-12-01T0600_market_and_grants": market_and_grants,
};
