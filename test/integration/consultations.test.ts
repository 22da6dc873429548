import { describe, expect, it } from "vitest";
import { addQuestion, addSection, advanceConsultations, startConsultationClock, changeStatus, createConsultation, deleteQuestion, moveQuestion, questionFormValues, updateQuestion, getConsultationPage, listHub, loadQuestionnaire, periodWarning, QUESTIONS_LOCKED, statusHistory, updateConsultation } from "../../app/modules/consultations/consultations.server";
import { createTheme, equalityAggregate, getAnalysis, exportTable, getResults, publishResults, summariseQuestions, toCsv, toggleTag, toXlsx, freeTextAnswers } from "../../app/modules/consultations/analysis.server";
import { anonymiseExpiredResponses } from "../../app/modules/consultations/retention.server";
import { getMyResponse, saveEquality, saveSection, setConsent, startResponse, submitResponse, TAMPERED, withdrawResponse } from "../../app/modules/consultations/responses.server";
import { whatsOpen } from "../../app/modules/whats-open/whats-open.server";
import { VISITOR, type Actor } from "../../app/modules/permissions/permissions";
import { CLOSED_TITLE, OPEN_TITLE } from "../../db/seed/consultations";
import ExcelJS from "exceljs";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-12-01T10:00:00Z");

const dateParts = (d: Date) => ({ day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()), time: "10:00" });

async function localityIds() {
  return (await t.db.selectFrom("localities").select(["id", "slug"]).execute()).reduce<Record<string, number>>((m, l) => ({ ...m, [l.slug]: l.id }), {});
}

function details(overrides: Record<string, unknown> = {}, l: Record<string, number> = {}) {
  return {
    title: "Library opening hours",
    summary: "Should the library open later on Thursdays?",
    background: "Visits after 5pm have doubled.",
    proposal: "Open until 8pm on Thursdays.",
    noDecisionStatement: "No decision has been taken.",
    optionsConsidered: "Later Thursdays; later every day (rejected: cost).",
    whoIsConsulted: "Library users in Riverside.",
    howResponsesUsed: "Reported to the board.",
    privacyNotice: "We keep responses for two years.",
    contact: "library@fenwold.example",
    localityIds: l.riverside ? [String(l.riverside)] : [],
    opensAt: dateParts(new Date(NOW.getTime() + 2 * DAY)),
    closesAt: dateParts(new Date(NOW.getTime() + 60 * DAY)),
    ...overrides,
  };
}

/** A consultation with a questionnaire of every type, scheduled to open 2 days after NOW. */
async function scheduledConsultation(officer: Actor) {
  const l = await localityIds();
  const created = await createConsultation(t.db, officer, details({}, l));
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  const id = created.value.id;
  const s1 = await addSection(t.db, officer, id, { title: "Opening hours" });
  const s2 = await addSection(t.db, officer, id, { title: "More" });
  if (!s1.ok || !s2.ok) throw new Error("sections");
  const q = async (sectionId: number, input: Record<string, unknown>) => {
    const r = await addQuestion(t.db, officer, id, { sectionId: String(sectionId), ...input });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value.id;
  };
  await q(s1.value.id, { kind: "single_choice", prompt: "Do you support later opening?", required: "yes", options: "Yes\nNo\nNot sure" });
  await q(s1.value.id, { kind: "agree_scale", prompt: "The library is important to me", required: "yes" });
  await q(s1.value.id, { kind: "multiple_choice", prompt: "What do you use it for?", options: "Books\nComputers\nEvents" });
  await q(s2.value.id, { kind: "ranking", prompt: "Rank these", options: "Hours\nBooks\nSpace" });
  await q(s2.value.id, { kind: "number", prompt: "Visits a month", minNumber: "0", maxNumber: "60" });
  await q(s2.value.id, { kind: "free_text", prompt: "Anything else?", maxLength: "50" });
  const sched = await changeStatus(t.db, officer, id, "schedule", NOW);
  if (!sched.ok) throw new Error(JSON.stringify(sched.errors));
  return { id, sections: await loadQuestionnaire(t.db, id) };
}

/** Answers for both pages, keyed by form field name. */
function fullAnswers(sections: Awaited<ReturnType<typeof loadQuestionnaire>>) {
  const [a, b] = sections as [typeof sections[number], typeof sections[number]];
  const [single, scale, multi] = a.questions as [typeof a.questions[number], typeof a.questions[number], typeof a.questions[number]];
  const [rank, num, text] = b.questions as [typeof b.questions[number], typeof b.questions[number], typeof b.questions[number]];
  return {
    page1: { [`q${single.id}`]: String(single.options[0]!.id), [`q${scale.id}`]: "4", [`q${multi.id}`]: [String(multi.options[0]!.id), String(multi.options[2]!.id)] },
    page2: {
      ...Object.fromEntries(rank.options.map((o, i) => [`q${rank.id}_o${o.id}`, String(3 - i)])),
      [`q${num.id}`]: "6",
      [`q${text.id}`]: "Thursday evenings work for me",
    },
    ids: { single, scale, multi, rank, num, text },
  };
}

