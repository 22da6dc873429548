import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SummaryList } from "~/components/govuk/content";
import { getPublicEoi } from "~/modules/challenges/challenges.server";
import { DecisionNotice, EoiAnswers, EvidenceConsidered, History, StatusTag } from "~/modules/challenges/components/EoiParts";
import { sectionsFor } from "~/modules/challenges/answers";
import { orThrow } from "~/modules/challenges/routes.server";
import { londonDay } from "~/modules/challenges/deadlines";
import { rowIdParam } from "~/lib/http.server";
import { decisionsAbout } from "~/modules/commissioning/decision-subjects.server";
import { DecisionsCiting } from "~/modules/commissioning/components/DecisionsCiting";

export const handle = { title: (data: unknown) => (data as { eoi?: { title: string } })?.eoi?.title ?? "Expression of interest" };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const page = orThrow(await getPublicEoi(context.db, rowIdParam(params.id)));
  return { ...page, citingDecisions: await decisionsAbout(context.db, "challenge", page.eoi.id, context.actor) };
}

export default function PublicEoi() {
  const { eoi, events, notice, considered, citingDecisions } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="govuk-caption-l">Expression of interest EOI-{eoi.id}</span>
      <h1 className="govuk-heading-l">{eoi.title}</h1>
      <SummaryList
        rows={[
          { key: "Group", value: eoi.groupName },
          { key: "Status", value: <StatusTag status={eoi.status} /> },
          { key: "Received", value: eoi.submittedAt ? londonDay(new Date(eoi.submittedAt)) : "" },
          ...(eoi.decisionDueOn ? [{ key: "Decision due by", value: eoi.decisionDueOn }] : []),
        ]}
      />
      {notice && <DecisionNotice notice={notice} />}
      <DecisionsCiting decisions={citingDecisions} what="expression of interest" />
      {(considered.evidence.length > 0 || considered.outcomes.length > 0) && <EvidenceConsidered considered={considered} empty="No published evidence recorded." />}
      <EoiAnswers eoi={eoi} sections={sectionsFor(eoi.groupKind)} />
      <History events={events} />
      <p className="govuk-body"><a className="govuk-link" href="/challenges/register">Back to the register</a></p>
    </>
  );
}
