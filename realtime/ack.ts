/** How a socket event's arguments are read: the ack is the last function, the payload the first non-function. */
import type { Ack } from "../app/lib/socket-events";

export interface EventArgs {
  ack: ((reply: Ack<Record<string, unknown>>) => void) | undefined;
  /** undefined when the client sent only an ack. */
  payload: unknown;
  /** Whether anything but the ack was sent. */
  hasPayload: boolean;
}

export function readArgs(args: unknown[]): EventArgs {
  const ack = args.findLast((a) => typeof a === "function") as EventArgs["ack"];
  const rest = args.filter((a) => typeof a !== "function");
  return { ack, payload: rest[0], hasPayload: rest.length > 0 };
}
