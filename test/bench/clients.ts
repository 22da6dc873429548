/** N socket.io-client connections in a worker thread (test/bench/feeds-clients.mjs), so client and server each get a core. */
import { Worker } from "node:worker_threads";

export class ClientWorker {
  private worker = new Worker(new URL("./feeds-clients.mjs", import.meta.url));
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
