/**
 * N socket.io-client connections in a child process (test/bench/feeds-clients.mjs), so client and
 * server each get a core and each its own open-file limit (the server's N sockets and the
 * clients' N sockets would not fit one process's 20,000 at N = 10,000).
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** A forked child with a worker-like face: on/off("message"), postMessage, terminate. */
class ChildWorker {
  private child: ChildProcess = fork(fileURLToPath(new URL("./feeds-clients.mjs", import.meta.url)), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  on(_: "message", listener: (m: any) => void) {
    this.child.on("message", listener);
  }
  off(_: "message", listener: (m: any) => void) {
    this.child.off("message", listener);
  }
  postMessage(message: object) {
    this.child.send(message);
  }
  terminate() {
    return new Promise<void>((resolve) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.kill();
    });
  }
}

export class ClientWorker {
  private worker = new ChildWorker();
  private ask<T>(message: object, reply: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const listener = (m: { type: string; message?: string } & T) => {
        if (m.type === "error") reject(new Error(m.message));
        else if (m.type === reply) resolve(m);
        else return;
        this.worker.off("message", listener);
      };
      this.worker.on("message", listener);
      this.worker.postMessage(message);
    });
  }
  connect(url: string, n: number, joinEvent: string, joinPayload: unknown) {
    return this.ask<{ connected: number }>({ type: "connect", url, n, joinEvent, joinPayload }, "ready");
  }
  /** Connect N clients, each joining every room listed (e.g. a feed and a meeting). */
  connectJoining(url: string, n: number, joins: { event: string; payload: unknown }[]) {
    return this.ask<{ connected: number }>({ type: "connect", url, n, joins }, "ready");
  }
  /** Receipt times of the broadcast with this marker (a comment's body, or `meeting-event-ID`). */
  collect(marker: string, expected: number, timeoutMs = 15_000) {
    return this.ask<{ times: number[]; withoutLive: number }>({ type: "collect", marker, expected, timeoutMs }, "times");
  }
  votes(url: string, cookies: string[], feedId: number, pollId: number, plan: number[][]) {
    return this.ask<{ ms: number; failed: number; tallies: number }>({ type: "votes", url, cookies, feedId, pollId, plan }, "voted");
  }
  close() {
    return this.ask({ type: "close" }, "closed");
  }
  terminate() {
    return this.worker.terminate();
  }
}
