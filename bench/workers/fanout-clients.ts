// Fan-out clients: `fanout-clients.js socketio|ws <port> <connections> <expect>`. Opens the
// connections (websocket transport; 100 handshakes at a time), reports "connected", then counts
// the messages of each run (each parsed from JSON, as a browser would) and reports
// "received-<run>" when every connection has `expect` messages of that run.
import { io, Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { nowMs, report } from './report';

const [kind, portArg, countArg, expectArg] = process.argv.slice(2);
const port = Number(portArg);
const count = Number(countArg);
const expect = Number(expectArg);
const complete = new Map<number, number>();
const sockets: (Socket | WebSocket)[] = [];

interface Change {
  run: number;
  sequence: number;
}

function counter(): (change: Change) => void {
  let run = -1;
  let received = 0;
  return (change) => {
    if (change.run !== run) {
      run = change.run;
      received = 0;
    }
    received += 1;
    if (received !== expect) return;
    const done = (complete.get(run) ?? 0) + 1;
    complete.set(run, done);
    if (done === count) report(`received-${run}`, { at: nowMs() });
  };
}

function connect(): Promise<void> {
  const onMessage = counter();
  return new Promise((resolve, reject) => {
    if (kind === 'socketio') {
      const socket = io(`http://127.0.0.1:${port}`, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      socket.on('signal', (change: Change) => onMessage(change));
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    } else {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
      sockets.push(socket);
      socket.on('message', (data: Buffer) => onMessage(JSON.parse(data.toString('utf8')) as Change));
      socket.once('open', () => resolve());
      socket.once('error', reject);
    }
  });
}

async function main(): Promise<void> {
  const started = nowMs();
  for (let i = 0; i < count; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => connect()));
  }
  report('connected', { connections: sockets.length, ms: nowMs() - started });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `fanout-clients: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
