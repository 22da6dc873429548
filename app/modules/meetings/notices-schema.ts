/** zod schemas for what changes a meeting after its agenda is published: cancelling it, supplements to its agenda. */
import { z } from "zod";
import { rowId } from "../../lib/fields";

const reason = (what: string) =>
  z.string({ error: `Enter the reason ${what}` }).trim().min(1, `Enter the reason ${what}`).max(1000, "The reason must be 1,000 characters or fewer");

export const cancelMeetingSchema = z.object({ meetingId: rowId(), reason: reason("the meeting is cancelled") });

export const SUPPLEMENT_CHANGES = ["add", "change", "withdraw"] as const;
export type SupplementChange = (typeof SUPPLEMENT_CHANGES)[number];

/** Every supplement names its reason; the item's own fields are checked by agendaItemSchema. */
export const supplementReasonSchema = z.object({ meetingId: rowId(), reason: reason("for the supplement") });
export const supplementItemSchema = z.object({ meetingId: rowId(), itemId: rowId("Choose an agenda item"), reason: reason("for the supplement") });