// First: later tests run the clock, which also closes the seeded consultations.
describe("the hub and what is open", () => {
  it("lists by status, filters by locality and searches the text", async () => {
    const now = new Date("2026-11-23T12:00:00Z");
    const northgate = (await t.db.selectFrom("localities").select("id").where("slug", "=", "northgate").executeTakeFirstOrThrow()).id;
    const eastmere = (await t.db.selectFrom("localities").select("id").where("slug", "=", "eastmere").executeTakeFirstOrThrow()).id;
    const open = await listHub(t.db, { q: null, localityId: null, status: "open", now });
    expect(open.map((c) => c.title)).toContain(OPEN_TITLE);
    expect(open.map((c) => c.title)).not.toContain(CLOSED_TITLE);
    expect((await listHub(t.db, { q: null, localityId: null, status: "closed", now })).map((c) => c.title)).toContain(CLOSED_TITLE);
    expect((await listHub(t.db, { q: null, localityId: null, status: "upcoming", now })).map((c) => c.title)).toContain("Hollin Valley bus routes review");
    expect((await listHub(t.db, { q: null, localityId: eastmere, now })).map((c) => c.title)).not.toContain(OPEN_TITLE);
    expect((await listHub(t.db, { q: null, localityId: northgate, now })).map((c) => c.title)).toContain(CLOSED_TITLE);
    expect((await listHub(t.db, { q: "markets saturday", localityId: null, now })).map((c) => c.title)).toEqual([CLOSED_TITLE]);
    const items = await whatsOpen(t.db, { localityId: northgate, now });
    expect(items.find((i) => i.title === OPEN_TITLE)).toMatchObject({ kind: "Consultation", detail: expect.stringMatching(/^Closes /) });
    expect(items.find((i) => i.title === CLOSED_TITLE)).toBeUndefined();
  });

  it("drafts are not public", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const l = await localityIds();
    const created = await createConsultation(t.db, officer, details({ title: "Secret draft" }, l));
    if (!created.ok) throw new Error("create");
    expect(await getConsultationPage(t.db, VISITOR, created.value.id, NOW)).toMatchObject({ ok: false, status: 404 });
    expect((await listHub(t.db, { q: "secret", localityId: null, now: NOW })).length).toBe(0);
    expect((await updateConsultation(t.db, officer, created.value.id, details({ title: "Secret draft 2" }, l), NOW)).ok).toBe(true);
  });
});

describe("officers create consultations", () => {
  it("refuses a close before the open and keeps nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const l = await localityIds();
    const r = await createConsultation(t.db, officer, details({ closesAt: dateParts(new Date(NOW.getTime() + DAY)) }, l));
    expect(r).toMatchObject({ ok: false, errors: { closesAt: "Closing date must be after the opening date" } });
  });

  it("requires localities or the whole council, and refuses a resident", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    expect(await createConsultation(t.db, officer, details())).toMatchObject({ ok: false, errors: { localityIds: expect.stringMatching(/Select the localities/) } });
    const resident = await actorFor(t.db, "resident@moot.example");
    expect(await createConsultation(t.db, resident, details({ wholeCouncil: "yes" }))).toMatchObject({ ok: false, status: 403 });
  });

  it("warns when the period is shorter than the minimum (6 weeks by default)", () => {
    expect(periodWarning({ opens_at: NOW, closes_at: new Date(NOW.getTime() + 20 * DAY) }, 42)).toMatch(/shorter than the usual 6 weeks/);
    expect(periodWarning({ opens_at: NOW, closes_at: new Date(NOW.getTime() + 42 * DAY) }, 42)).toBeNull();
  });

  it("will not schedule until the Gunning information and a question exist", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const l = await localityIds();
    const created = await createConsultation(t.db, officer, details({ background: "", noDecisionStatement: "" }, l));
    if (!created.ok) throw new Error("create");
    const r = await changeStatus(t.db, officer, created.value.id, "schedule", NOW);
    expect(r).toMatchObject({ ok: false, status: 409, errors: { background: expect.any(String), noDecisionStatement: "State that no decision has yet been taken", _form: "Add at least one question before scheduling" } });
  });

  it("links outcomes and localities, and refuses unknown ones", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const l = await localityIds();
    const node = await t.db.selectFrom("outcome_nodes").select("id").orderBy("id").executeTakeFirstOrThrow();
    const created = await createConsultation(t.db, officer, details({ outcomeNodeIds: [String(node.id)] }, l));
    if (!created.ok) throw new Error("create");
    const page = await getConsultationPage(t.db, officer, created.value.id, NOW);
    expect(page.ok && page.value.outcomes.map((o) => o.id)).toEqual([node.id]);
    expect(await createConsultation(t.db, officer, details({ outcomeNodeIds: ["999999"] }, l))).toMatchObject({ ok: false, errors: { outcomeNodeIds: "Select outcomes from the list" } });
  });
});

