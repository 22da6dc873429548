/**
 * Board meetings: agendas and their publication, the chair/clerk console (attendance, items,
 * declarations, motions, named votes, results, decisions, private session, adjourn/close),
 * minutes and the retention rule. Every write is one transaction; what the public may see of it
 * is returned as `events`, each with its broadcast as an effect (the last one also carries the
 * public live view after the change), which `settle()` sends after the commit.
 *
 * The code lives in one file per sub-domain; this file re-exports what callers use, so they
 * keep one import.
 */
export type { PublicLiveView, PublicMeetingEvent } from "./socket-events";
export { type Announced, quorumText, timeOf } from "./meetings-shared.server";
export { addAgendaItem, createMeeting, deleteMeeting, editMinutes, generateMinutes, moveAgendaItem, publishAgenda, publishMinutes, removeAgendaItem } from "./agenda.server";
export { adjournMeeting, closeMeeting, declareInterest, excludePublic, openItem, recordAttendance, resumeMeeting, RETURNED_TO_PUBLIC, returnToPublic, startMeeting } from "./proceedings.server";
export { callVote, castVote, declareResult, proposeMotion, recordDecision, withdrawMotion } from "./motions.server";
export { listBoardMeetings, meetingConsole, meetingFeed, meetingRecord, type MeetingRecord, publicEventsSince, publicLive, publicMeeting, publishedMeeting } from "./read.server";
export { type AgendaDue, agendasToPublish, holdsSeat, meetingAccess, memberHome, runnableMeetingIds } from "./access.server";
