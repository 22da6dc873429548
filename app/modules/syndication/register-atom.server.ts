/**
 * The Right to Challenge register as an Atom feed (issue 16): what the public register page shows
 * and nothing more — it is built from the register's own list (`listRegister`: submitted
 * expressions of interest only, never a draft, never the parts a group marked confidential, whose
 * answers are not even read here). One entry per expression of interest, with a stable id, updated
 * when it moves on in public (received, acknowledged, decided: the decision notice).
 */
import type { Database } from "../../../db/client";
import { formatDate } from "../../lib/dates";
import { listRegister } from "../challenges/challenges.server";
import { STATUS_LABELS } from "../challenges/transitions";
import { atom, councilName } from "./atom.server";

export async function challengeRegisterFeed(db: Database, origin: string): Promise<string> {
  const [rows, author] = await Promise.all([listRegister(db, {}), councilName(db)]);
  const shown = rows.slice(0, 200);
  const ids = shown.map((r) => r.id);
  const steps = ids.length
    ? await db
        .selectFrom("challenge_eois as e")
        .leftJoin("challenge_decision_notices as d", "d.eoi_id", "e.id")
        .select(["e.id", "e.submitted_at", "e.acknowledged_at", "e.decided_at", "d.issued_at"])
        .where("e.id", "in", ids)
        .execute()
    : [];
  const updatedOf = new Map(steps.map((s) => [s.id, new Date(Math.max(...[s.submitted_at, s.acknowledged_at, s.decided_at, s.issued_at].filter((d): d is Date => d instanceof Date).map((d) => d.getTime()), 0))]));
  return atom(
    {
      title: `${author}: Right to Challenge register`,
      path: "/challenges/register",
      selfPath: "/challenges/register.atom",
      description: "Expressions of interest in running a council service (Community Right to Challenge), their status and the council's decisions.",
      entries: shown.map((r) => ({
        id: `challenge:${r.id}`,
        title: `EOI-${r.id} ${r.title}: ${STATUS_LABELS[r.status]}`,
        path: `/challenges/register/${r.id}`,
        updated: updatedOf.get(r.id) ?? new Date(0),
        summary: [
          `${r.groupName} expressed an interest in running ${r.serviceName ?? "a council service"}${r.localities.length ? ` (${r.localities.join(", ")})` : ""}${r.submittedOn ? `, received on ${formatDate(r.submittedOn)}` : ""}.`,
          `Status: ${STATUS_LABELS[r.status]}.`,
          ...(r.decision ? [`Decision: ${r.decision}.${r.decisionReasons ? ` ${r.decisionReasons}` : ""}`] : []),
          ...(r.grounds.length ? [`Grounds: ${r.grounds.join("; ")}`] : []),
        ].join("\n\n"),
      })),
    },
    origin,
    author,
  );
}