describe("states and the clock", () => {
  it("opens and closes at the set times without anyone clicking, recording each change", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id } = await scheduledConsultation(officer);
    const row = await t.db.selectFrom("consultations").select(["status", "opens_at", "closes_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("scheduled");
    // Before the clock runs, readers already see the right status.
    const page = await getConsultationPage(t.db, VISITOR, id, new Date(row.opens_at!.getTime() + 1000));
    expect(page.ok && page.value.consultation.status).toBe("open");

    await advanceConsultations(t.db, new Date(row.opens_at!.getTime() + 1000));
    expect((await t.db.selectFrom("consultations").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("open");
    await advanceConsultations(t.db, new Date(row.closes_at!.getTime() + 1000));
    expect((await t.db.selectFrom("consultations").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("closed");
    const history = await statusHistory(t.db, id);
    expect(history.map((h) => [h.from_status, h.to_status, h.changed_by_name])).toEqual([
      [null, "draft", "Omar Haddad"],
      ["draft", "scheduled", "Omar Haddad"],
      ["scheduled", "open", null],
      ["open", "closed", null],
    ]);
    expect(history[2]!.at.getTime()).toBe(row.opens_at!.getTime());
  });

  it("the server's clock (startConsultationClock) opens a consultation whose time has come", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id } = await scheduledConsultation(officer);
    await t.db.updateTable("consultations").set({ opens_at: new Date(Date.now() - 60_000), closes_at: new Date(Date.now() + 30 * DAY) }).where("id", "=", id).execute();
    const stop = startConsultationClock(t.db, null, (e) => { throw e; }, 50);
    try {
      await expect.poll(async () => (await t.db.selectFrom("consultations").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status, { timeout: 5000 }).toBe("open");
    } finally {
      stop();
    }
    expect((await statusHistory(t.db, id)).find((h) => h.to_status === "open")).toMatchObject({ from_status: "scheduled", changed_by_name: null, reason: "Opened at the set time" });
  });

  it("refuses illegal moves with a clear message, and the history cannot be rewritten", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id } = await scheduledConsultation(officer);
    expect(await changeStatus(t.db, officer, id, "close_now", NOW)).toMatchObject({ ok: false, status: 409, errors: { _form: "A consultation that is scheduled cannot become closed" } });
    expect(await publishResults(t.db, officer, id, { resultsSummary: "x", decision: "y", decidedBy: "z" }, NOW)).toMatchObject({ ok: false, status: 409 });
    await expect(t.db.deleteFrom("consultation_status_changes").where("consultation_id", "=", id).execute()).rejects.toThrow(/append-only/);
  });

  it("officer can open early and close early; a resident cannot", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const resident = await actorFor(t.db, "resident@moot.example");
    const { id } = await scheduledConsultation(officer);
    expect(await changeStatus(t.db, resident, id, "open_now", NOW)).toMatchObject({ ok: false, status: 403 });
    expect(await changeStatus(t.db, officer, id, "open_now", NOW)).toEqual({ ok: true, value: { status: "open" } });
    expect(await changeStatus(t.db, officer, id, "close_now", new Date(NOW.getTime() + DAY))).toEqual({ ok: true, value: { status: "closed" } });
  });
});

