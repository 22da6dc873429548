/**
 * Poll votes are group-committed (castVote queues per poll; one transaction per batch). These
 * tests check what that must not change: every vote is answered only after it is stored, a bad
 * vote is refused alone, a closed poll takes no votes, and the per-person limit still holds and is
 * the same count rate-limiter-flexible keeps. Also: a moderator hiding a poll.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { rateLimiter } from "../../app/modules/auth/throttle.server";
import {
  castVote,
  closePoll,
  hidePoll,
  moderationQueue,
  openPoll,
  pollView,
  postComment,
  reactToComment,
  restorePoll,
  VOTE_LIMIT,
  voteBatches,
} from "../../app/modules/feeds/feeds.server";
import { openPolls } from "../../app/modules/feeds/whats-open.server";
import type { Actor } from "../../app/modules/permissions/permissions";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { localityFeedId } from "../realtime/support/feed-clients";

const t = useTestDatabase({ seeded: true });
let feedId: number;
let officer: Actor;

beforeAll(async () => {
  feedId = await localityFeedId(t.db, "northgate");
  officer = await actorFor(t.db, "officer@moot.example");
});

async function newPoll(multiple = false, question = "Which day for the litter pick?") {
  const opened = await openPoll(t.db, officer, { feedId, question, options: ["Saturday", "Sunday", "Either"], multiple });
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors));
  const options = await t.db.selectFrom("poll_options").select("id").where("poll_id", "=", opened.value.pollId).orderBy("position").execute();
  return { pollId: opened.value.pollId, options: options.map((o) => o.id) };
}

const residents = (n: number) => Promise.all(Array.from({ length: n }, () => newResident(t.db, "Voter")));
const storedVotes = (pollId: number) => t.db.selectFrom("poll_votes").select(["user_id", "option_id"]).where("poll_id", "=", pollId).orderBy("user_id").execute();

describe("group-committed votes", () => {
  it("votes sent at once share a few transactions, and each is answered only after it is stored", async () => {
    const { pollId, options } = await newPoll();
    const people = await residents(30);
    const before = { ...voteBatches };
    const seenAtAnswer: boolean[] = [];
    await Promise.all(
      people.map((p, i) =>
        castVote(t.db, p, { pollId, optionIds: [options[i % 3]!] }).then(async (result) => {
          expect(result).toEqual({ ok: true, value: { pollId, feedId }, effects: [{ kind: "tally", feedId, pollId }] });
          // another connection of the pool: sees only committed rows
          const row = await t.db.selectFrom("poll_votes").select("option_id").where("poll_id", "=", pollId).where("user_id", "=", p.user!.id).executeTakeFirst();
          seenAtAnswer.push(row?.option_id === options[i % 3]);
        }),
      ),
    );
    expect(seenAtAnswer).toEqual(Array(30).fill(true));
    expect(voteBatches.votes - before.votes).toBe(30);
    expect(voteBatches.batches - before.batches).toBeLessThanOrEqual(3);
    expect(voteBatches.retried).toBe(before.retried);
    expect(await storedVotes(pollId)).toHaveLength(30);
  });

  it("a person's votes sent together apply in the order sent: the last one stands", async () => {
    const { pollId, options } = await newPoll();
    const [person] = await residents(1);
    const results = await Promise.all(options.map((o) => castVote(t.db, person!, { pollId, optionIds: [o] })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await storedVotes(pollId)).toEqual([{ user_id: person!.user!.id, option_id: options[2] }]);
  });

  it("refuses a bad vote in a batch alone; the others in it are stored", async () => {
    const { pollId, options } = await newPoll();
    const people = await residents(6);
    const before = { ...voteBatches };
    // Expected refusals are answered per vote, inside the batch.
    const [good1, twoOnSingle, notAnOption, good2] = await Promise.all([
      castVote(t.db, people[0]!, { pollId, optionIds: [options[0]!] }),
      castVote(t.db, people[1]!, { pollId, optionIds: [options[0]!, options[1]!] }),
      castVote(t.db, people[2]!, { pollId, optionIds: [999_999] }),
      castVote(t.db, people[3]!, { pollId, optionIds: [options[1]!] }),
    ]);
    expect(good1.ok && good2.ok).toBe(true);
    expect(twoOnSingle).toMatchObject({ ok: false, errors: { optionIds: "Choose one option" } });
    expect(notAnOption).toMatchObject({ ok: false, errors: { optionIds: "Choose from the poll's options" } });
    expect(voteBatches.retried).toBe(before.retried);

    // An unexpected failure (this person's account is gone: the write breaks a foreign key) fails
    // the batch's transaction; its votes are retried one by one and only the bad one fails.
    const ghost: Actor = { ...people[4]!, user: { ...people[4]!.user!, id: 2_000_000_000 } };
    const outcomes = await Promise.allSettled([
      castVote(t.db, people[4]!, { pollId, optionIds: [options[2]!] }),
      castVote(t.db, ghost, { pollId, optionIds: [options[2]!] }),
      castVote(t.db, people[5]!, { pollId, optionIds: [options[2]!] }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(voteBatches.retried).toBeGreaterThan(before.retried);
    expect((await storedVotes(pollId)).map((v) => v.user_id)).toEqual([people[0], people[3], people[4], people[5]].map((p) => p!.user!.id).sort((a, b) => a - b));
  });

  it("refuses votes on a closed poll, including ones queued behind the close", async () => {
    const { pollId, options } = await newPoll(true);
    const people = await residents(10);
    const votes = people.map((p) => castVote(t.db, p, { pollId, optionIds: options }));
    const closed = await closePoll(t.db, officer, { pollId });
    expect(closed.ok).toBe(true);
    const results = await Promise.all(votes);
    const accepted = results.filter((r) => r.ok).length;
    const poll = await t.db.selectFrom("polls").select(["final_voters"]).where("id", "=", pollId).executeTakeFirstOrThrow();
    expect(poll.final_voters).toBe(accepted); // nothing landed after the count was frozen
    expect(new Set((await storedVotes(pollId)).map((v) => v.user_id)).size).toBe(accepted);
    const late = await castVote(t.db, people[0]!, { pollId, optionIds: [options[0]!] });
    expect(late).toMatchObject({ ok: false, errors: { _form: "This poll has closed: votes can no longer be cast or changed." } });
  });

  it("closing a hidden poll still freezes its real counts, shown once it is restored", async () => {
    const { pollId, options } = await newPoll(false, "A question to hide?");
    const people = await residents(3);
    const listed = async () => (await openPolls.list(t.db, { localityId: null, now: new Date() })).some((p) => p.title === "A question to hide?");
    expect(await listed()).toBe(true);
    await Promise.all(people.map((p) => castVote(t.db, p, { pollId, optionIds: [options[1]!] })));
    const moderator = await actorFor(t.db, "moderator@moot.example");
    expect((await hidePoll(t.db, moderator, { pollId, reason: "Off topic" })).ok).toBe(true);
    expect(await listed()).toBe(false); // nor on the home page's "What is open now"
    expect(await hidePoll(t.db, moderator, { pollId, reason: "Again" })).toMatchObject({ ok: false, errors: { _form: "This poll is already hidden." } });
    // the moderation queue lists it with its question and reason, so it can be judged and restored
    const queue = await moderationQueue(t.db, moderator);
    expect(queue.ok && queue.value.hiddenPolls.find((p) => p.id === pollId)).toMatchObject({ question: "A question to hide?", hiddenReason: "Off topic" });
    expect((await closePoll(t.db, officer, { pollId })).ok).toBe(true);
    expect(await pollView(t.db, pollId)).toMatchObject({ hidden: true, question: "", options: [], voters: 0 });
    const restored = await restorePoll(t.db, moderator, { pollId });
    if (!restored.ok) throw new Error("restore failed");
    expect(restored.value.events[0]!.poll).toMatchObject({ status: "closed", voters: 3, options: [{ votes: 0 }, { votes: 3 }, { votes: 0 }] });
    const after = await moderationQueue(t.db, moderator);
    expect(after.ok && after.value.hiddenPolls.some((p) => p.id === pollId)).toBe(false);
  });

  it("still limits each person to VOTE_LIMIT votes and reactions a minute, counted with rate-limiter-flexible's own rows", async () => {
    const { pollId, options } = await newPoll();
    const [person, author] = await residents(2);
    // one reaction first, through rate-limiter-flexible's consume(): it shares the count
    const comment = await postComment(t.db, author!, { feedId, body: "Saturday suits me." });
    if (!comment.ok) throw new Error("post failed");
    expect((await reactToComment(t.db, person!, { commentId: comment.value.comment.id, reaction: "agree" })).ok).toBe(true);
    const results = await Promise.all(Array.from({ length: VOTE_LIMIT.points + 2 }, (_, i) => castVote(t.db, person!, { pollId, optionIds: [options[i % 3]!] })));
    const refused = results.filter((r) => !r.ok);
    expect(results.filter((r) => r.ok)).toHaveLength(VOTE_LIMIT.points - 1);
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatchObject({ ok: false, errors: { _form: expect.stringMatching(/^You can send at most 30 votes and reactions a minute\. Wait \d+ seconds/) } });
    const counted = await rateLimiter(t.db, "feed-vote", VOTE_LIMIT).get(String(person!.user!.id));
    expect(counted?.consumedPoints).toBe(VOTE_LIMIT.points + 3);
  });
});
