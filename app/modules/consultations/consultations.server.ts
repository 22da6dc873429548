/**
 * Consultations, officer side: details (with the Gunning principles), localities, linked
 * outcomes, ordered sections and questions, the state changes and the clock that opens and
 * closes consultations at their set times. Public reads for the hub and the consultation page.
 *
 * The code lives in one file per sub-domain; this file re-exports what callers use, so they
 * keep one import.
 */
export { QUESTIONS_LOCKED } from "./schema";
export { consultationFor, type ConsultationRow, consultationsOpenNow, getConsultationPage, getSettings, type HubStatus, listHub, loadQuestionnaire, type QuestionView, type SectionView, statusHistory, targetOf, visibleConsultation } from "./read.server";
export { createConsultation, listForOfficer, periodWarning, readinessProblems, updateConsultation } from "./details.server";
export { advanceConsultations, catchUp, changeStatus, type OfficerMove, recordDueMoves, startConsultationClock } from "./status.server";
export { addQuestion, addSection, deleteQuestion, moveQuestion, questionFormValues, questionsLocked, questionValues, responseCount, updateQuestion } from "./questionnaire.server";