describe("a draft whose opening time has passed", () => {
  it("cannot be scheduled but can be opened now once it is otherwise ready", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const l = await localityIds();
    const created = await createConsultation(t.db, officer, details({}, l));
    if (!created.ok) throw new Error("create");
    const id = created.value.id;
    const later = new Date(NOW.getTime() + 3 * DAY); // after the opening time in details()
    expect(await changeStatus(t.db, officer, id, "open_now", later)).toMatchObject({ ok: false, status: 409, errors: { _form: "Add at least one question before scheduling" } });
    const s = await addSection(t.db, officer, id, { title: "A" });
    if (!s.ok) throw new Error("section");
    expect((await addQuestion(t.db, officer, id, { sectionId: String(s.value.id), kind: "free_text", prompt: "Tell us" })).ok).toBe(true);
    expect(await changeStatus(t.db, officer, id, "schedule", later)).toMatchObject({ ok: false, status: 409, errors: { "opensAt.day": expect.stringContaining("Open now") } });
    expect(await changeStatus(t.db, officer, id, "open_now", later)).toMatchObject({ ok: true, value: { status: "open" } });
    const row = await t.db.selectFrom("consultations").select(["status", "opens_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "open", opens_at: later });
  });
});

describe("questions", () => {
  it("refuses a choice question with fewer than two options", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const l = await localityIds();
    const created = await createConsultation(t.db, officer, details({}, l));
    if (!created.ok) throw new Error("create");
    const s = await addSection(t.db, officer, created.value.id, { title: "A" });
    if (!s.ok) throw new Error("s");
    expect(await addQuestion(t.db, officer, created.value.id, { sectionId: String(s.value.id), kind: "single_choice", prompt: "Pick", options: "Only one" })).toMatchObject({
      ok: false,
      errors: { options: "Enter at least 2 options, one on each line" },
    });
  });

  it("locks the questions once any response exists, with a message saying why", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id, sections } = await scheduledConsultation(officer);
    await changeStatus(t.db, officer, id, "open_now", NOW);
    const resident = await newResident(t.db);
    expect((await startResponse(t.db, resident, id, NOW)).ok).toBe(true);
    expect(await addSection(t.db, officer, id, { title: "Late" })).toMatchObject({ ok: false, status: 409, errors: { _form: QUESTIONS_LOCKED } });
    expect(await deleteQuestion(t.db, officer, id, { questionId: String(sections[0]!.questions[0]!.id) })).toMatchObject({ ok: false, errors: { _form: QUESTIONS_LOCKED } });
    expect(await moveQuestion(t.db, officer, id, { questionId: String(sections[0]!.questions[1]!.id), direction: "up" })).toMatchObject({ ok: false, errors: { _form: QUESTIONS_LOCKED } });
    const question = sections[0]!.questions[0]!;
    const values = (await questionFormValues(t.db, id, question.id))!;
    expect(await updateQuestion(t.db, officer, id, question.id, { ...values, prompt: "Changed after a response" })).toMatchObject({ ok: false, errors: { _form: QUESTIONS_LOCKED } });
    expect((await loadQuestionnaire(t.db, id))[0]!.questions[0]!.prompt).toBe("Do you support later opening?");
  });

  it("changes a question's wording, options, type and page until responses arrive; bad input changes nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id, sections } = await scheduledConsultation(officer);
    const single = sections[0]!.questions[0]!;
    const values = (await questionFormValues(t.db, id, single.id))!;
    expect(values).toMatchObject({ kind: "single_choice", prompt: "Do you support later opening?", required: "yes", options: "Yes\nNo\nNot sure" });

    expect(await updateQuestion(t.db, officer, id, single.id, { ...values, prompt: "", options: "Only one" })).toMatchObject({
      ok: false,
      errors: { prompt: "Enter the question", options: "Enter at least 2 options, one on each line" },
    });
    expect(await updateQuestion(t.db, await newResident(t.db), id, single.id, values)).toMatchObject({ ok: false, status: 403 });
    expect(await updateQuestion(t.db, officer, id, 2_000_000, values)).toMatchObject({ ok: false, status: 404 });
    expect((await loadQuestionnaire(t.db, id))[0]!.questions[0]).toMatchObject({ prompt: "Do you support later opening?", options: [{ label: "Yes" }, { label: "No" }, { label: "Not sure" }] });

    // new wording and options, moved to the second page (last there), and optional
    const page2 = String(sections[1]!.id);
    expect(await updateQuestion(t.db, officer, id, single.id, { ...values, sectionId: page2, prompt: "Which evening suits you?", options: "Tuesday\nThursday", required: "" })).toEqual({ ok: true, value: null });
    const after = await loadQuestionnaire(t.db, id);
    expect(after[0]!.questions.map((q) => q.id)).not.toContain(single.id);
    expect(after[1]!.questions.at(-1)).toMatchObject({ id: single.id, prompt: "Which evening suits you?", required: false, options: [{ label: "Tuesday" }, { label: "Thursday" }] });
    // a choice question made free text loses its options and gains a limit
    expect(await updateQuestion(t.db, officer, id, single.id, { ...values, sectionId: page2, kind: "free_text", prompt: "Tell us more", options: "", maxLength: "" })).toEqual({ ok: true, value: null });
    expect((await loadQuestionnaire(t.db, id))[1]!.questions.at(-1)).toMatchObject({ kind: "free_text", options: [], maxLength: 2000 });
  });

  it("moves a question up or down within its page, not past either end, and only for officers", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id, sections } = await scheduledConsultation(officer);
    const prompts = async () => (await loadQuestionnaire(t.db, id))[0]!.questions.map((q) => q.prompt);
    const [first, second, third] = sections[0]!.questions.map((q) => String(q.id));
    expect(await moveQuestion(t.db, officer, id, { questionId: third, direction: "up" })).toEqual({ ok: true, value: null });
    expect(await prompts()).toEqual(["Do you support later opening?", "What do you use it for?", "The library is important to me"]);
    expect(await moveQuestion(t.db, officer, id, { questionId: first, direction: "down" })).toEqual({ ok: true, value: null });
    expect(await prompts()).toEqual(["What do you use it for?", "Do you support later opening?", "The library is important to me"]);
    expect(await moveQuestion(t.db, officer, id, { questionId: second, direction: "down" })).toMatchObject({ ok: false, status: 409, errors: { _form: "This question is already the last on its page" } });
    expect(await moveQuestion(t.db, officer, id, { questionId: third, direction: "up" })).toMatchObject({ ok: false, status: 409, errors: { _form: "This question is already the first on its page" } });
    expect(await moveQuestion(t.db, officer, id, { questionId: first, direction: "sideways" })).toMatchObject({ ok: false });
    expect(await moveQuestion(t.db, await newResident(t.db), id, { questionId: first, direction: "up" })).toMatchObject({ ok: false, status: 403 });
    // the second page is untouched
    expect((await loadQuestionnaire(t.db, id))[1]!.questions.map((q) => q.prompt)).toEqual(["Rank these", "Visits a month", "Anything else?"]);
  });
});

