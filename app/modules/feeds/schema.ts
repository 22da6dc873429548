/**
 * The feed's zod schemas, shared by the no-JavaScript forms (Remix actions), the socket events
 * and the tests. Everything that arrives from outside is parsed here first.
 */
import { z } from "zod";
import { rowId } from "../../lib/fields";

import { COMMENT_MAX, FLAG_REASON_MAX, MAX_DEPTH, PAGE_SIZE, POLL_OPTIONS_MAX, POLL_OPTIONS_MIN } from "./limits";

export { COMMENT_MAX, EDIT_WINDOW_MS, FLAG_REASON_MAX, MAX_DEPTH, PAGE_SIZE, POLL_OPTIONS_MAX, POLL_OPTIONS_MIN } from "./limits";

const id = (what: string) =>
  rowId(`Choose a ${what}`, `There is no such ${what}`);

const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), id("comment").optional());

const text = (empty: string, max: number, tooLong: string) =>
  z
    .string({ error: empty })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, empty).max(max, tooLong));

export const commentBody = text("Enter your comment", COMMENT_MAX, `Comments must be ${COMMENT_MAX.toLocaleString("en-GB")} characters or fewer`);

export const feedRef = z.object({ feedId: id("feed") });

export const postCommentSchema = z.object({ feedId: id("feed"), parentId: optionalId, body: commentBody });
export const editCommentSchema = z.object({ commentId: id("comment"), body: commentBody });
export const commentRef = z.object({ commentId: id("comment") });
export const reactSchema = z.object({
  commentId: id("comment"),
  reaction: z.enum(["agree", "disagree", "none"], { error: "Choose agree or disagree" }),
});
export const flagSchema = z.object({
  commentId: id("comment"),
  reason: text("Enter why this comment should be checked", FLAG_REASON_MAX, `The reason must be ${FLAG_REASON_MAX} characters or fewer`),
});
export const hideSchema = z.object({
  commentId: id("comment"),
  reason: text("Enter why the comment is hidden", FLAG_REASON_MAX, `The reason must be ${FLAG_REASON_MAX} characters or fewer`),
});

const asList = (v: unknown) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const openPollSchema = z.object({
  feedId: id("feed"),
  question: text("Enter the question", 300, "The question must be 300 characters or fewer"),
  multiple: z.preprocess((v) => v === true || v === "yes" || v === "on" || v === "true", z.boolean()),
  options: z.preprocess(
    (v) => asList(v).filter((o) => typeof o !== "string" || o.trim() !== ""),
    z
      .array(text("Enter the option", 120, "Each option must be 120 characters or fewer"), { error: "Enter the options" })
      .min(POLL_OPTIONS_MIN, `Enter at least ${POLL_OPTIONS_MIN} options`)
      .max(POLL_OPTIONS_MAX, `A poll can have at most ${POLL_OPTIONS_MAX} options`),
  ),
});

export const voteSchema = z.object({
  pollId: id("poll"),
  optionIds: z.preprocess(
    asList,
    z.array(id("option"), { error: "Choose an option" }).min(1, "Choose an option").max(POLL_OPTIONS_MAX, "Too many options chosen"),
  ),
});
export const pollRef = z.object({ pollId: id("poll") });
export const hidePollSchema = z.object({
  pollId: id("poll"),
  reason: text("Enter why the poll is hidden", FLAG_REASON_MAX, `The reason must be ${FLAG_REASON_MAX} characters or fewer`),
});

export const joinSchema = z.object({
  feedId: id("feed"),
  /** The last event id this client saw; everything after it is replayed. */
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

export const listSchema = z.object({
  sort: z.enum(["newest", "agreed"]).catch("newest"),
  /** How many top-level comments to show ("load earlier" asks for more). */
  shown: z.coerce.number().int().min(PAGE_SIZE).max(1000).catch(PAGE_SIZE),
});

export type PostCommentInput = z.input<typeof postCommentSchema>;
