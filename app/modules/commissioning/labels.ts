/** Words the commissioning pages use for stored values. */
import type { RiskCategory, RiskLevel } from "../../../db/tables/evidence";
import type { DecisionSubjectKind, EqualityImpact, RiskChange } from "../../../db/tables/commissioning";

export const LEVEL_LABELS: Record<RiskLevel, string> = { low: "Low", medium: "Medium", high: "High" };
export const RISK_CATEGORY_LABELS: Record<RiskCategory, string> = { delivery: "Delivery", financial: "Financial", legal: "Legal", reputational: "Reputational" };
export const RISK_CHANGE_LABELS: Record<RiskChange, string> = { added: "Added", edited: "Edited", rescored: "Re-scored", closed: "Closed", reopened: "Reopened" };
export const EQUALITY_IMPACT_LABELS: Record<EqualityImpact, string> = { positive: "Positive", neutral: "Neutral", negative: "Negative" };
/** Groups an equality impact assessment considers (the protected characteristics and more). */
export const EQUALITY_GROUPS = [
  "Age",
  "Disability",
  "Gender reassignment",
  "Marriage and civil partnership",
  "Pregnancy and maternity",
  "Race",
  "Religion or belief",
  "Sex",
  "Sexual orientation",
  "Carers",
  "People on low incomes",
  "People in rural areas",
] as const;

export const SUBJECT_KIND_LABELS: Record<DecisionSubjectKind, string> = {
  commissioning_review: "Commissioning plan",
  consultation: "Consultation",
  challenge: "Expression of interest (Right to Challenge)",
};
