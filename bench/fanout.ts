// Benchmark 5: fan-out. A socket.io server broadcasting the same signal change to C socket.io
// clients (websocket transport), against plain `ws` broadcasting the same JSON to C ws clients, in
// the same run. Both servers and their clients (two processes per server) are started and
// connected once; then the runs alternate (ws, socket.io, ws, …). A run broadcasts K messages and
// is timed from the first broadcast to the moment the last client has all K of them.
// Frames delivered per second = C × K / that time.
import { BenchChild, worker } from './lib/child';
import type { BenchContext } from './lib/context';
import { fmt, say } from './lib/progress';
import { pairRatioSummary, summarize } from './lib/stats';

type Kind = 'socketio' | 'ws';

interface FanoutRun {
  framesPerSecond: number;
  seconds: number;
  sendSeconds: number;
}

class FanoutRig {
  readonly server: BenchChild;
  readonly clients: BenchChild[] = [];
  connectMs = 0;

  constructor(readonly kind: Kind) {
    this.server = new BenchChild(`fan-out server (${kind})`, [worker('fanout-server'), kind]);
  }

  async connect(connections: number, messages: number): Promise<void> {
    const port = (await this.server.next('listening', 30_000)).port as number;
    const processes = 2;
    for (let p = 0; p < processes; p += 1) {
      const share = Math.floor(connections / processes) + (p < connections % processes ? 1 : 0);
      this.clients.push(
        new BenchChild(`fan-out clients (${this.kind})`, [
          worker('fanout-clients'),
          this.kind,
          String(port),
          String(share),
          String(messages),
        ]),
      );
    }
    const connected = await Promise.all(this.clients.map((c) => c.next('connected', 300_000)));
    this.connectMs = Math.max(...connected.map((c) => c.ms as number));
    this.server.send('clients');
    const counted = (await this.server.next('clients', 30_000)).clients as number;
    if (counted !== connections)
      throw new Error(`${this.kind}: the server has ${counted} clients, expected ${connections}`);
  }

  async run(run: number, connections: number, messages: number): Promise<FanoutRun> {
    this.server.send(`go ${run} ${messages}`);
    const started = (await this.server.next(`started-${run}`, 30_000)).at as number;
    const received = await Promise.all(this.clients.map((c) => c.next(`received-${run}`, 300_000)));
    const sent = (await this.server.next(`sent-${run}`, 60_000)).at as number;
    const seconds = (Math.max(...received.map((r) => r.at as number)) - started) / 1000;
    return {
      framesPerSecond: (connections * messages) / seconds,
      seconds,
      sendSeconds: (sent - started) / 1000,
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.stop(5000)));
    await this.server.stop(5000);
  }
}

export async function fanoutBenchmark(ctx: BenchContext): Promise<void> {
  const connections = ctx.options.quick ? 1000 : 5000;
  const messages = 20;
  const ws = new FanoutRig('ws');
  const sio = new FanoutRig('socketio');
  const wsRuns: FanoutRun[] = [];
  const sioRuns: FanoutRun[] = [];
  try {
    await ws.connect(connections, messages);
    await sio.connect(connections, messages);
    say(
      `fan-out: ${fmt(connections)} ws and ${fmt(connections)} socket.io clients connected (${fmt(ws.connectMs)} ms / ${fmt(sio.connectMs)} ms)`,
    );
    // one unmeasured round each to warm up both servers
    await ws.run(0, connections, messages);
    await sio.run(0, connections, messages);
    for (let i = 1; i <= ctx.options.runs; i += 1) {
      const limit = await ws.run(i, connections, messages);
      wsRuns.push(limit);
      const system = await sio.run(i, connections, messages);
      sioRuns.push(system);
      say(
        `fan-out ${i}/${ctx.options.runs}: socket.io ${fmt(system.framesPerSecond)} frames/s (${fmt(system.seconds, 2)} s), ` +
          `ws ${fmt(limit.framesPerSecond)} frames/s (${fmt(limit.seconds, 2)} s), ratio ${(system.framesPerSecond / limit.framesPerSecond).toFixed(2)}`,
      );
    }
  } finally {
    await ws.stop();
    await sio.stop();
  }
  const ratio = pairRatioSummary(sioRuns, wsRuns, (r) => r.framesPerSecond);
  ctx.figures.push({
    benchmark: '5 fan-out',
    id: 'fanout',
    label: `socket.io broadcast to ${fmt(connections)} clients, ${messages} messages a run`,
    unit: 'frames/s',
    system: summarize(sioRuns.map((r) => r.framesPerSecond)),
    limit: {
      label: 'plain ws, same number of clients and payload',
      summary: summarize(wsRuns.map((r) => r.framesPerSecond)),
    },
    ratio,
    goals: [{ text: 'ratio ≥ 0.5', met: ratio.median >= 0.5 }],
    note:
      `each server and its clients (two processes) share the ${ctx.details.cores as number} cores with the idle other rig; each client parses every frame from JSON. ` +
      `Connecting took ${fmt(sio.connectMs)} ms (socket.io) and ${fmt(ws.connectMs)} ms (ws); the server handed its last broadcast to the sockets after ` +
      `${fmt(summarize(sioRuns.map((r) => r.sendSeconds)).median, 2)} s (socket.io) / ${fmt(summarize(wsRuns.map((r) => r.sendSeconds)).median, 2)} s (ws) of the run.`,
  });
  ctx.details.fanoutMedian = summarize(sioRuns.map((r) => r.framesPerSecond)).median;
  ctx.details.fanout = {
    connections,
    messages,
    ws: wsRuns,
    socketio: sioRuns,
    connectMs: { ws: ws.connectMs, socketio: sio.connectMs },
  };
}
