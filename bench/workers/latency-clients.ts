// Wall clients for the latency benchmark: `latency-clients.js <console url> <token> <connections>`.
// Each connects to the console's wall (socket.io, websocket transport, the login token in the
// handshake) and so joins the supervisors' room. Control lines on stdin:
//   burst <id>              latencies from now on count for this burst
//   sent <eventId> <ms> …   send instants of events (pairs), as the producer sent them
//   report <id>             report "latency-<id>": a 1 ms histogram of receipt − send instant of
//                           the event that raised the signal (its `triggeredBy`), per delivery,
//                           and how many signals a timer raised (no event of theirs was sent then)
//   count <n>               report "count-<n>": the deliveries so far (to see when they stop)
import { createInterface } from 'node:readline';
import { io, Socket } from 'socket.io-client';
import { LatencyHistogram } from './latency-histogram';
import { nowMs, report } from './report';

const [url, token, countArg] = process.argv.slice(2) as [string, string, string];
const count = Number(countArg);
const sentAt = new Map<string, number>();
const histograms = new Map<string, LatencyHistogram>();
const timerRaised = new Map<string, number>();
let burst = 'warmup';
let unmatched = 0;
let deliveries = 0;
const sockets: Socket[] = [];

function histogram(id: string): LatencyHistogram {
  let found = histograms.get(id);
  if (!found) histograms.set(id, (found = new LatencyHistogram()));
  return found;
}

/**
 * A signal raised by an event names it in `triggeredBy`; one raised by a timer says `timer`. The
 * latter is due when the watermark passes its instant, which the event of another case may move:
 * the latest event of its own case (what this measured before) can have been sent seconds, even a
 * burst, earlier, so such a signal is counted, not timed.
 */
function onChange(change: { kind?: string; signal?: { triggeredBy?: string } }): void {
  const received = nowMs();
  deliveries += 1;
  const trigger = change.signal?.triggeredBy;
  if (change.kind !== 'raised' || trigger === undefined) return;
  if (trigger === 'timer') {
    timerRaised.set(burst, (timerRaised.get(burst) ?? 0) + 1);
    return;
  }
  const sent = sentAt.get(trigger);
  if (sent === undefined) unmatched += 1;
  else histogram(burst).add(received - sent);
}

function connect(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    // a frame carries the changes of one batch as its arguments
    socket.on('signal', (...changes: Parameters<typeof onChange>[0][]) => {
      for (const change of changes) onChange(change);
    });
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

async function main(): Promise<void> {
  for (let i = 0; i < count; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, count - i) }, () => connect()));
  }
  createInterface({ input: process.stdin }).on('line', (line) => {
    const parts = line.trim().split(' ');
    if (parts[0] === 'burst') burst = parts[1] as string;
    if (parts[0] === 'sent') {
      for (let i = 1; i + 1 < parts.length; i += 2) sentAt.set(parts[i] as string, Number(parts[i + 1]));
    }
    if (parts[0] === 'count') report(`count-${parts[1]}`, { deliveries });
    if (parts[0] === 'report') {
      const id = parts[1] as string;
      const found = histogram(id);
      report(`latency-${id}`, {
        deliveries: found.count,
        unmatched,
        timerRaised: timerRaised.get(id) ?? 0,
        histogram: found.toJSON(),
      });
    }
  });
  report('connected', { connections: sockets.filter((s) => s.connected).length });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `latency-clients: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
