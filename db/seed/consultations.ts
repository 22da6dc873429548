/**
 * Demo consultations: one open now with a question of every type, one closed with published
 * "we asked, you said, we did" results and some responses, one scheduled. Skips any that exist (by title).
 */
import type { Database } from "../client";
import type { ConsultationStatus, PublishConsent, QuestionKind } from "../tables/consultations";

const DAY = 24 * 60 * 60 * 1000;

export const OPEN_TITLE = "Riverside park: play area and lighting";
export const CLOSED_TITLE = "Northgate market day: moving to Saturdays";
export const UPCOMING_TITLE = "Hollin Valley bus routes review";

interface SeedQuestion {
  kind: QuestionKind;
  prompt: string;
  help?: string;
  required?: boolean;
  options?: string[];
  maxLength?: number;
  min?: number;
  max?: number;
}

const GUNNING = {
  no_decision_statement: "No decision has been taken. The council will decide only after considering every response.",
  who_is_consulted: "Everyone who lives, works or studies in the localities named, and groups that use the area.",
  how_responses_used: "Officers will read every response, group comments into themes and report them to the locality board before it decides.",
  privacy_notice: "Fenwold District Council uses your response only for this consultation. We publish responses only if you agree, and we remove your name from responses two years after the consultation closes.",
  contact: "engagement@fenwold.example or 01632 960 000",
};

