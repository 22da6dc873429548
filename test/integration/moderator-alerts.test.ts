/**
 * A comment was reported (issue 16): the moderators who can act on that feed are told — a
 * locality's moderators for their locality only — and a burst of reports in one window is ONE
 * e-mail per moderator, sent when the window ends, listing every report, naming no reporter.
 * Reporting is a command on the one write path: it returns the `deliver` effect.
 */
import { describe, expect, it } from "vitest";
import { flagComment, postComment } from "../../app/modules/feeds/feeds.server";
import { getOrCreateFeed } from "../../app/modules/feeds/read-model.server";
import { deliverDue } from "../../app/modules/notifications/deliver.server";
import { reportWindow, WINDOW_MINUTES } from "../../app/modules/notifications/moderator-alerts.server";
import { actorFor, newResident } from "../support/actors";
import { useTestDatabase } from "../support/db";
import { recipientOf, useSmtpInbox } from "../support/mail";
import { value } from "../support/results";

const t = useTestDatabase({ seeded: true });
const ORIGIN = "http://moot.test";
const mailer = useSmtpInbox();

async function localityModerator(name: string, slug: string) {
  const person = await newResident(t.db, name);
  const locality = await t.db.selectFrom("localities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  await t.db.insertInto("role_grants").values({ user_id: person.user!.id, role: "moderator", scope: "locality", locality_id: locality.id, board_id: null, granted_by: null }).execute();
  return person.user!.email.toLowerCase();
}

describe("a comment was reported", () => {
  it("tells the moderators who can act on the feed, one e-mail per window however many reports, with no reporter named", async () => {
    const riverside = await t.db.selectFrom("localities").select(["id", "name"]).where("slug", "=", "riverside").executeTakeFirstOrThrow();
    const here = await localityModerator("Mo Riverside", "riverside");
    const there = await localityModerator("Mo Eastmere", "eastmere");
    const councilWide = "moderator@moot.example";
    const feed = await getOrCreateFeed(t.db, { kind: "locality", id: riverside.id, title: `${riverside.name} discussion`, localityId: riverside.id } as Parameters<typeof getOrCreateFeed>[1]);
    const author = await newResident(t.db, "Ada Author");
    const first = value(await postComment(t.db, author, { feedId: feed.id, body: "The bins are never emptied on Fridays" })).comment.id;
    const second = value(await postComment(t.db, author, { feedId: feed.id, body: "Another remark entirely" })).comment.id;

    // A burst of reports inside one window (fixed times, so the test never straddles two).
    const { start, end } = reportWindow(new Date());
    const at = (minute: number) => new Date(start.getTime() + minute * 60_000);
    const reporters = await Promise.all(["Rob Reporter", "Rae Reporter", "Rex Reporter"].map((n) => newResident(t.db, n)));
    const flagged = await flagComment(t.db, reporters[0]!, { commentId: String(first), reason: "Rude about the crew" }, at(1));
    expect(flagged).toMatchObject({ ok: true, value: { commentId: first }, effects: [{ kind: "deliver" }] });
    value(await flagComment(t.db, reporters[1]!, { commentId: String(first), reason: "Off topic" }, at(2)));
    value(await flagComment(t.db, reporters[2]!, { commentId: String(second), reason: "Spam" }, at(WINDOW_MINUTES - 1)));

    // Held until the window ends: nothing is sent during the burst.
    const before = mailer.inbox.received.length;
    expect((await deliverDue(t.db, mailer.smtp, { origin: ORIGIN, now: () => at(WINDOW_MINUTES - 1) })).sent).toBe(0);

    const run = await deliverDue(t.db, mailer.smtp, { origin: ORIGIN, now: () => new Date(end.getTime() + 1000) });
    await mailer.inbox.waitFor(before + run.sent);
    const got = (to: string) => mailer.inbox.received.slice(before).filter((m) => recipientOf(m) === to);
    expect(got(here)).toHaveLength(1);
    expect(got(councilWide)).toHaveLength(1);
    expect(got(there), "another locality's moderator").toEqual([]);
    const mail = got(here)[0]!;
    expect(mail.subject).toBe("Comments reported for moderation");
    expect(mail.text).toContain("“The bins are never emptied on Fridays”. Reason given: Rude about the crew");
    expect(mail.text).toContain("Reason given: Off topic");
    expect(mail.text).toContain("“Another remark entirely”. Reason given: Spam");
    expect(mail.text).toContain(`${ORIGIN}/moderation`);
    for (const who of [...reporters, author]) {
      expect(mail.text).not.toContain(who.user!.displayName);
      expect(mail.text).not.toContain(who.user!.email);
    }

    // The next window starts a new message.
    value(await flagComment(t.db, reporters[0]!, { commentId: String(second), reason: "Still spam" }, new Date(end.getTime() + 60_000)));
    const keys = await t.db.selectFrom("outbox").select("event_key").where("recipient", "=", here).execute();
    expect(new Set(keys.map((k) => k.event_key)).size).toBe(2);
  });

  it("refuses a report of a comment that does not exist, and writes nothing", async () => {
    const resident = await actorFor(t.db, "resident@moot.example");
    const count = async () => Number((await t.db.selectFrom("outbox").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect(await flagComment(t.db, resident, { commentId: "999999", reason: "x" })).toMatchObject({ ok: false, status: 404 });
    expect(await count()).toBe(before);
  });
});
