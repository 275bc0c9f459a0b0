/**
 * First start: the dev server serves at once from what recordings.json holds, and records a cell that has no
 * recording in the background; the page then gets the recorded run (the open page is told to swap the slides in).
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { startDevServer, type DevServer } from '../src/node/server/dev-server.js';

let dev: DevServer | undefined;
/** the output line of the recorded run, as render-cell.ts writes it (the source holds the words too) */
const RAN = '<span class="k-out-text">slept, then said hello</span>';
afterAll(async () => dev?.close());

test('serves before a new cell is recorded, then serves its recorded run and writes recordings.json', async () => {
  const root = mkdtempSync(join(tmpdir(), 'kowakunai-dev-bg-'));
  const slidesDir = join(root, 'slides');
  const deck = join(slidesDir, 'talk.mdx');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(slidesDir, { recursive: true });
  // a cell that takes a second: long enough that serving first is visible
  writeFileSync(deck, "---\ntitle: Background\nlang: en\n---\n\n# Background\n\n```ts cell id=\"slow\"\nimport { print, sleep } from 'kowakunai';\nawait sleep(1);\nprint('slept, then said hello');\n```\n");
  const logs: string[] = [];
  dev = await startDevServer({ port: 0, slidesDir, outDir: join(root, 'dist'), log: (l) => logs.push(l) });
  const page = async () => (await fetch(`${dev!.url}talk/index.html`)).text();

  // served at once, without the run
  expect(await page()).not.toContain(RAN);
  expect(logs.join('\n')).toMatch(/recording 1 cell\(s\) in the background: talk\/slow/);

  // then the recorded run, and the file to commit
  await expect.poll(page, { timeout: 60_000, interval: 200 }).toContain(RAN);
  expect(existsSync(join(slidesDir, 'talk.recordings.json'))).toBe(true);
  expect(readFileSync(join(slidesDir, 'talk.recordings.json'), 'utf8')).toContain('"text":"slept, then said hello"');
}, 120_000);
