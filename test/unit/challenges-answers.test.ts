import { describe, expect, it } from "vitest";
import { missingSections, publicView, sectionsFor, sectionValues, type EoiRecord } from "../../app/modules/challenges/answers";

const complete: EoiRecord = {
  id: 1,
  groupId: 1,
  groupName: "Trust",
  groupKind: "charitable_body_or_trust",
  serviceId: 3,
  serviceName: "Youth clubs",
  status: "draft",
  title: "Youth clubs",
  areaDescription: "Seafront",
  localities: [{ id: 2, name: "Eastmere" }],
  finances: "GROUP-MONEY",
  financesConfidential: true,
  partners: [
    { partnerId: 7, name: "Partner CIC", role: "consortium_member", finances: "PARTNER-MONEY", confidential: true },
    { partnerId: 8, name: "Minibus", role: "subcontractor", finances: "Two buses", confidential: false },
  ],
  capability: "Experience",
  capabilityConfidential: false,
  outcomes: "OUTCOMES",
  wellbeing: "WELLBEING",
  usersNeeds: "NEEDS",
  outcomeNodes: [{ id: 5, title: "Your life" }],
  outcomesConfidential: true,
  employeeEngagement: "",
  employeeEngagementConfidential: false,
  submittedAt: null,
  decisionDueOn: null,
  modification: "internal",
  procurementOpensOn: null,
  procurementClosesOn: null,
};

describe("EOI answers", () => {
  it("asks employee groups, and only them, about engaging other employees", () => {
    expect(sectionsFor("charitable_body_or_trust")).toEqual(["service", "finances", "capability", "outcomes"]);
    expect(sectionsFor("council_employees")).toEqual(["service", "finances", "capability", "outcomes", "engagement"]);
  });

  it("finds nothing missing in a complete EOI, and names the first gap per page", () => {
    expect(missingSections(complete)).toEqual([]);
    const gaps = missingSections({ ...complete, groupKind: "council_employees", capability: "", partners: [{ ...complete.partners[0]!, finances: "" }] });
    expect(gaps.map((g) => g.section)).toEqual(["finances", "capability", "engagement"]);
    expect(gaps[0]!.message).toBe("Describe the financial resources of this consortium member or subcontractor");
  });

  it("gives each page's saved answers back as form values", () => {
    expect(sectionValues(complete, "service")).toEqual({ serviceId: "3", title: "Youth clubs", areaDescription: "Seafront", localityIds: ["2"] });
    expect(sectionValues(complete, "finances")).toMatchObject({ financesConfidential: "yes", "partners[1].finances": "Two buses", "partners[1].confidential": "" });
  });

  it("the public view never contains a confidential part or the internal modification text", () => {
    const view = publicView(complete);
    const text = JSON.stringify(view);
    for (const secret of ["GROUP-MONEY", "PARTNER-MONEY", "OUTCOMES", "WELLBEING", "NEEDS", "internal"]) expect(text).not.toContain(secret);
    expect(view.capability).toBe("Experience");
    expect(view.partners[1]!.finances).toBe("Two buses");
    // the outcome tags are part of the confidential outcomes section
    expect(view.outcomeNodes).toEqual([]);
    expect(publicView({ ...complete, outcomesConfidential: false }).outcomeNodes).toEqual([{ id: 5, title: "Your life" }]);
  });
});
