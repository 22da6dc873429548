/**
 * Demo boards: one locality board per locality with fictional members (the demo chair and member
 * accounts sit on the Northgate board), a register of interests, and for Northgate two past
 * meetings (the first with approved minutes, approved by a named vote at the second) plus an
 * upcoming meeting with a published agenda. Other boards get an upcoming published meeting.
 * Idempotent: a board whose slug exists is left alone. Bank holidays are added if missing.
 */
import { draftMinutes } from "../../app/modules/meetings/rules";
import type { Database } from "../client";
import type { AgendaItemKind, BoardMemberKind, BoardMemberRole, InterestKind, MeetingStatus, VoteChoice } from "../tables/boards";
import { BANK_HOLIDAYS } from "./bank-holidays";
import type { SeedContext } from "./context";

interface SeedMember {
  name: string;
  role: BoardMemberRole;
  kind: BoardMemberKind;
  organisation?: string;
  email?: string;
  interests?: { kind: InterestKind; description: string }[];
}

const NORTHGATE_MEMBERS: SeedMember[] = [
  { name: "Cllr Helen Okafor", role: "chair", kind: "elected_councillor", organisation: "Northgate Central ward", email: "chair@moot.example", interests: [{ kind: "other_registrable", description: "Governor, Northgate Primary School" }] },
  { name: "Cllr Tom Reed", role: "vice_chair", kind: "elected_councillor", organisation: "Northgate Riverside ward" },
  { name: "Mei Chen", role: "member", kind: "community_representative", organisation: "Northgate Youth Forum", email: "member@moot.example", interests: [{ kind: "disclosable_pecuniary", description: "Paid coordinator, Northgate Youth Forum" }] },
  { name: "Dr Aisha Bello", role: "member", kind: "commissioner", organisation: "Fenwold District Council, Public Health" },
  { name: "Sam Price", role: "member", kind: "provider", organisation: "Northgate Community Health Trust", interests: [{ kind: "disclosable_pecuniary", description: "Employee of Northgate Community Health Trust" }] },
  { name: "Patrick Dunne", role: "co_opted", kind: "community_representative", organisation: "Northgate Older People’s Network" },
];

const OTHER_MEMBERS = (locality: string): SeedMember[] => [
  { name: `Cllr ${({ riverside: "Dev Patel", eastmere: "Claire Hughes", "hollin-valley": "Ewan Fraser" } as Record<string, string>)[locality] ?? "Alex Moss"}`, role: "chair", kind: "elected_councillor" },
  { name: `Cllr ${({ riverside: "Ruth Adeyemi", eastmere: "Peter Walsh", "hollin-valley": "Nia Roberts" } as Record<string, string>)[locality] ?? "Lee Ward"}`, role: "vice_chair", kind: "elected_councillor" },
  { name: ({ riverside: "Karen Holt", eastmere: "Ben Ashworth", "hollin-valley": "Farah Iqbal" } as Record<string, string>)[locality] ?? "Jo Bell", role: "member", kind: "commissioner", organisation: "Fenwold District Council" },
  { name: ({ riverside: "Luis Ortega", eastmere: "Grace Kim", "hollin-valley": "Owen Price" } as Record<string, string>)[locality] ?? "Ann Law", role: "member", kind: "provider" },
  { name: ({ riverside: "Hannah Moore", eastmere: "Yusuf Ali", "hollin-valley": "Beth Carter" } as Record<string, string>)[locality] ?? "Kim Ray", role: "member", kind: "community_representative" },
];

const DAY = 86_400_000;

