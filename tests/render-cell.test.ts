import { describe, expect, test } from 'vitest';
import { renderCellHtml, type RenderCellInput } from '../src/node/pipeline/cells/render-cell.js';
import type { CellPayload, CellResult } from '../src/shared/types.js';
import { textOfHtml } from '../src/shared/format.js';

const recorded: CellResult = {
  status: 'done',
  totalMs: 3004,
  output: [
    { t: 1001, text: 'A done', stream: 'out' },
    { t: 2002, text: 'took 1.002 seconds <blocking>', stream: 'warn' },
  ],
  droppedLines: 0,
  tasks: [{ id: 1, name: 'A', start: 0, end: 1001, waits: [{ start: 1, end: 1001, on: 'sleep(1)' }] }],
  blocked: [],
  returnValue: '42',
  recordedAt: '2025-01-01T00:00:00.000Z',
};

const base: RenderCellInput = {
  id: 'tasks',
  title: 'tasks',
  lang: 'ts',
  source: "import { sleep } from 'kowakunai';\nawait sleep(1);\n",
  js: 'await sleep(1);',
  highlightedHtml: '<pre class="shiki"><code><span class="line">await sleep(1);</span></code></pre>',
  timeLimitMs: 10_000,
  recorded,
  deckId: 'demo',
};

/** The JSON payload, parsed back as the page does. */
function payloadOf(html: string): CellPayload {
  const m = /<script type="application\/json" data-role="cell-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]) as CellPayload;
}

describe('renderCellHtml', () => {
  test('the element, its hooks and the recorded run', () => {
    const html = renderCellHtml(base);
    expect(html).toMatch(/^<live-cell class="k-cell" data-cell-id="tasks" data-deck-id="demo" data-state="idle" data-lang="ts"/);
    for (const action of ['run', 'stop', 'reset', 'edit']) expect(html).toContain(`data-action="${action}"`);
    for (const role of ['output', 'elapsed', 'timeline', 'error', 'code', 'badge', 'status', 'modified']) {
      expect(html).toContain(`data-role="${role}"`);
    }
    expect(html).toContain('<span class="k-cell-elapsed" data-role="elapsed">3.00 s</span>');
    expect(html).toContain('recorded at build time');
    expect(html).toContain('<pre class="shiki">');
    // lines stamped with their time; warn lines marked for styling
    expect(html).toContain('<li class="k-out-line" data-stream="out"><span class="k-out-t">1.00</span><span class="k-out-text">A done</span></li>');
    expect(html).toContain('data-stream="warn"');
    expect(html).toContain('took 1.002 seconds &lt;blocking&gt;');
    expect(html).toContain('<code>42</code>');
    // the recorded timeline, made at build time
    expect(html).toMatch(/data-role="timeline"[^>]*><svg [^>]*role="img"/);
    // the buttons work only once the page script takes over
    expect(html).toMatch(/data-action="run" disabled/);
    expect(html.endsWith('</live-cell>')).toBe(true);
  });

  test('the payload carries source, compiled js, recorded result and time limit', () => {
    const p = payloadOf(renderCellHtml(base));
    expect(p).toMatchObject({ id: 'tasks', deckId: 'demo', source: base.source, js: base.js, timeLimitMs: 10_000, locale: 'en' });
    expect(p.recorded).toEqual(recorded);
  });

  test('the source is not shipped twice: when the highlighted code holds it, the JSON leaves it out', () => {
    const source = "const a = '<b>' && \"c\";\n";
    const highlightedHtml = '<pre class="shiki"><code><span class="line"><span style="color:#D73A49">const</span> a = &#39;&lt;b&gt;&#39; &#x26;&#x26; &quot;c&quot;;</span></code></pre>';
    const html = renderCellHtml({ ...base, source, highlightedHtml });
    expect(payloadOf(html).source).toBeUndefined();
    // what the page reads instead (readPayload: the code's textContent and a final newline)
    expect(textOfHtml(highlightedHtml) + '\n').toBe(source);
    // code whose text differs (a notation comment shiki dropped, say) keeps its own copy
    expect(payloadOf(renderCellHtml({ ...base, source: `// [!code focus]\n${source}`, highlightedHtml })).source).toBe(`// [!code focus]\n${source}`);
  });

  test('everything is escaped: attributes, output, errors and the JSON in the script', () => {
    const nasty = '</script><script>alert(1)</script><!--';
    const html = renderCellHtml({
      ...base,
      id: 'x"><img src=y>',
      title: '<b>title</b>',
      source: `print("${nasty}")`,
      js: `print("${nasty}")`,
      recorded: {
        ...recorded,
        status: 'error',
        output: [{ t: 0, text: nasty, stream: 'err' }],
        error: { message: '<i>boom</i>', line: 3, column: 7 },
      },
    });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain('<!--');
    expect(html).toContain('data-cell-id="x&quot;&gt;&lt;img src=y&gt;"');
    expect(html).toContain('line 3, column 7: &lt;i&gt;boom&lt;/i&gt;');
    // and the page gets the exact text back
    const p = payloadOf(html);
    expect(p.source).toBe(`print("${nasty}")`);
    expect(p.id).toBe('x"><img src=y>');
  });

  test('timeout and error states read as words; no recording shows an empty cell', () => {
    const timeout = renderCellHtml({ ...base, timeLimitMs: 30_000, recorded: { ...recorded, status: 'timeout' } });
    expect(timeout).toContain('stopped after 30 s time limit');
    const none = renderCellHtml({ ...base, recorded: null });
    expect(none).toMatch(/data-role="badge"[^>]*hidden/);
    expect(none).toMatch(/data-role="timeline"[^>]*hidden/);
    expect(none).toContain('<span class="k-cell-elapsed" data-role="elapsed"></span>');
    expect(payloadOf(none).recorded).toBeNull();
  });

  test('long output keeps the last 1000 lines and says how many others there were', () => {
    const output = Array.from({ length: 2000 }, (_, i) => ({ t: i, text: `line ${i}`, stream: 'out' as const }));
    const html = renderCellHtml({ ...base, recorded: { ...recorded, output, droppedLines: 98_000 } });
    expect(html.match(/<li /g)).toHaveLength(1000);
    expect(html).toContain('line 1999');
    expect(html).not.toContain('>line 999<');
    expect(html).toContain('… 1,000 earlier lines not shown');
    expect(html).toContain('… 98,000 more lines not kept (output limit)');
    expect(html.indexOf('earlier lines')).toBeLessThan(html.indexOf('line 1999'));
    expect(html.indexOf('not kept')).toBeGreaterThan(html.indexOf('line 1999'));
  });

  test('Japanese labels for a Japanese deck', () => {
    const html = renderCellHtml({ ...base, locale: 'ja' });
    expect(html).toContain('data-locale="ja"');
    expect(html).toContain('実行 ▶');
    expect(html).toContain('ビルド時の記録');
  });
});
