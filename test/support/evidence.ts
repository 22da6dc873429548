/** A valid "Add evidence" form (as the page posts it), with some fields changed. */
export function evidenceInput<O extends Record<string, string | string[]>>(overrides: O = {} as O) {
  return {
    title: "Test evidence",
    type: "research",
    summary: "Something we found out about cycling",
    sourceOrganisation: "Test University",
    sourceUrl: "https://example.org/study",
    periodStart: "2025-01-01",
    periodEnd: "",
    localityId: "",
    stage: "analyse",
    confidence: "moderate",
    visibility: "public",
    outcomeNodeIds: [] as string[],
    ...overrides,
  };
}
