// A department's webhook endpoint: a real HTTP server that records every request. It can answer
// 500 for a while, or go away altogether (connections refused) and come back on the same port, as
// a receiver in an outage does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
  at: number;
}

export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private failuresLeft = 0;
  private alwaysFail = false;
  private failStatus = 500;
  private port = 0;
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const failing = this.alwaysFail || this.failuresLeft > 0;
      if (this.failuresLeft > 0) this.failuresLeft -= 1;
      const status = failing ? (this.alwaysFail ? this.failStatus : 500) : 204;
      this.requests.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
        at: Date.now(),
      });
      response.writeHead(status).end();
    });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/jiancha-hook`;
  }

  get listening(): boolean {
    return this.server.listening;
  }

  /** Answers 500 to the next `n` requests. */
  failNext(n: number): void {
    this.failuresLeft = n;
  }

  /** Answers `status` (500 unless given) to every request until `recover()`. */
  failAlways(status = 500): void {
    this.failStatus = status;
    this.alwaysFail = true;
  }

  recover(): void {
    this.alwaysFail = false;
    this.failuresLeft = 0;
  }

  /** The requests answered 2xx, with their parsed bodies. */
  accepted<Body>(): Body[] {
    return this.requests.filter((r) => r.status < 300).map((r) => JSON.parse(r.body) as Body);
  }

  /** Stops listening: senders get "connection refused" until `start()` listens on the same port again. */
  async close(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
