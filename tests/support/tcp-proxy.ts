import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP proxy a fault test owns, between the app and PostgreSQL: it forwards every
 * connection to `target` until told to cut the database off. `drop()` ends every open
 * connection at once (what a restart does to the app's pools); `refuse()` also stops
 * listening, so new connections are refused (ECONNREFUSED, as from a stopped server), until
 * `restore()` listens again on the same port. Used by tests and e2e/faults.spec.ts.
 */
export class TcpProxy {
  private server: Server;
  private readonly sockets = new Set<Socket>();
  private listeningPort = 0;

  private constructor(private readonly target: { host: string; port: number }) {
    this.server = this.newServer();
  }

  /** Listens on a free port of 127.0.0.1 (or `port`). */
  static async start(target: { host: string; port: number } = { host: "127.0.0.1", port: 5432 }, port = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.listen(port);
    return proxy;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** The same PostgreSQL URL, through the proxy. */
  url(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = "127.0.0.1";
    url.port = String(this.port);
    return url.toString();
  }

  /** Ends every open connection (both sides, abruptly). */
  drop(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** Drops every connection and refuses new ones until restore(). */
  async refuse(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.drop();
    await closed;
  }

  /** Accepts and forwards again, on the same port. */
  async restore(): Promise<void> {
    if (this.server.listening) return;
    this.server = this.newServer();
    await this.listen(this.listeningPort);
  }

  async close(): Promise<void> {
    if (this.server.listening) await this.refuse();
    else this.drop();
  }

  private newServer(): Server {
    return createServer((client) => this.accept(client));
  }

  private listen(port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        const address = this.server.address();
        if (address && typeof address !== "string") this.listeningPort = address.port;
        resolve();
      });
    });
  }

  private accept(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      from.on("error", () => to.destroy());
      from.on("close", () => {
        this.sockets.delete(from);
        to.destroy();
      });
      from.pipe(to);
    }
  }
}
