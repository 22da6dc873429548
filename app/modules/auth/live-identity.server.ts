/**
 * Sockets learn who they are at the handshake. When that changes — signed out, password changed
 * (other sessions end), roles granted or removed — routes call this after the change commits so
 * open sockets stop acting with the old identity at once.
 */
import { refreshIdentities } from "../../../realtime/identity";
import type { MootIo } from "../../../realtime/server";

export function identityChanged(io: MootIo, userId: number | null | undefined): Promise<void> {
  if (userId == null) return Promise.resolve();
  return refreshIdentities(io, userId);
}