export async function seedBoards(db: Database, { now }: SeedContext): Promise<void> {
  await db.insertInto("bank_holidays").values(BANK_HOLIDAYS).onConflict((oc) => oc.column("day").doNothing()).execute();
  const localities = await db.selectFrom("localities").select(["id", "slug", "name"]).orderBy("id").execute();
  const officer = await db.selectFrom("users").select("id").where("email", "=", "officer@moot.example").executeTakeFirst();
  for (const locality of localities) {
    const slug = `${locality.slug}-locality-board`;
    if (await db.selectFrom("boards").select("id").where("slug", "=", slug).executeTakeFirst()) continue;
    const board = await db
      .insertInto("boards")
      .values({
        slug,
        name: `${locality.name} Locality Board`,
        locality_id: locality.id,
        remit: `Brings together councillors, commissioners, providers and community representatives to agree local priorities and spending for ${locality.name}.`,
        terms_of_reference: "The board meets in public at least four times a year, agrees the locality plan, allocates the locality fund and monitors progress against the council plan outcomes.",
        quorum_number: null,
        quorum_fraction: "0.5",
        quorum_minimum: 3,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const members = locality.slug === "northgate" ? NORTHGATE_MEMBERS : OTHER_MEMBERS(locality.slug);
    const ids: number[] = [];
    for (const m of members) {
      const user = m.email ? await db.selectFrom("users").select("id").where("email", "=", m.email).executeTakeFirst() : undefined;
      const row = await db
        .insertInto("board_members")
        .values({ board_id: board.id, user_id: user?.id ?? null, name: m.name, role: m.role, kind: m.kind, organisation: m.organisation ?? "", term_start: "2025-05-01", term_end: "2029-05-01", voting: m.role !== "co_opted" })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
      for (const i of m.interests ?? []) await db.insertInto("member_interests").values({ member_id: row.id, kind: i.kind, description: i.description, registered_on: "2025-05-20" }).execute();
    }
    const upcoming = new Date(now.getTime() + 14 * DAY);
    upcoming.setUTCHours(18, 30, 0, 0);
    if (locality.slug !== "northgate") {
      await meetingWithAgenda(db, board.id, officer?.id ?? null, { title: "Ordinary meeting", startsAt: upcoming, publishedAt: new Date(now.getTime() - 2 * DAY), status: "agenda_published", venue: `${locality.name} Community Centre`, items: standardItems(null) });
      continue;
    }
    // Northgate: two past meetings and an upcoming one.
    const first = new Date(now.getTime() - 63 * DAY);
    first.setUTCHours(18, 30, 0, 0);
    const second = new Date(now.getTime() - 28 * DAY);
    second.setUTCHours(18, 30, 0, 0);
    const [chair, vice, mei, aisha, sam] = ids as [number, number, number, number, number, number];
    const voters = [chair, vice, mei, aisha, sam];
    const outcome = await db.selectFrom("outcome_nodes").select("id").where("title", "=", "Children get the best start").executeTakeFirst();
    const wellbeing = await db.selectFrom("outcome_nodes").select("id").where("title", "=", "Good mental wellbeing").executeTakeFirst();

    const m1 = await meetingWithAgenda(db, board.id, officer?.id ?? null, {
      title: "Ordinary meeting",
      startsAt: first,
      publishedAt: new Date(first.getTime() - 10 * DAY),
      status: "minutes_approved",
      venue: "Northgate Town Hall, Council Chamber",
      items: [
        ...standardItems(null),
        { kind: "decision", title: "Locality fund: youth services grants", summary: "Three applications for grants from the locality fund for youth work in the northern villages.", recommendation: "That the board awards £12,000 to the Northgate Youth Forum for after-school clubs." },
        { kind: "exempt", title: "Lease of the former library building", exemptParagraph: 3, publicInterestReason: "The report contains the commercial terms offered by bidders; disclosing them now would prejudice the council’s negotiating position." },
      ],
    });
    await attend(db, m1.id, [chair, vice, mei, aisha, sam], [ids[5]!]);
    const grantItem = m1.items[4]!;
    await db.insertInto("declarations").values({ agenda_item_id: grantItem, member_id: mei, kind: "disclosable_pecuniary", description: "Paid coordinator, Northgate Youth Forum", leaves: true }).execute();
    const motion1 = await votedMotion(db, grantItem, "That the board awards £12,000 to the Northgate Youth Forum for after-school clubs.", chair, vice, [
      [chair, "for"], [vice, "for"], [aisha, "for"], [sam, "against"],
    ], first);
    const d1 = await db.insertInto("decisions").values({ meeting_id: m1.id, agenda_item_id: grantItem, motion_id: motion1, text: "£12,000 is awarded from the locality fund to the Northgate Youth Forum for after-school clubs in the northern villages.", reasons: "The needs assessment shows little provision for 11 to 16 year olds north of the river, and the proposal was the strongest of the three on value for money.", decided_at: first }).returning("id").executeTakeFirstOrThrow();
    if (outcome) await db.insertInto("decision_outcomes").values({ decision_id: d1.id, outcome_node_id: outcome.id }).execute();
    await setMinutes(db, m1.id, "Northgate Locality Board", "Ordinary meeting", first, "Northgate Town Hall, Council Chamber", new Date(second.getTime() + 2 * 3_600_000));

    const m2 = await meetingWithAgenda(db, board.id, officer?.id ?? null, {
      title: "Ordinary meeting",
      startsAt: second,
      publishedAt: new Date(second.getTime() - 9 * DAY),
      status: "minutes_published",
      venue: "Northgate Town Hall, Council Chamber",
      items: [
        ...standardItems(m1.id),
        { kind: "decision", title: "Mental wellbeing peer support pilot", summary: "A proposal to pilot peer support groups in three community venues.", recommendation: "That the board funds a six-month peer support pilot at a cost of £8,500." },
        { kind: "information", title: "Locality plan: quarterly progress report", summary: "Progress against the locality plan’s measures in the last quarter." },
      ],
    });
    await attend(db, m2.id, voters, []);
    await votedMotion(db, m2.items[2]!, "That the minutes of the meeting held on " + first.toLocaleDateString("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" }) + " be approved as a correct record.", vice, aisha, voters.map((v) => [v, "for"] as [number, VoteChoice]), second);
    const motion2 = await votedMotion(db, m2.items[4]!, "That the board funds a six-month peer support pilot at a cost of £8,500.", aisha, mei, [
      [chair, "for"], [vice, "against"], [mei, "for"], [aisha, "abstain"], [sam, "against"],
    ], second, "for");
    const d2 = await db.insertInto("decisions").values({ meeting_id: m2.id, agenda_item_id: m2.items[4]!, motion_id: motion2, text: "A six-month peer support pilot is funded at a cost of £8,500, in three community venues.", reasons: "Residents told the wellbeing consultation that they want support close to home; the pilot will be evaluated before any longer commitment.", decided_at: second }).returning("id").executeTakeFirstOrThrow();
    if (wellbeing) await db.insertInto("decision_outcomes").values({ decision_id: d2.id, outcome_node_id: wellbeing.id }).execute();
    await setMinutes(db, m2.id, "Northgate Locality Board", "Ordinary meeting", second, "Northgate Town Hall, Council Chamber", null);

    await meetingWithAgenda(db, board.id, officer?.id ?? null, {
      title: "Ordinary meeting",
      startsAt: upcoming,
      publishedAt: new Date(now.getTime() - 1 * DAY),
      status: "agenda_published",
      venue: "Northgate Town Hall, Council Chamber",
      online: "https://meetings.fenwold.example/northgate",
      items: [
        ...standardItems(m2.id),
        { kind: "decision", title: "Winter warm spaces in Northgate", summary: "Proposals for four warm spaces in libraries and community centres this winter.", recommendation: "That the board allocates £6,000 from the locality fund to run four warm spaces from December to March." },
        { kind: "information", title: "Health and wellbeing: what residents told us", summary: "Findings from the autumn consultation." },
        { kind: "exempt", title: "Contract for grounds maintenance", exemptParagraph: 3, publicInterestReason: "The report contains tender prices from named companies; disclosure before award would prejudice the procurement." },
      ],
    });
  }
}

interface SeedItem {
  kind: AgendaItemKind;
  title: string;
  summary?: string;
  recommendation?: string;
  exemptParagraph?: number;
  publicInterestReason?: string;
  previousMeetingId?: number;
}

function standardItems(previousMeetingId: number | null): SeedItem[] {
  return [
    { kind: "apologies", title: "Apologies for absence" },
    { kind: "declarations", title: "Declarations of interest" },
    previousMeetingId
      ? { kind: "minutes", title: "Minutes of the previous meeting", previousMeetingId, recommendation: "That the minutes of the previous meeting are approved as a correct record." }
      : { kind: "information", title: "Welcome and introductions" },
    { kind: "public_questions", title: "Public questions" },
  ];
}

async function meetingWithAgenda(
  db: Database,
  boardId: number,
  officerId: number | null,
  m: { title: string; startsAt: Date; publishedAt: Date; status: MeetingStatus; venue: string; online?: string; items: SeedItem[] },
) {
  const row = await db
    .insertInto("meetings")
    .values({ board_id: boardId, title: m.title, starts_at: m.startsAt, venue: m.venue, online_link: m.online ?? "", status: m.status, agenda_published_at: m.publishedAt, urgency_reason: null, current_item_id: null, minutes: null, minutes_approved_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("meeting_status_changes").values({ meeting_id: row.id, from_status: null, to_status: m.status, by_user_id: officerId }).execute();
  const items: number[] = [];
  for (const [i, item] of m.items.entries()) {
    const it = await db
      .insertInto("agenda_items")
      .values({ meeting_id: row.id, position: i + 1, kind: item.kind, title: item.title, summary: item.summary ?? "", recommendation: item.recommendation ?? "", exempt_paragraph: item.exemptParagraph ?? null, public_interest_reason: item.publicInterestReason ?? null, previous_meeting_id: item.previousMeetingId ?? null })
      .returning("id")
      .executeTakeFirstOrThrow();
    items.push(it.id);
  }
  return { id: row.id, items };
}

async function attend(db: Database, meetingId: number, present: number[], apologies: number[]) {
  const rows = [
    ...present.map((member_id) => ({ meeting_id: meetingId, member_id, status: "present" as const, arrived_at: null, left_at: null })),
    ...apologies.map((member_id) => ({ meeting_id: meetingId, member_id, status: "apologies" as const, arrived_at: null, left_at: null })),
  ];
  await db.insertInto("attendance").values(rows).execute();
}

async function votedMotion(db: Database, itemId: number, text: string, proposer: number, seconder: number, votes: [number, VoteChoice][], at: Date, casting: VoteChoice | null = null) {
  const count = (c: VoteChoice) => votes.filter(([, v]) => v === c).length;
  const carried = count("for") > count("against") || (count("for") === count("against") && casting === "for");
  const row = await db
    .insertInto("motions")
    .values({ agenda_item_id: itemId, amends_motion_id: null, text, proposer_id: proposer, seconder_id: seconder, status: carried ? "carried" : "lost", votes_for: count("for"), votes_against: count("against"), abstentions: count("abstain"), casting_vote: casting, decided_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("votes").values(votes.map(([member_id, choice]) => ({ motion_id: row.id, member_id, choice, cast_at: at }))).execute();
  return row.id;
}

/** Minutes written by the same drafting rule the clerk's "draft minutes" button uses. */
async function setMinutes(db: Database, meetingId: number, boardName: string, title: string, startsAt: Date, venue: string, approvedAt: Date | null) {
  const items = await db.selectFrom("agenda_items").selectAll().where("meeting_id", "=", meetingId).orderBy("position").execute();
  const attendance = await db.selectFrom("attendance as a").innerJoin("board_members as bm", "bm.id", "a.member_id").select(["bm.name", "a.status"]).where("a.meeting_id", "=", meetingId).execute();
  const record = [];
  for (const item of items) {
    const declarations = await db.selectFrom("declarations as d").innerJoin("board_members as bm", "bm.id", "d.member_id").select(["bm.name", "d.kind", "d.description", "d.leaves"]).where("d.agenda_item_id", "=", item.id).execute();
    const motions = await db.selectFrom("motions as m").innerJoin("board_members as p", "p.id", "m.proposer_id").innerJoin("board_members as s", "s.id", "m.seconder_id").select(["m.id", "m.text", "m.status", "m.casting_vote", "p.name as proposer", "s.name as seconder"]).where("m.agenda_item_id", "=", item.id).execute();
    const withVotes = [];
    for (const m of motions) {
      const votes = await db.selectFrom("votes as v").innerJoin("board_members as bm", "bm.id", "v.member_id").select(["bm.name", "v.choice"]).where("v.motion_id", "=", m.id).orderBy("bm.name").execute();
      withVotes.push({ text: m.text, amendment: false, proposer: m.proposer, seconder: m.seconder, status: m.status, votes, casting: m.casting_vote });
    }
    const decisions = await db.selectFrom("decisions").select(["text", "reasons"]).where("agenda_item_id", "=", item.id).execute();
    record.push({ number: item.position, kind: item.kind, title: item.title, exemptParagraph: item.exempt_paragraph, declarations, motions: withVotes, decisions });
  }
  const minutes = draftMinutes({ boardName, title, startsAt, venue, attendance: attendance.map((a) => ({ name: a.name, status: a.status, arrivedLate: null, leftEarly: null })), items: record });
  await db.updateTable("meetings").set({ minutes, minutes_approved_at: approvedAt }).where("id", "=", meetingId).execute();
}