describe("responding", () => {
  it("saves page by page across visits, checks required answers, submits with a reference, one response per person", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id, sections } = await scheduledConsultation(officer);
    await changeStatus(t.db, officer, id, "open_now", NOW);
    const resident = await newResident(t.db, "Rhea Patel");
    const answers = fullAnswers(sections);

    expect(await saveSection(t.db, resident, id, 1, answers.page1, { checkRequired: true }, NOW)).toMatchObject({ ok: false, status: 409 });
    const started = await startResponse(t.db, resident, id, NOW);
    const again = await startResponse(t.db, resident, id, NOW);
    expect(started.ok && again.ok && again.value.responseId === started.value.responseId).toBe(true);

    // Missing required answers: one message per question, nothing lost.
    const missing = await saveSection(t.db, resident, id, 1, {}, { checkRequired: true }, NOW);
    expect(missing).toMatchObject({ ok: false, errors: { [`q${answers.ids.single.id}`]: "Select an answer to “Do you support later opening?”", [`q${answers.ids.scale.id}`]: expect.any(String) } });
    // Save and come back later does not insist on required answers.
    expect(await saveSection(t.db, resident, id, 1, { [`q${answers.ids.single.id}`]: answers.page1[`q${answers.ids.single.id}`] }, { checkRequired: false }, NOW)).toEqual({ ok: true, value: { nextSection: 2 } });
    // Second visit: the saved answer is still there.
    const visit2 = await getMyResponse(t.db, resident, id, NOW);
    expect(visit2.ok && visit2.value.answers.get(answers.ids.single.id)?.optionIds).toEqual([answers.ids.single.options[0]!.id]);

    expect((await saveSection(t.db, resident, id, 1, answers.page1, { checkRequired: true }, NOW)).ok).toBe(true);
    expect(await saveSection(t.db, resident, id, 2, answers.page2, { checkRequired: true }, NOW)).toEqual({ ok: true, value: { nextSection: null } });
    expect(await submitResponse(t.db, resident, id, NOW)).toMatchObject({ ok: false, errors: { consent: "Select whether we may publish your response" } });
    expect((await setConsent(t.db, resident, id, { consent: "named" }, NOW)).ok).toBe(true);
    const submitted = await submitResponse(t.db, resident, id, NOW);
    expect(submitted).toMatchObject({ ok: true, value: { reference: expect.stringMatching(new RegExp(`^C${id}-[A-Z2-9]{4}-[A-Z2-9]{4}$`)) } });

    const ranking = await t.db.selectFrom("consultation_answers").select("option_ids").where("question_id", "=", answers.ids.rank.id).executeTakeFirstOrThrow();
    expect(ranking.option_ids).toEqual([...answers.ids.rank.options].reverse().map((o) => o.id));
    const count = await t.db.selectFrom("consultation_responses").select((eb) => eb.fn.countAll<number>().as("n")).where("consultation_id", "=", id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    await expect(t.db.insertInto("consultation_responses").values({ consultation_id: id, user_id: resident.user!.id, reference: "dup" }).execute()).rejects.toThrow(/one_per_person/);
  });

  it("rejects tampered question and option ids and over-long text, storing nothing", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id, sections } = await scheduledConsultation(officer);
    await changeStatus(t.db, officer, id, "open_now", NOW);
    const resident = await newResident(t.db);
    await startResponse(t.db, resident, id, NOW);
    const answers = fullAnswers(sections);
    const stored = async () => Number((await t.db.selectFrom("consultation_answers as a").innerJoin("consultation_responses as r", "r.id", "a.response_id").select((eb) => eb.fn.countAll<number>().as("n")).where("r.consultation_id", "=", id).executeTakeFirstOrThrow()).n);

    expect(await saveSection(t.db, resident, id, 1, { ...answers.page1, q999999: "1" }, { checkRequired: true }, NOW)).toMatchObject({ ok: false, errors: { _form: TAMPERED } });
    expect(await saveSection(t.db, resident, id, 1, { ...answers.page1, [`q${answers.ids.single.id}`]: "999999" }, { checkRequired: true }, NOW)).toMatchObject({ ok: false, errors: { _form: TAMPERED } });
    expect(await saveSection(t.db, resident, id, 1, { ...answers.page1, [`q${answers.ids.scale.id}`]: "9" }, { checkRequired: true }, NOW)).toMatchObject({ ok: false, errors: { _form: TAMPERED } });
    // A question from the other page is not accepted on this page.
    expect(await saveSection(t.db, resident, id, 1, { ...answers.page1, [`q${answers.ids.num.id}`]: "3" }, { checkRequired: true }, NOW)).toMatchObject({ ok: false, errors: { _form: TAMPERED } });
    expect(await saveSection(t.db, resident, id, 2, { ...answers.page2, [`q${answers.ids.text.id}`]: "x".repeat(51) }, { checkRequired: true }, NOW)).toMatchObject({
      ok: false,
      errors: { [`q${answers.ids.text.id}`]: "Your answer must be 50 characters or fewer (it is 51)" },
    });
    expect(await saveSection(t.db, resident, id, 2, { ...answers.page2, [`q${answers.ids.num.id}`]: "61" }, { checkRequired: true }, NOW)).toMatchObject({ ok: false, errors: { [`q${answers.ids.num.id}`]: "Enter a number that is 60 or less" } });
    expect(await stored()).toBe(0);
  });

  it("can be edited or withdrawn until the close and is read-only after", async () => {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id, sections } = await scheduledConsultation(officer);
    await changeStatus(t.db, officer, id, "open_now", NOW);
    const resident = await newResident(t.db);
    const answers = fullAnswers(sections);
    await startResponse(t.db, resident, id, NOW);
    await saveSection(t.db, resident, id, 1, answers.page1, { checkRequired: true }, NOW);
    await setConsent(t.db, resident, id, { consent: "anonymous" }, NOW);
    await equalityOk(resident, id);
    expect((await submitResponse(t.db, resident, id, NOW)).ok).toBe(true);

    const edited = { ...answers.page1, [`q${answers.ids.single.id}`]: String(answers.ids.single.options[1]!.id) };
    expect((await saveSection(t.db, resident, id, 1, edited, { checkRequired: true }, NOW)).ok).toBe(true);
    expect((await withdrawResponse(t.db, resident, id, NOW)).ok).toBe(true);
    const after = await t.db.selectFrom("consultation_responses").selectAll().where("consultation_id", "=", id).where("user_id", "=", resident.user!.id).executeTakeFirstOrThrow();
    expect(after.status).toBe("withdrawn");
    expect(await t.db.selectFrom("consultation_equality").select("response_id").where("response_id", "=", after.id).execute()).toEqual([]);
    // Start again (same single response), then the consultation closes.
    await startResponse(t.db, resident, id, NOW);
    await saveSection(t.db, resident, id, 1, answers.page1, { checkRequired: true }, NOW);
    await setConsent(t.db, resident, id, { consent: "anonymous" }, NOW);
    expect((await submitResponse(t.db, resident, id, NOW)).ok).toBe(true);
    await changeStatus(t.db, officer, id, "close_now", new Date(NOW.getTime() + DAY));
    const later = new Date(NOW.getTime() + 2 * DAY);
    const closedEdit = await saveSection(t.db, resident, id, 1, edited, { checkRequired: true }, later);
    expect(closedEdit).toMatchObject({ ok: false, status: 409, errors: { _form: expect.stringMatching(/^This consultation closed at .* Responses can no longer be made or changed\.$/) } });
    expect((await withdrawResponse(t.db, resident, id, later)).ok).toBe(false);
    const view = await getMyResponse(t.db, resident, id, later);
    expect(view.ok && view.value.response?.status).toBe("submitted");
    expect(view.ok && view.value.closedMessage).toMatch(/closed/);
  });
});

