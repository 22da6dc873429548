/** The clerk's page to choose what a decision or an agenda item cites (see citations-route.server.ts). */
import { Form, Link } from "@remix-run/react";
import { Button, ErrorSummary, useFormState } from "~/components/govuk/form";
import type { CitationChoices } from "../decisions.server";
import { CitationPicker } from "./CitationPicker";

export interface CitationsPageData {
  kind: "board_decision" | "agenda_item";
  board_name: string;
  item_title: string;
  position: number;
  text: string;
  back: string;
  current: { evidenceItemIds: number[]; outcomeNodeIds: number[] };
  choices: CitationChoices;
}

export function CitationsPage({ d }: { d: CitationsPageData }) {
  const form = useFormState({ evidenceItemIds: d.current.evidenceItemIds.map(String), outcomeNodeIds: d.current.outcomeNodeIds.map(String) });
  const what = d.kind === "board_decision" ? "decision" : "report";
  return (
    <>
      <Link to={d.back} className="govuk-back-link">Back</Link>
      <ErrorSummary form={form} />
      <span className="govuk-caption-l">{d.board_name}: item {d.position}, {d.item_title}</span>
      <h1 className="govuk-heading-l">Evidence and outcomes for this {what}</h1>
      {d.text && <p className="govuk-body">{d.text}</p>}
      <Form method="post" noValidate>
        <CitationPicker form={form} choices={d.choices} />
        <Button>Save the evidence and outcomes</Button>
      </Form>
    </>
  );
}