async function createConsultation(
  db: Database,
  c: { title: string; summary: string; background: string; proposal: string; options: string; localities: string[]; opensAt: Date; closesAt: Date; status: ConsultationStatus },
  sections: { title: string; questions: SeedQuestion[] }[],
  officerId: number,
) {
  const row = await db
    .insertInto("consultations")
    .values({
      title: c.title,
      summary: c.summary,
      background: c.background,
      proposal: c.proposal,
      options_considered: c.options,
      ...GUNNING,
      opens_at: c.opensAt,
      closes_at: c.closesAt,
      status: c.status,
      retention_until: new Date(c.closesAt.getTime() + 730 * DAY).toISOString().slice(0, 10),
      created_by: officerId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const localities = await db.selectFrom("localities").select("id").where("slug", "in", c.localities).execute();
  await db.insertInto("consultation_localities").values(localities.map((l) => ({ consultation_id: row.id, locality_id: l.id }))).execute();
  const outcome = await db.selectFrom("outcome_nodes").select("id").where("title", "=", "Safe and connected communities").executeTakeFirst();
  if (outcome) await db.insertInto("consultation_outcomes").values({ consultation_id: row.id, outcome_node_id: outcome.id }).execute();
  const path: ConsultationStatus[] = ["draft", "scheduled", "open", "closed", "results_published"];
  const upTo = path.indexOf(c.status);
  for (let i = 0; i <= upTo; i++) {
    const to = path[i]!;
    const at = to === "open" ? c.opensAt : to === "closed" ? c.closesAt : to === "results_published" ? new Date(c.closesAt.getTime() + 14 * DAY) : new Date(c.opensAt.getTime() - (2 - i) * 7 * DAY);
    await db
      .insertInto("consultation_status_changes")
      .values({ consultation_id: row.id, from_status: i ? path[i - 1]! : null, to_status: to, changed_by: to === "open" || to === "closed" ? null : officerId, reason: to === "open" ? "Opened at the set time" : to === "closed" ? "Closed at the set time" : "", at })
      .execute();
  }
  const questions: { id: number; kind: QuestionKind; options: number[] }[] = [];
  for (const [s, section] of sections.entries()) {
    const sec = await db.insertInto("consultation_sections").values({ consultation_id: row.id, position: s + 1, title: section.title }).returning("id").executeTakeFirstOrThrow();
    for (const [p, q] of section.questions.entries()) {
      const qr = await db
        .insertInto("consultation_questions")
        .values({ consultation_id: row.id, section_id: sec.id, position: p + 1, kind: q.kind, prompt: q.prompt, help_text: q.help ?? "", required: q.required ?? false, max_length: q.kind === "free_text" ? (q.maxLength ?? 1000) : null, min_number: q.min ?? null, max_number: q.max ?? null })
        .returning("id")
        .executeTakeFirstOrThrow();
      const options = q.options?.length
        ? await db.insertInto("consultation_question_options").values(q.options.map((label, i) => ({ question_id: qr.id, position: i + 1, label }))).returning("id").execute()
        : [];
      questions.push({ id: qr.id, kind: q.kind, options: options.map((o) => o.id) });
    }
  }
  return { id: row.id, questions };
}

const PARK_SECTIONS = [
  {
    title: "The play area",
    questions: [
      { kind: "single_choice" as const, prompt: "Which play area design do you prefer?", required: true, options: ["Design A: natural play with logs and sand", "Design B: climbing frame and slides", "Keep the current play area"] },
      { kind: "agree_scale" as const, prompt: "The park needs better lighting along the river path.", required: true },
      { kind: "multiple_choice" as const, prompt: "When do you use the park?", help: "Select all that apply.", options: ["Weekday mornings", "Weekday evenings", "Weekends", "School holidays"] },
    ],
  },
  {
    title: "Priorities and your comments",
    questions: [
      { kind: "ranking" as const, prompt: "Rank these improvements, 1 being the most important to you.", options: ["Lighting", "Play area", "Toilets", "Seating"] },
      { kind: "number" as const, prompt: "How many times a month do you visit the park?", min: 0, max: 100 },
      { kind: "free_text" as const, prompt: "Is there anything else you want to tell us about the proposals?", maxLength: 1000 },
    ],
  },
];

export async function seedConsultations(db: Database, { now, passwordHash }: { now: Date; passwordHash: string }): Promise<void> {
  const officer = await db.selectFrom("users").select("id").where("email", "=", "officer@moot.example").executeTakeFirstOrThrow();
  const exists = async (title: string) => Boolean(await db.selectFrom("consultations").select("id").where("title", "=", title).executeTakeFirst());

  if (!(await exists(OPEN_TITLE))) {
    await createConsultation(
      db,
      {
        title: OPEN_TITLE,
        summary: "We want your views on a new play area and better lighting in Riverside park before we decide what to build.",
        background: "The play area is 25 years old and two pieces of equipment failed their last safety inspection. Residents have reported that the river path is too dark in winter. £180,000 is available from developer contributions.",
        proposal: "Replace the play area with one of two designs and add low-level lighting along the river path between the bridge and the estate.",
        options: "Option 1: repair the current equipment (rejected: the manufacturer no longer makes parts). Option 2: Design A, natural play. Option 3: Design B, climbing frame. Option 4: lighting only.",
        localities: ["riverside", "northgate"],
        opensAt: new Date(now.getTime() - 7 * DAY),
        closesAt: new Date(now.getTime() + 42 * DAY),
        status: "open",
      },
      PARK_SECTIONS,
      officer.id,
    );
  }

  if (!(await exists(UPCOMING_TITLE))) {
    await createConsultation(
      db,
      {
        title: UPCOMING_TITLE,
        summary: "Tell us how you use the valley bus routes before we plan next year's services.",
        background: "The county's bus funding for rural routes changes next April.",
        proposal: "Merge routes 41 and 42 and add a demand-responsive service on Sundays.",
        options: "Keep both routes (not affordable after April); merge the routes; replace them with a demand-responsive service only.",
        localities: ["hollin-valley"],
        opensAt: new Date(now.getTime() + 10 * DAY),
        closesAt: new Date(now.getTime() + 10 * DAY + 56 * DAY),
        status: "scheduled",
      },
      [{ title: "Your journeys", questions: [{ kind: "free_text", prompt: "Where do you travel to by bus?", required: true }] }],
      officer.id,
    );
  }

  if (!(await exists(CLOSED_TITLE))) {
    const closed = await createConsultation(
      db,
      {
        title: CLOSED_TITLE,
        summary: "We asked whether Northgate's weekly market should move from Wednesdays to Saturdays.",
        background: "Stallholders reported falling footfall on Wednesdays.",
        proposal: "Move the weekly market to Saturdays from the spring.",
        options: "Keep Wednesdays; move to Saturdays; hold markets on both days (rejected: not enough stallholders for two days).",
        localities: ["northgate"],
        opensAt: new Date(now.getTime() - 120 * DAY),
        closesAt: new Date(now.getTime() - 60 * DAY),
        status: "results_published",
      },
      [
        {
          title: "Market day",
          questions: [
            { kind: "single_choice", prompt: "Which day should the market be held on?", required: true, options: ["Wednesday", "Saturday", "No preference"] },
            { kind: "free_text", prompt: "Tell us why.", maxLength: 1000 },
          ],
        },
      ],
      officer.id,
    );
    await db
      .updateTable("consultations")
      .set({
        results_summary: "Most people who responded want the market on Saturdays, mainly because they work on weekdays. Some older residents value the quieter Wednesday market.",
        decision: "The market will move to Saturdays from April. A smaller Wednesday farmers' market will be trialled for six months.",
        decided_by: "Northgate locality board, at its meeting on 14 October",
      })
      .where("id", "=", closed.id)
      .execute();
    const [dayQ, whyQ] = closed.questions as [typeof closed.questions[number], typeof closed.questions[number]];
    const northgate = await db.selectFrom("localities").select("id").where("slug", "=", "northgate").executeTakeFirstOrThrow();
    const theme = await db.insertInto("consultation_themes").values({ consultation_id: closed.id, name: "Work and weekday commitments", description: "People who cannot visit on weekdays" }).returning("id").executeTakeFirstOrThrow();
    const theme2 = await db.insertInto("consultation_themes").values({ consultation_id: closed.id, name: "Quieter market for older residents" }).returning("id").executeTakeFirstOrThrow();
    const people: [string, string, number, PublishConsent, string, number | null][] = [
      ["Alan Brook", "respondent1@moot.example", 1, "named", "I work Monday to Friday, so I can only go on Saturdays.", theme.id],
      ["Bea Cole", "respondent2@moot.example", 1, "anonymous", "Saturday would bring families into town.", theme.id],
      ["Carl Dunn", "respondent3@moot.example", 0, "named", "Wednesday is quieter and easier for me with my walking frame.", theme2.id],
      ["Dina Ellis", "respondent4@moot.example", 1, "not_published", "My shift pattern means Saturday suits me.", theme.id],
      ["Evan Ford", "respondent5@moot.example", 2, "anonymous", "", null],
      ["Fay Green", "respondent6@moot.example", 1, "named", "Weekends are the only time I shop locally.", theme.id],
      ["Gus Hale", "respondent7@moot.example", 0, "anonymous", "Keep a small market midweek for pensioners.", theme2.id],
    ];
    for (const [i, [name, email, choice, consent, why, themeId]] of people.entries()) {
      const user = await db
        .insertInto("users")
        .values({ email, display_name: name, password_hash: passwordHash, home_locality_id: northgate.id })
        .onConflict((oc) => oc.column("email").doUpdateSet({ display_name: name }))
        .returning("id")
        .executeTakeFirstOrThrow();
      const submittedAt = new Date(now.getTime() - (110 - i * 5) * DAY);
      const response = await db
        .insertInto("consultation_responses")
        .values({ consultation_id: closed.id, user_id: user.id, locality_id: northgate.id, reference: `C${closed.id}-DEMO-${String(i + 1).padStart(4, "0")}`, status: "submitted", consent, started_at: submittedAt, updated_at: submittedAt, submitted_at: submittedAt })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("consultation_answers").values({ response_id: response.id, question_id: dayQ.id, option_ids: [dayQ.options[choice]!] }).execute();
      if (why) {
        await db.insertInto("consultation_answers").values({ response_id: response.id, question_id: whyQ.id, text_value: why }).execute();
        if (themeId) await db.insertInto("consultation_answer_themes").values({ response_id: response.id, question_id: whyQ.id, theme_id: themeId, tagged_by: officer.id }).execute();
      }
      await db
        .insertInto("consultation_equality")
        .values({ response_id: response.id, consultation_id: closed.id, age_band: i < 5 ? "35 to 44" : "65 to 74", sex: i % 2 ? "Female" : "Male", disability: "Prefer not to say", ethnicity: null, religion: null, sexual_orientation: null })
        .execute();
    }
  }
}
