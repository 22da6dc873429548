/** Foundation events: let a client (and a test) ask who the handshake's session belongs to. */
import { readArgs } from "../ack";
import { TOO_MANY } from "../limits";
import type { SocketHandlers } from "../io";

export const sessionHandlers: SocketHandlers = (socket, { logger, allowed }) => {
  (socket as unknown as { on(n: string, f: (...args: unknown[]) => void): void }).on("session:whoami", async (...args: unknown[]) => {
    const { ack, hasPayload } = readArgs(args);
    if (!ack) return;
    try {
      if (!(await allowed())) return ack({ ok: false, error: TOO_MANY });
      if (hasPayload) return ack({ ok: false, error: "session:whoami takes no details: send only the acknowledgement callback" });
      const user = socket.data.actor.user;
      const roles = [...new Set(socket.data.actor.grants.map((g) => g.role))].sort();
      ack({ ok: true, user: user ? { id: user.id, displayName: user.displayName } : null, roles });
    } catch (error) {
      logger.error({ err: error }, "session:whoami failed");
      ack({ ok: false, error: "Could not check your session. Try again." });
    }
  });
};
