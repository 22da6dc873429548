/**
 * Open data: public evidence and indicator values as CSV and JSON at stable URLs. Internal
 * evidence is never included (the list is read as a visitor would see it, whoever asks).
 */
import { stringify } from "csv-stringify/sync";
import type { Database } from "../../../db/client";
import { VISITOR } from "../permissions/permissions";
import { searchEvidence } from "./evidence.server";
import { allIndicatorValues } from "./indicators.server";

export async function publicEvidenceRows(db: Database) {
  const { items } = await searchEvidence(db, VISITOR, {}, { limit: 100_000 });
  return items.map((e) => ({
    id: e.id,
    title: e.title,
    type: e.type,
    summary: e.summary,
    source_organisation: e.sourceOrganisation,
    source_url: e.sourceUrl,
    period_start: e.periodStart,
    period_end: e.periodEnd,
    locality: e.localityName ?? "council-wide",
    commissioning_stage: e.stage,
    confidence: e.confidence,
    outcome_ids: e.outcomes.map((o) => o.id).join(";"),
    outcomes: e.outcomes.map((o) => o.title).join(";"),
  }));
}

export const publicIndicatorRows = allIndicatorValues;

export function toCsv(rows: Record<string, unknown>[], columns: string[]): string {
  return stringify(rows, { header: true, columns });
}

export const EVIDENCE_COLUMNS = ["id", "title", "type", "summary", "source_organisation", "source_url", "period_start", "period_end", "locality", "commissioning_stage", "confidence", "outcome_ids", "outcomes"];
export const INDICATOR_COLUMNS = ["measure_id", "measure", "unit", "locality", "period", "value"];

export function fileResponse(body: string, type: "csv" | "json", name: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": type === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `inline; filename="${name}.${type}"`,
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
