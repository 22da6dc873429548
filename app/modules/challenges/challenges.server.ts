/**
 * Community Right to Challenge: groups (relevant bodies), the services register, expressions of
 * interest and their handling against the statutory clock. Every state change goes through
 * `move()`, which checks the transitions table and writes the append-only event.
 *
 * The code lives in one file per sub-domain; this file re-exports what callers use, so they
 * keep one import.
 */
export { loadClock, updateClockSettings } from "./clock.server";
export { addGroupMember, addGroupPartner, getGroup, groupForEditing, listMyGroups, registerGroup, updateGroup } from "./groups.server";
export { addServiceWindow, createService, listServices, outcomeOptions, removeServiceWindow, serviceForEditing, type ServiceSummary, updateService } from "./services.server";
export { evidenceChoices, getEoi, getPublicEoi, recordEvidenceConsidered } from "./eoi-read.server";
export { groupRespond, saveEoiSection, startEoi, submitEoi } from "./eoi.server";
export { type DashboardRow, officerAction, officerDashboard } from "./handling.server";
export { listRegister, type RegisterRow } from "./register.server";
