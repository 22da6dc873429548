/**
 * Pages ask the same permission rule as the module behind them. A locality-scoped officer or
 * moderator reaches the pages whose modules let them act in their locality, and the module (not
 * the page) refuses another locality; someone the module would refuse is refused at the page.
 * Loaders and actions run with real requests, sessions and database (test/support/routes.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as boardsIndex from "../../app/routes/boards._index";
import * as boardsNew from "../../app/routes/boards.new";
import * as consultationsIndex from "../../app/routes/consultations._index";
import * as evidenceEdit from "../../app/routes/evidence.$id_.edit";
import * as evidenceIndex from "../../app/routes/evidence._index";
import * as evidenceNew from "../../app/routes/evidence.new";
import * as moderation from "../../app/routes/moderation";
import * as officerConsultations from "../../app/routes/officer.consultations._index";
import * as officerConsultationsNew from "../../app/routes/officer.consultations.new";
import { createEvidence } from "../../app/modules/evidence/evidence.server";
import { flagComment, postComment } from "../../app/modules/feeds/feeds.server";
import { grantRole } from "../../app/modules/roles/roles.server";
import { localityFeedId } from "../realtime/support/feed-clients";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { evidenceInput } from "../support/evidence";
import { callRoute } from "../support/routes";

const t = useTestDatabase({ seeded: true });

let northgate: number;
let riverside: number;
let localOfficer: string; // officer in Northgate only
let localModerator: string; // moderator in Riverside only

async function withGrant(role: string, localityId: number, name: string) {
  const admin = await actorFor(t.db, "admin@moot.example");
  const person = await newResident(t.db, name);
  const granted = await grantRole(t.db, admin, { email: person.user!.email, role, scope: "locality", localityId: String(localityId), boardId: "" });
  if (!granted.ok) throw new Error(JSON.stringify(granted.errors));
  return person.user!.email;
}

const evidenceForm = (overrides: Record<string, string> = {}) =>
  evidenceInput({ title: "Northgate bus use survey", summary: "How people in Northgate travel to the market", ...overrides });

const evidenceCount = async () => Number((await t.db.selectFrom("evidence_items").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  const id = async (slug: string) => (await t.db.selectFrom("localities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  northgate = await id("northgate");
  riverside = await id("riverside");
  localOfficer = await withGrant("officer", northgate, "Nadia Northgate Officer");
  localModerator = await withGrant("moderator", riverside, "Rhys Riverside Moderator");
});

describe("evidence pages for a locality-scoped officer", () => {
  it("reaches Add evidence and adds evidence for their locality, but not for another or council-wide", async () => {
    const page = await callRoute(evidenceNew, { db: t.db, as: localOfficer, url: "/evidence/new" });
    expect(page.status).toBe(200);

    const before = await evidenceCount();
    const elsewhere = await callRoute(evidenceNew, { db: t.db, as: localOfficer, url: "/evidence/new", form: evidenceForm({ localityId: String(riverside) }) });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.data).toMatchObject({ ok: false, errors: { localityId: expect.any(String) }, values: { title: "Northgate bus use survey" } });
    const councilWide = await callRoute(evidenceNew, { db: t.db, as: localOfficer, url: "/evidence/new", form: evidenceForm() });
    expect(councilWide.status).toBe(403);
    expect(await evidenceCount()).toBe(before);

    const added = await callRoute(evidenceNew, { db: t.db, as: localOfficer, url: "/evidence/new", form: evidenceForm({ localityId: String(northgate) }) });
    expect(added.status).toBe(302);
    expect(added.location).toMatch(/^\/evidence\/\d+$/);
    expect(await evidenceCount()).toBe(before + 1);
  });

  it("sees the Add evidence link in the library", async () => {
    const library = await callRoute<{ canManage: boolean }>(evidenceIndex, { db: t.db, as: localOfficer, url: "/evidence" });
    expect(library.data.canManage).toBe(true);
    const resident = await callRoute<{ canManage: boolean }>(evidenceIndex, { db: t.db, as: "resident@moot.example", url: "/evidence" });
    expect(resident.data.canManage).toBe(false);
  });

  it("changes their locality's evidence, and cannot open another locality's for changing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const make = async (localityId: number) => {
      const made = await createEvidence(t.db, officer, evidenceForm({ localityId: String(localityId) }));
      if (!made.ok) throw new Error(JSON.stringify(made.errors));
      return String(made.value.evidenceId);
    };
    const ours = await make(northgate);
    const theirs = await make(riverside);
    const edit = await callRoute(evidenceEdit, { db: t.db, as: localOfficer, url: `/evidence/${ours}/edit`, params: { id: ours } });
    expect(edit.status).toBe(200);
    const saved = await callRoute(evidenceEdit, { db: t.db, as: localOfficer, url: `/evidence/${ours}/edit`, params: { id: ours }, form: evidenceForm({ localityId: String(northgate), title: "Northgate bus use survey (revised)" }) });
    expect(saved).toMatchObject({ status: 302, location: `/evidence/${ours}?changed=1` });
    const other = await callRoute(evidenceEdit, { db: t.db, as: localOfficer, url: `/evidence/${theirs}/edit`, params: { id: theirs } });
    expect(other.status).toBe(404);
    const refused = await callRoute(evidenceEdit, { db: t.db, as: localOfficer, url: `/evidence/${theirs}/edit`, params: { id: theirs }, form: evidenceForm({ localityId: String(riverside), title: "Taken over" }) });
    expect(refused.status).toBe(403);
    expect((await t.db.selectFrom("evidence_items").select("title").where("id", "=", Number(theirs)).executeTakeFirstOrThrow()).title).toBe("Northgate bus use survey");
  });

  it("someone who manages evidence nowhere is refused at the page; a visitor is sent to sign in", async () => {
    expect((await callRoute(evidenceNew, { db: t.db, as: "resident@moot.example", url: "/evidence/new" })).status).toBe(403);
    expect((await callRoute(evidenceNew, { db: t.db, as: "moderator@moot.example", url: "/evidence/new" })).status).toBe(403);
    const visitor = await callRoute(evidenceNew, { db: t.db, url: "/evidence/new" });
    expect(visitor).toMatchObject({ status: 302, location: "/sign-in?returnTo=%2Fevidence%2Fnew" });
  });
});

describe("the moderation queue for a locality-scoped moderator", () => {
  it("shows only reports, hidden comments and discussions in their localities, and hides only there", async () => {
    const [author, reporter] = [await newResident(t.db, "Author"), await newResident(t.db, "Reporter")];
    const report = async (slug: string, body: string) => {
      const posted = await postComment(t.db, author, { feedId: await localityFeedId(t.db, slug), body });
      if (!posted.ok) throw new Error(JSON.stringify(posted.errors));
      expect((await flagComment(t.db, reporter, { commentId: posted.value.comment.id, reason: "Rude" })).ok).toBe(true);
      return posted.value.comment.id;
    };
    const inRiverside = await report("riverside", "Riverside is rubbish");
    const inNorthgate = await report("northgate", "Northgate is rubbish");

    const queue = await callRoute<{ flagged: { id: number }[]; feeds: { id: number; localityId: number | null }[] }>(moderation, { db: t.db, as: localModerator, url: "/moderation" });
    expect(queue.status).toBe(200);
    expect(queue.data.flagged.map((c) => c.id)).toContain(inRiverside);
    expect(queue.data.flagged.map((c) => c.id)).not.toContain(inNorthgate);
    expect(queue.data.feeds.length).toBeGreaterThan(0);
    expect(queue.data.feeds.every((f) => f.localityId === riverside)).toBe(true);

    // a council-wide moderator sees both
    const council = await callRoute<{ flagged: { id: number }[] }>(moderation, { db: t.db, as: "moderator@moot.example", url: "/moderation" });
    expect(council.data.flagged.map((c) => c.id)).toEqual(expect.arrayContaining([inRiverside, inNorthgate]));

    const hideOther = await callRoute(moderation, { db: t.db, as: localModerator, url: "/moderation", form: { intent: "hide", commentId: String(inNorthgate), reason: "Rude" } });
    expect(hideOther.status).toBe(403);
    const hide = await callRoute(moderation, { db: t.db, as: localModerator, url: "/moderation", form: { intent: "hide", commentId: String(inRiverside), reason: "Rude" } });
    expect(hide).toMatchObject({ status: 200, data: { ok: true } });
    const states = await t.db.selectFrom("comments").select(["id", "state"]).where("id", "in", [inRiverside, inNorthgate]).orderBy("id").execute();
    expect(states).toEqual([{ id: inRiverside, state: "hidden" }, { id: inNorthgate, state: "visible" }]);

    const hidden = await callRoute<{ hidden: { id: number }[] }>(moderation, { db: t.db, as: localModerator, url: "/moderation" });
    expect(hidden.data.hidden.map((c) => c.id)).toContain(inRiverside);
  });

  it("someone who moderates nowhere is refused", async () => {
    expect((await callRoute(moderation, { db: t.db, as: "resident@moot.example", url: "/moderation" })).status).toBe(403);
    expect((await callRoute(moderation, { db: t.db, as: localOfficer, url: "/moderation" })).status).toBe(403);
  });
});

describe("other pages agree with their modules", () => {
  it("a locality officer reaches creating a consultation and a board, and is offered them; a resident is refused at the page", async () => {
    for (const route of [officerConsultationsNew, boardsNew]) {
      expect((await callRoute(route, { db: t.db, as: localOfficer })).status).toBe(200);
      expect((await callRoute(route, { db: t.db, as: "resident@moot.example" })).status).toBe(403);
    }
    expect((await callRoute<{ canCreate: boolean }>(boardsIndex, { db: t.db, as: localOfficer })).data.canCreate).toBe(true);
    expect((await callRoute<{ canCreate: boolean }>(boardsIndex, { db: t.db, as: "resident@moot.example" })).data.canCreate).toBe(false);
    expect((await callRoute<{ mayManage: boolean }>(consultationsIndex, { db: t.db, as: localOfficer, url: "/consultations" })).data.mayManage).toBe(true);
    expect((await callRoute<{ mayManage: boolean }>(consultationsIndex, { db: t.db, as: "analyst@moot.example", url: "/consultations" })).data.mayManage).toBe(false);
  });

  it("a locality officer's consultation list holds only consultations they may manage", async () => {
    const list = await callRoute<{ consultations: { whole_council: boolean; locality_ids: number[] }[] }>(officerConsultations, { db: t.db, as: localOfficer });
    expect(list.status).toBe(200);
    const rows = list.data.consultations;
    const all = await callRoute<{ consultations: unknown[] }>(officerConsultations, { db: t.db, as: "officer@moot.example" });
    expect(rows.length).toBeLessThan(all.data.consultations.length);
    expect(rows.every((r) => !r.whole_council && r.locality_ids.every((id) => id === northgate))).toBe(true);
    expect((await callRoute(officerConsultations, { db: t.db, as: "resident@moot.example" })).status).toBe(403);
  });
});