async function equalityOk(actor: Actor, id: number, values: Record<string, string> = { ageBand: "25 to 34", sex: "Female", disability: "Prefer not to say" }) {
  const r = await saveEquality(t.db, actor, id, values, NOW);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

describe("analysis, results, export, equality and retention", () => {
  async function runWithResponses(n: number) {
    const officer = await actorFor(t.db, "officer@moot.example");
    const { id, sections } = await scheduledConsultation(officer);
    await changeStatus(t.db, officer, id, "open_now", NOW);
    const answers = fullAnswers(sections);
    const consents = ["named", "anonymous", "not_published"] as const;
    const people: Actor[] = [];
    for (let i = 0; i < n; i++) {
      const resident = await newResident(t.db, `Person ${i}`);
      people.push(resident);
      await startResponse(t.db, resident, id, NOW);
      const page1 = { ...answers.page1, [`q${answers.ids.single.id}`]: String(answers.ids.single.options[i % 2]!.id) };
      expect((await saveSection(t.db, resident, id, 1, page1, { checkRequired: true }, NOW)).ok).toBe(true);
      expect((await saveSection(t.db, resident, id, 2, { ...answers.page2, [`q${answers.ids.text.id}`]: `Comment ${i} about =SUM(A1) evenings` }, { checkRequired: true }, NOW)).ok).toBe(true);
      await setConsent(t.db, resident, id, { consent: consents[i % 3] }, NOW);
      await equalityOk(resident, id, { ageBand: i < 6 ? "25 to 34" : "75 or over", sex: "Female" });
      expect((await submitResponse(t.db, resident, id, NOW)).ok).toBe(true);
    }
    return { officer, id, answers, people };
  }

  it("counts and percentages per question overall and by locality, ignoring unsubmitted responses", async () => {
    const { id, answers } = await runWithResponses(4);
    const draft = await newResident(t.db);
    await startResponse(t.db, draft, id, NOW);
    await saveSection(t.db, draft, id, 1, answers.page1, { checkRequired: true }, NOW);
    const summary = await summariseQuestions(t.db, id);
    expect(summary.total).toBe(4);
    const single = summary.summaries.find((s) => s.question.id === answers.ids.single.id)!;
    expect(single.rows.map((r) => [r.label, r.count, r.percent])).toEqual([["Yes", 2, 50], ["No", 2, 50], ["Not sure", 0, 0]]);
    const localityId = (await t.db.selectFrom("localities").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    expect(single.rows[0]!.byLocality[localityId]).toBe(2);
    const scale = summary.summaries.find((s) => s.question.id === answers.ids.scale.id)!;
    expect(scale.rows.find((r) => r.label === "Agree")!.count).toBe(4);
    const rank = summary.summaries.find((s) => s.question.id === answers.ids.rank.id)!;
    expect(rank.rows.map((r) => r.meanRank)).toEqual([3, 2, 1]);
    expect(summary.summaries.find((s) => s.question.id === answers.ids.num.id)!.numberStats).toEqual({ mean: 6, min: 6, max: 6 });
  });

  it("themes: officers tag free text and see counts; search finds answers", async () => {
    const { officer, id } = await runWithResponses(3);
    const theme = await createTheme(t.db, officer, id, { name: "Evenings" });
    if (!theme.ok) throw new Error("theme");
    expect(await createTheme(t.db, officer, id, { name: "Evenings" })).toMatchObject({ ok: false, status: 409 });
    const texts = await freeTextAnswers(t.db, officer, id, { q: "comment 1" });
    if (!texts.ok) throw new Error("texts");
    expect(texts.value.answers.length).toBeGreaterThanOrEqual(1);
    const all = await freeTextAnswers(t.db, officer, id, {});
    if (!all.ok) throw new Error("texts");
    for (const a of all.value.answers.slice(0, 2)) expect(await toggleTag(t.db, officer, id, { responseId: a.response_id, questionId: a.question_id, themeId: theme.value.id })).toEqual({ ok: true, value: { tagged: true } });
    const other = await scheduledConsultation(officer);
    expect(await toggleTag(t.db, officer, other.id, { responseId: all.value.answers[0]!.response_id, questionId: all.value.answers[0]!.question_id, themeId: theme.value.id })).toMatchObject({ ok: false, status: 404 });
    const resident = await actorFor(t.db, "resident@moot.example");
    expect(await createTheme(t.db, resident, id, { name: "Mine" })).toMatchObject({ ok: false, status: 403 });
  });

  it("exports every submitted response to CSV and XLSX without names, neutralising formulas", async () => {
    const { officer, id, people } = await runWithResponses(3);
    const table = await exportTable(t.db, officer, id);
    if (!table.ok) throw new Error("export");
    expect(table.value.header.slice(0, 5)).toEqual(["Reference", "Submitted", "Locality", "Consent to publish", "Do you support later opening?"]);
    expect(table.value.rows).toHaveLength(3);
    const csv = toCsv(table.value);
    expect(csv).toContain("Yes");
    expect(csv).toContain("1. Space; 2. Books; 3. Hours");
    expect(csv).not.toContain(people[0]!.user!.displayName);
    expect(csv).not.toContain(people[0]!.user!.email);
    const xlsx = await toXlsx(table.value);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Responses")!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(5).value).toBe("Do you support later opening?");
    const resident = await actorFor(t.db, "resident@moot.example");
    expect(await exportTable(t.db, resident, id)).toMatchObject({ ok: false, status: 403 });
  });

  it("equality monitoring: analysts only, in aggregate, with counts under 5 suppressed and not recoverable from the total", async () => {
    const { officer, id } = await runWithResponses(8);
    expect(await equalityAggregate(t.db, officer, id)).toMatchObject({ ok: false, status: 403 });
    const analyst = await actorFor(t.db, "analyst@moot.example");
    const agg = await equalityAggregate(t.db, analyst, id);
    if (!agg.ok) throw new Error("agg");
    const age = agg.value.breakdowns.find((b) => b.field === "ageBand")!;
    expect(age.rows.find((r) => r.answer === "75 or over")!.count).toBeNull(); // 2 people: suppressed
    // 8 − 6 would give the 2 away: the 6 is hidden too.
    expect(age.rows.find((r) => r.answer === "25 to 34")!.count).toBeNull();
    expect(age.rows.find((r) => r.answer === "Under 18")!.count).toBe(0);
    expect(agg.value.breakdowns.find((b) => b.field === "sex")!.rows.find((r) => r.answer === "Female")!.count).toBe(8);
    // Analysts see the analysis; residents do not; equality answers never appear in the export.
    expect((await getAnalysis(t.db, analyst, id)).ok).toBe(true);
    expect(await getAnalysis(t.db, await actorFor(t.db, "resident@moot.example"), id)).toMatchObject({ ok: false, status: 403 });
    const table = await exportTable(t.db, officer, id);
    expect(table.ok && toCsv(table.value)).not.toMatch(/25 to 34|75 or over/);
  });

  it("publishes results with only the responses whose authors consented, named only when they chose it", async () => {
    const { officer, id } = await runWithResponses(6);
    expect(await getResults(t.db, id)).toMatchObject({ ok: false, status: 404 });
    await changeStatus(t.db, officer, id, "close_now", new Date(NOW.getTime() + DAY));
    expect(await publishResults(t.db, officer, id, { resultsSummary: "", decision: "d", decidedBy: "b" }, NOW)).toMatchObject({ ok: false, errors: { resultsSummary: "Summarise what people said" } });
    expect((await publishResults(t.db, officer, id, { resultsSummary: "People like evenings", decision: "Open later", decidedBy: "The board" }, new Date(NOW.getTime() + 2 * DAY))).ok).toBe(true);
    const results = await getResults(t.db, id);
    if (!results.ok) throw new Error("results");
    expect(results.value.publishedCount).toBe(4); // 6 people: named, anonymous, not, named, anonymous, not
    expect(results.value.published.map((p) => p.name).sort()).toEqual(["Anonymous respondent", "Anonymous respondent", "Person 0", "Person 3"]);
    const texts = results.value.published.flatMap((p) => p.answers.map((a) => a.text));
    expect(texts.some((x) => x.startsWith("Comment 2 "))).toBe(false);
    expect(texts.some((x) => x.startsWith("Comment 5 "))).toBe(false);
    const history = await statusHistory(t.db, id);
    expect(history.at(-1)).toMatchObject({ to_status: "results_published", changed_by_name: "Omar Haddad" });
  });

  it("retention anonymises responses past the retention date, keeping answers and results", async () => {
    const { officer, id, people } = await runWithResponses(3);
    await changeStatus(t.db, officer, id, "close_now", new Date(NOW.getTime() + DAY));
    await publishResults(t.db, officer, id, { resultsSummary: "s", decision: "d", decidedBy: "b" }, new Date(NOW.getTime() + DAY));
    const retention = (await t.db.selectFrom("consultations").select("retention_until").where("id", "=", id).executeTakeFirstOrThrow()).retention_until!;
    await anonymiseExpiredResponses(t.db, new Date(new Date(retention).getTime() - DAY));
    const mine = () => t.db.selectFrom("consultation_responses").select(["user_id", "consent", "anonymised_at"]).where("consultation_id", "=", id).execute();
    expect((await mine()).every((r) => r.user_id !== null && r.anonymised_at === null)).toBe(true);
    const answersBefore = await summariseQuestions(t.db, id);
    expect((await anonymiseExpiredResponses(t.db, new Date(new Date(retention).getTime() + 2 * DAY))).anonymised).toBeGreaterThanOrEqual(3);
    const rows = await mine();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.user_id === null && r.anonymised_at !== null && r.consent !== "named")).toBe(true);
    expect(await summariseQuestions(t.db, id)).toEqual(answersBefore);
    const results = await getResults(t.db, id);
    expect(results.ok && results.value.published.map((p) => p.name)).not.toContain(people[0]!.user!.displayName);
    expect((await anonymiseExpiredResponses(t.db, new Date(new Date(retention).getTime() + 3 * DAY))).anonymised).toBe(0);
  });
});

