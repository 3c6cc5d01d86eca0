// Fan-out server: `fanout-server.js socketio|ws`. Listens on 127.0.0.1 (a free port), reports
// "listening"; on the stdin line "go <run> <K>" it broadcasts K messages of that run, one per
// event-loop turn, to every connected client and reports "started-<run>" (and "sent-<run>" when the
// last one is handed over to the sockets).
//   socketio: socket.io 4 as the console's wall uses it (websocket transport, perMessageDeflate
//             off, every client in one room, `to(room).emit('signal', change)`).
//   ws:       plain `ws` (the same library under socket.io), `send` of the same JSON to each client.
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { Server } from 'socket.io';
import { WebSocketServer } from 'ws';
import { fanoutPayload } from './fanout-payload';
import { nowMs, report } from './report';

const kind = process.argv[2];
const ROOM = 'supervisors';
const http = createServer();
let broadcast: (run: number, seq: number) => void;
let clients: () => number;

if (kind === 'socketio') {
  const io = new Server(http, { path: '/socket.io', perMessageDeflate: false, serveClient: false });
  io.on('connection', (socket) => void socket.join(ROOM));
  broadcast = (run, seq) => io.to(ROOM).emit('signal', fanoutPayload(run, seq));
  clients = () => io.of('/').sockets.size;
} else if (kind === 'ws') {
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  broadcast = (run, seq) => {
    const data = JSON.stringify(fanoutPayload(run, seq));
    for (const client of wss.clients) client.send(data);
  };
  clients = () => wss.clients.size;
} else {
  throw new Error('usage: fanout-server.js socketio|ws');
}

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  report('listening', { port: typeof address === 'object' && address ? address.port : 0 });
});

createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, runArg, countArg] = line.trim().split(' ');
  if (command === 'clients') report('clients', { clients: clients() });
  if (command !== 'go') return;
  const run = Number(runArg);
  const total = Number(countArg);
  report(`started-${run}`, { at: nowMs(), clients: clients() });
  let seq = 0;
  const next = () => {
    broadcast(run, seq);
    seq += 1;
    if (seq < total) setImmediate(next);
    else report(`sent-${run}`, { at: nowMs() });
  };
  next();
});
