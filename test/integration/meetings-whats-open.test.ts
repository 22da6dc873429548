import { describe, expect, it } from "vitest";
import { whatsOpen } from "../../app/modules/whats-open/whats-open.server";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase({ seeded: true });

const locality = async (slug: string) => (await t.db.selectFrom("localities").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
const meetingsIn = async (slug: string, now = new Date()) => (await whatsOpen(t.db, { localityId: await locality(slug), now })).filter((o) => o.kind === "Board meeting");

describe("board meetings in what is open now", () => {
  it("lists a locality's upcoming meetings with a published agenda, and the question deadline", async () => {
    const northgate = await meetingsIn("northgate");
    expect(northgate.map((m) => m.title)).toEqual(["Northgate Locality Board: Ordinary meeting"]);
    expect(northgate[0]).toMatchObject({ localityNames: ["Northgate"], detail: expect.stringMatching(/Public questions until/) });
    expect((await meetingsIn("riverside")).map((m) => m.title)).toEqual(["Riverside Locality Board: Ordinary meeting"]);
    // five weeks on, the meetings are past and nothing is listed
    expect(await meetingsIn("northgate", new Date(Date.now() + 35 * 86_400_000))).toEqual([]);
  });

  it("never lists a draft meeting, and says when a meeting is happening now", async () => {
    const board = await t.db.selectFrom("boards").select("id").where("locality_id", "=", await locality("eastmere")).executeTakeFirstOrThrow();
    const draft = await t.db
      .insertInto("meetings")
      .values({ board_id: board.id, title: "Extraordinary meeting", starts_at: new Date(Date.now() + 7 * 86_400_000), venue: "Eastmere Library" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect((await meetingsIn("eastmere")).map((m) => m.href)).not.toContain(`/meetings/${draft.id}`);
    await t.db.updateTable("meetings").set({ status: "in_progress" }).where("id", "=", draft.id).execute();
    expect((await meetingsIn("eastmere")).find((m) => m.href === `/meetings/${draft.id}`)).toMatchObject({ detail: "Happening now: follow it live" });
  });
});
