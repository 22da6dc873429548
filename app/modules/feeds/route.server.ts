/**
 * The feed's loader and action, for any route that shows a feed (a locality's discussion, a
 * consultation, a meeting, an agenda item). A route finds or creates its feed, then:
 *   loader: `return feedLoader(context, request, feed.id)`
 *   action: `return feedAction(context, request, feed.id)`
 * and renders `<Feed page={data.page} />`. Forms post here without JavaScript; with it, the
 * same forms post in the background and the socket brings everyone's changes.
 */
import { data, type AppLoadContext } from "@remix-run/node";
import { settle } from "~/lib/effects.server";
import { formInput, formValues } from "~/lib/forms";
import { FORM_ERROR, type Result } from "~/lib/result";
import * as feeds from "./feeds.server";

export async function feedLoader(context: AppLoadContext, request: Request, feedId: number) {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const page = await feeds.loadFeedPage(context.db, context.actor, feedId, query);
  if (!page.ok) throw data({ message: "There is no feed at this address." }, { status: 404 });
  return page.value;
}

/** Intents whose fields are on the page once (their errors sit beside the field). */
const MAIN_FORMS = new Set(["post", "open-poll"]);

type Done = { ok: true; intent: string; done: string; at: number };

export async function feedAction(context: AppLoadContext, request: Request, feedId: number) {
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const input: Record<string, unknown> = { ...formInput(formData), feedId };
  const { db, actor, bus } = context;
  const written = async (pending: Promise<Result<unknown>>, done: string) => ({ result: await settle(bus, pending), done });
  let outcome: { result: Result<unknown>; done: string };
  switch (intent) {
    case "post":
      outcome = await written(feeds.postComment(db, actor, input), input.parentId ? "Your reply has been posted" : "Your comment has been posted");
      break;
    case "edit":
      outcome = await written(feeds.editComment(db, actor, input), "Your comment has been changed");
      break;
    case "delete":
      outcome = await written(feeds.deleteComment(db, actor, input), "Your comment has been deleted");
      break;
    case "react":
      outcome = await written(feeds.reactToComment(db, actor, input), "Your reaction has been saved");
      break;
    case "flag":
      outcome = await written(feeds.flagComment(db, actor, input), "Thank you. A moderator will check the comment");
      break;
    case "hide":
      outcome = await written(feeds.hideComment(db, actor, input), "The comment has been hidden");
      break;
    case "restore":
      outcome = await written(feeds.restoreComment(db, actor, input), "The comment has been restored");
      break;
    case "open-poll":
      outcome = await written(feeds.openPoll(db, actor, input), "The poll is open");
      break;
    case "close-poll":
      outcome = await written(feeds.closePoll(db, actor, input), "The poll is closed and its result is saved");
      break;
    case "hide-poll":
      outcome = await written(feeds.hidePoll(db, actor, input), "The poll has been hidden");
      break;
    case "restore-poll":
      outcome = await written(feeds.restorePoll(db, actor, input), "The poll has been restored");
      break;
    case "pause":
    case "resume":
      outcome = await written(feeds.setFeedPaused(db, actor, input, intent === "pause"), intent === "pause" ? "The feed is paused" : "The feed is open again");
      break;
    case "vote":
      outcome = await written(feeds.castVote(db, actor, input), "Your vote has been saved. You can change it until the poll closes");
      break;
    default:
      outcome = { result: { ok: false, errors: { [FORM_ERROR]: "Choose what you want to do" }, status: 400 }, done: "" };
  }
  const { result, done } = outcome;
  if (!result.ok) {
    // Errors of a form repeated on the page (reply, edit, flag…) go in the summary, without echoing.
    const errors = MAIN_FORMS.has(intent) ? result.errors : { [FORM_ERROR]: Object.values(result.errors)[0] ?? "That could not be done" };
    return data({ ok: false as const, intent, errors, values: MAIN_FORMS.has(intent) ? formValues(formData) : {} }, { status: result.status ?? 400 });
  }
  return data({ ok: true, intent, done, at: Date.now() } satisfies Done);
}
