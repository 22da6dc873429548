/** Foundation events: let a client (and a test) ask who the handshake's session belongs to. */
import type { SocketHandlers } from "../server";

export const sessionHandlers: SocketHandlers = (socket) => {
  socket.on("session:whoami", (ack) => {
    if (typeof ack !== "function") return;
    const user = socket.data.actor.user;
    const roles = [...new Set(socket.data.actor.grants.map((g) => g.role))].sort();
    ack({ ok: true, user: user ? { id: user.id, displayName: user.displayName } : null, roles });
  });
};
