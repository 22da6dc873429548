/** Column types shared by every table file (db/schema.ts and db/tables/*.ts). */
import type { ColumnType } from "kysely";

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in by default (now()) unless given. */
export type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
