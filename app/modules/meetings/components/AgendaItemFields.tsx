/**
 * The fields of an agenda item, by its type: a report for decision asks for the recommendation
 * (the decision sought); a report for information does not; an exempt item asks for the paragraph
 * of Schedule 12A to the Local Government Act 1972 and the public interest test; the minutes item
 * asks which meeting's minutes. Choosing the type reveals its fields (GOV.UK conditional reveal,
 * done by CSS so it works without JavaScript); with a fixed type only that type's fields show.
 */
import type { ReactNode } from "react";
import { AGENDA_ITEM_KINDS, type AgendaItemKind } from "../../../../db/tables/boards";
import { Radios, Select, Textarea, TextInput, type FormState } from "../../../components/govuk/form";
import { AGENDA_ITEM_LABELS, SCHEDULE_12A } from "../schema";

const HINTS: Partial<Record<AgendaItemKind, string>> = {
  decision: "The board is asked to decide something: give the recommendation.",
  information: "The board notes a report; nothing is decided.",
  exempt: "Considered in private: the press and public are excluded by resolution.",
  minutes: "The board approves the minutes of an earlier meeting as a correct record.",
};

/** Only the fields a type of item has (besides its title and summary). */
export function KindFields({ kind, form, previousMeetings, revealed = false }: { kind: AgendaItemKind; form: FormState; previousMeetings: { id: number; title: string; when: string }[]; revealed?: boolean }): ReactNode {
  switch (kind) {
    case "decision":
      return <Textarea form={form} name="recommendation" label="Recommendation: the decision sought" hint="For example, “That the board allocates £6,000 from the locality fund to run four warm spaces.”" rows={3} />;
    case "exempt":
      return (
        <>
          <Select form={form} name="exemptParagraph" label="Paragraph of Schedule 12A that applies" hint="Part 1 of Schedule 12A to the Local Government Act 1972." placeholder="Choose a paragraph" options={Object.entries(SCHEDULE_12A).map(([n, text]) => ({ value: n, label: `Paragraph ${n}: ${text}` }))} />
          <Textarea form={form} name="publicInterestReason" label="Public interest test" hint="Why the public interest in keeping the information private outweighs the public interest in disclosing it." rows={3} />
          {/* Under the type radios a field name appears once: the recommendation field is the decision item's. */}
          {!revealed && <Textarea form={form} name="recommendation" label="Recommendation (optional)" hint="Members see it; the public does not." rows={2} />}
        </>
      );
    case "minutes":
      return <Select form={form} name="previousMeetingId" label="Meeting whose minutes are to be approved" placeholder="Choose a meeting" options={previousMeetings.map((p) => ({ value: String(p.id), label: `${p.title}, ${p.when}` }))} />;
    default:
      return null;
  }
}

export function AgendaItemFields({ form, previousMeetings, kind, kinds = AGENDA_ITEM_KINDS }: { form: FormState; previousMeetings: { id: number; title: string; when: string }[]; kind?: AgendaItemKind; kinds?: readonly AgendaItemKind[] }) {
  return (
    <>
      {kind ? (
        <input type="hidden" name="kind" value={kind} />
      ) : (
        <Radios
          form={form}
          name="kind"
          label="Type of item"
          options={kinds.map((k) => {
            const fields = KindFields({ kind: k, form, previousMeetings, revealed: true });
            return { value: k, label: AGENDA_ITEM_LABELS[k], hint: HINTS[k], conditional: fields ?? undefined };
          })}
        />
      )}
      <TextInput form={form} name="title" label="Title" />
      <Textarea form={form} name="summary" label="Summary (optional)" hint={kind === "exempt" ? "Members only: the public sees the title and the paragraph." : kind ? "What the item is about, in a sentence or two." : "What the item is about, in a sentence or two. For an exempt item, only members see it."} rows={3} />
      {kind && <KindFields kind={kind} form={form} previousMeetings={previousMeetings} />}
    </>
  );
}
