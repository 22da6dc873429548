/**
 * An expression of interest's answers, pure: which pages a group must complete, what is still
 * missing, the form values for each page, and the public view with confidential parts removed.
 */
import { formInput, validate } from "../../lib/forms";
import type { RelevantBodyKind } from "../../../db/tables/challenges";
import { EOI_SECTIONS, sectionSchemas, SECTION_TITLES, type EoiSection } from "./schema";
import type { EoiStatus } from "./transitions";

export interface PartnerAnswer {
  partnerId: number;
  name: string;
  role: "consortium_member" | "subcontractor";
  finances: string;
  confidential: boolean;
}

export interface EoiRecord {
  id: number;
  groupId: number;
  groupName: string;
  groupKind: RelevantBodyKind;
  serviceId: number | null;
  serviceName: string | null;
  status: EoiStatus;
  title: string;
  areaDescription: string;
  localities: { id: number; name: string }[];
  finances: string;
  financesConfidential: boolean;
  partners: PartnerAnswer[];
  capability: string;
  capabilityConfidential: boolean;
  outcomes: string;
  wellbeing: string;
  usersNeeds: string;
  outcomeNodes: { id: number; title: string }[];
  outcomesConfidential: boolean;
  employeeEngagement: string;
  employeeEngagementConfidential: boolean;
  submittedAt: Date | null;
  decisionDueOn: string | null;
  modification: string;
  procurementOpensOn: string | null;
  procurementClosesOn: string | null;
}

/** The pages this group must complete: employee groups also say how they will engage other employees. */
export function sectionsFor(kind: RelevantBodyKind): EoiSection[] {
  return EOI_SECTIONS.filter((s) => s !== "engagement" || kind === "council_employees");
}

const yes = (b: boolean) => (b ? "yes" : "");

/** A page's saved answers as form values (what the page shows when the group comes back). */
export function sectionValues(eoi: EoiRecord, section: EoiSection): Record<string, string | string[]> {
  switch (section) {
    case "service":
      return {
        serviceId: eoi.serviceId ? String(eoi.serviceId) : "",
        title: eoi.title,
        areaDescription: eoi.areaDescription,
        localityIds: eoi.localities.map((l) => String(l.id)),
      };
    case "finances": {
      const values: Record<string, string | string[]> = { finances: eoi.finances, financesConfidential: yes(eoi.financesConfidential) };
      eoi.partners.forEach((p, i) => {
        values[`partners[${i}].partnerId`] = String(p.partnerId);
        values[`partners[${i}].finances`] = p.finances;
        values[`partners[${i}].confidential`] = yes(p.confidential);
      });
      return values;
    }
    case "capability":
      return { capability: eoi.capability, capabilityConfidential: yes(eoi.capabilityConfidential) };
    case "outcomes":
      return {
        outcomes: eoi.outcomes,
        wellbeing: eoi.wellbeing,
        usersNeeds: eoi.usersNeeds,
        outcomeNodeIds: eoi.outcomeNodes.map((o) => String(o.id)),
        outcomesConfidential: yes(eoi.outcomesConfidential),
      };
    case "engagement":
      return { employeeEngagement: eoi.employeeEngagement, employeeEngagementConfidential: yes(eoi.employeeEngagementConfidential) };
  }
}

function asParams(values: Record<string, string | string[]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) if (one !== "") params.append(k, one);
  return params;
}

/** The pages still incomplete, each with the first thing missing (checked with the page's own schema). */
export function missingSections(eoi: EoiRecord): { section: EoiSection; title: string; message: string }[] {
  const missing: { section: EoiSection; title: string; message: string }[] = [];
  for (const section of sectionsFor(eoi.groupKind)) {
    const result = validate(sectionSchemas[section], formInput(asParams(sectionValues(eoi, section))));
    if (!result.ok) missing.push({ section, title: SECTION_TITLES[section], message: Object.values(result.errors)[0]! });
  }
  return missing;
}

/** What the public may see: every part the group marked commercially confidential is removed. */
export interface PublicEoi extends Omit<EoiRecord, "finances" | "capability" | "outcomes" | "wellbeing" | "usersNeeds" | "employeeEngagement" | "partners" | "modification"> {
  finances: string | null;
  capability: string | null;
  outcomes: string | null;
  wellbeing: string | null;
  usersNeeds: string | null;
  employeeEngagement: string | null;
  partners: (Omit<PartnerAnswer, "finances"> & { finances: string | null })[];
}

export function publicView(eoi: EoiRecord): PublicEoi {
  const hide = (value: string, confidential: boolean) => (confidential ? null : value);
  const { modification: _internal, ...rest } = eoi;
  return {
    ...rest,
    finances: hide(eoi.finances, eoi.financesConfidential),
    capability: hide(eoi.capability, eoi.capabilityConfidential),
    outcomes: hide(eoi.outcomes, eoi.outcomesConfidential),
    wellbeing: hide(eoi.wellbeing, eoi.outcomesConfidential),
    usersNeeds: hide(eoi.usersNeeds, eoi.outcomesConfidential),
    // the outcome tags belong to the outcomes part: confidential with it
    outcomeNodes: eoi.outcomesConfidential ? [] : eoi.outcomeNodes,
    employeeEngagement: hide(eoi.employeeEngagement, eoi.employeeEngagementConfidential),
    partners: eoi.partners.map((p) => ({ ...p, finances: hide(p.finances, p.confidential) })),
  };
}
