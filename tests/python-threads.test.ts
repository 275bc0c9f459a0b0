/**
 * What crosses to a Python thread (src/sandbox/python/threads.py), checked on Pyodide in Node: the pickling runs the
 * same there (only asyncio.run needs the browser). Both sides of a call are one Pyodide here, but `loads` builds the
 * functions afresh from their code, so nothing of the sender's objects is reused.
 */
import { readFileSync } from 'node:fs';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { beforeAll, describe, expect, test } from 'vitest';
import { threadTraceback } from '../src/sandbox/python/errors.js';

let py: PyodideAPI;

beforeAll(async () => {
  py = await loadPyodide({ packages: [] });
  py.FS.mkdirTree('/kowakunai');
  py.FS.writeFile('/kowakunai/_kowakunai_threads.py', readFileSync('src/sandbox/python/threads.py', 'utf8'));
  py.runPython(`
import sys, traceback
sys.path.insert(0, '/kowakunai')
import _kowakunai_threads as _t

def cell(src):
    g = {'__name__': '__main__'}
    exec(compile(src, 'cell.py', 'exec'), g)
    _t.setup_thread(src, 'cell.py')
    return g

def call(fn, *args):
    """As a thread would: pack on the loop's side, run, unpack the answer."""
    ok, out, tb = _t.run_job(_t.pack_call(fn, args, {}, 'call()'))
    return _t.unpack_result(ok, out, tb)
`);
}, 60_000);

const py1 = (code: string): unknown => {
  const r = py.runPython(code) as unknown;
  return r && typeof r === 'object' && 'toJs' in r ? (r as { toJs(): unknown }).toJs() : r;
};

describe('what crosses to a thread', () => {
  test('a cell function with the helpers, globals and modules it names; recursion between functions', () => {
    expect(
      py1(`
g = cell("""
import math
FACTOR = 3
def helper(x):
    return math.floor(x)
def triple(x):
    return helper(x) * FACTOR
def fact(n):
    return 1 if n == 0 else n * again(n - 1)
def again(n):
    return fact(n)
""")
[call(g['triple'], 2.5), call(g['fact'], 5)]`),
    ).toEqual([6, 120]);
  });

  test('a closure and default arguments cross by value; a changed global changes the copy only', () => {
    expect(
      py1(`
g = cell("""
COUNT = 0
def make(k):
    def add(x, y=10):
        return x + y + k
    return add
def bump():
    global COUNT
    COUNT += 1
    return COUNT
""")
[call(g['make'](5), 1), call(g['bump']), call(g['bump']), g['COUNT']]`),
    ).toEqual([16, 1, 1, 0]);
  });

  test('an exception comes back with the thread traceback chained, naming the cell line', () => {
    const text = py1(`
g = cell("""
def parse(text):
    return int(text)
""")
try:
    call(g['parse'], 'zaru soba')
except ValueError as e:
    out = ''.join(traceback.format_exception(e))
out`) as string;
    expect(text).toContain('thread.RemoteTraceback');
    expect(threadTraceback(text)).toEqual([
      'In the thread:',
      'Traceback (most recent call last):',
      '  File "cell.py", line 3, in parse',
      '    return int(text)',
      "ValueError: invalid literal for int() with base 10: 'zaru soba'",
    ]);
  });

  test.each([
    ['a lock in a global', "import threading\nlock = threading.Lock()\ndef f():\n    with lock:\n        return 1", 'f', "global 'lock' used by f() cannot be sent to a thread", "cannot pickle '_thread.lock' object"],
    ['the loop in a closure', "import asyncio\ndef make():\n    loop = asyncio.new_event_loop()\n    return lambda: loop.time()\nf = make()", 'f', "'loop' in the closure of make.<locals>.<lambda>() cannot be sent", 'an event loop belongs to the thread that runs it'],
    ['an open file as argument', "def f(x):\n    return x\nARG = open('/tmp/x', 'w')", 'f', 'argument 1 cannot be sent to a thread', 'TextIOWrapper'],
    ['a class of the cell', "class Dish:\n    pass\ndef f():\n    return Dish()", 'f', "global 'Dish' used by f() cannot be sent", 'class Dish is defined in the cell'],
  ])('%s: a TypeError naming it', (_what, src, name, where, why) => {
    const msg = py1(`
g = cell(${JSON.stringify(src)})
args = (g['ARG'],) if 'ARG' in g else ()
try:
    _t.pack_call(g[${JSON.stringify(name)}], args, {}, 'call()')
    out = 'sent'
except TypeError as e:
    out = str(e)
out`) as string;
    expect(msg).toContain(where);
    expect(msg).toContain(why);
  });

  test('a result that cannot come back says so', () => {
    const msg = py1(`
g = cell("""
import threading
def f():
    return threading.Lock()
""")
try:
    call(g['f'])
    out = 'returned'
except TypeError as e:
    out = str(e)
out`) as string;
    expect(msg).toMatch(/the result of f\(\) cannot be sent back from the thread/);
  });
});
