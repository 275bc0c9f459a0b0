/**
 * Presenting mode under a room: 300 followers on loopback, the presenter moved 50 times. Delay is from the
 * presenter's POST leaving to each follower's stream delivering the move (all in this process: the clients parse
 * on one thread, so the figure includes their own queueing). Memory is the server process's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { request, get, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';

const FOLLOWERS = 300;
const MOVES = 50;

interface ServerInfo { port: number; key: string }
interface MemoryReport { memory: NodeJS.MemoryUsage; followers: number }

export async function benchFollow(log: (s: string) => void): Promise<void> {
  const child = fork(fileURLToPath(new URL('./follow-server.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port, key } = await nextMessage<ServerInfo>(child);
  const idle = await memory(child);

  const lastSeen: number[] = new Array(FOLLOWERS).fill(0);
  const seenAt: Map<number, number>[] = Array.from({ length: FOLLOWERS }, () => new Map());
  const streams: IncomingMessage[] = [];
  const connectStart = performance.now();
  await Promise.all(
    Array.from({ length: FOLLOWERS }, (_, i) =>
      new Promise<void>((ok, fail) => {
        get({ host: '127.0.0.1', port, path: '/__kowakunai/present/follow', agent: false }, (res) => {
          streams.push(res);
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const now = performance.now();
            for (const m of chunk.matchAll(/"seq":(\d+)/g)) {
              const seq = Number(m[1]);
              if (!seenAt[i].has(seq)) seenAt[i].set(seq, now);
              lastSeen[i] = Math.max(lastSeen[i], seq);
            }
          });
          ok();
        }).on('error', fail);
      }),
    ),
  );
  log(`${FOLLOWERS} followers connected in ${Math.round(performance.now() - connectStart)} ms`);
  const connected = await memory(child);

  const delays: number[] = [];
  let missed = 0;
  for (let seq = 1; seq <= MOVES; seq++) {
    const sent = performance.now();
    await postState(port, key, seq);
    const deadline = sent + 5000;
    while (lastSeen.some((s) => s < seq) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
    for (const seen of seenAt) {
      const at = seen.get(seq);
      if (at === undefined) missed++;
      else delays.push(at - sent);
    }
    await new Promise((r) => setTimeout(r, 20)); // a presenter does not press Next 50 times a second
  }
  const loaded = await memory(child);
  delays.sort((a, b) => a - b);
  const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))];
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  log(`${MOVES} moves × ${FOLLOWERS} followers: delay p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${delays[delays.length - 1].toFixed(1)} ms${missed ? `, ${missed} deliveries missed` : ''}`);
  log(`server memory: rss ${mb(idle.memory.rss)} idle → ${mb(connected.memory.rss)} with ${connected.followers} followers → ${mb(loaded.memory.rss)} after the moves; JS heap used ${mb(idle.memory.heapUsed)} → ${mb(loaded.memory.heapUsed)}`);
  for (const s of streams) s.destroy();
  child.send('stop');
  await new Promise((r) => child.once('exit', r));
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((ok) => child.once('message', (m) => ok(m as T)));
}

async function memory(child: ChildProcess): Promise<MemoryReport> {
  const reply = nextMessage<MemoryReport>(child);
  child.send('memory');
  return reply;
}

function postState(port: number, key: string, seq: number): Promise<void> {
  const body = JSON.stringify({ deck: 'asyncio-ja', pos: { section: 'bench', nth: 0, h: seq, v: 0, f: -1 }, paused: false, seq, movedAt: Date.now() });
  return new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/__kowakunai/present/state', method: 'POST', headers: { 'content-type': 'application/json', 'x-kowakunai-key': key, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 204 ? ok() : fail(new Error(`state refused: ${res.statusCode}`))));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
