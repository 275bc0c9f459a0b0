"""
kowakunai's Python runtime, run once in a fresh Pyodide before a cell (see py-worker.ts).

It replaces Pyodide's event loop with a subclass that times every callback it runs, because Pyodide's WebLoop
keeps no such account:
- the timeline: each task's creation, every step (a run between two awaits) and its end go to the page, so the
  bars come from real task events, not from a guess;
- asyncio's debug mode: `asyncio.run(main(), debug=True)` makes a step longer than `slow_callback_duration`
  (0.1 s) log "Executing <Task …> took 1.003 seconds" on the `asyncio` logger, in CPython's own words
  (base_events._run_once does the same); WebLoop.set_debug alone is a no-op;
- awaited coroutines: when a task's coroutine awaits a coroutine of the cell's own code (`await think_and_order(1)`),
  that call is reported as a span nested in the task, so a chain of awaits draws as a staircase inside one task;
- `time.sleep` blocks the thread, as in CPython (Pyodide's own may suspend the step instead);
- threads: `run_in_executor`, `asyncio.to_thread` and `concurrent.futures.ThreadPoolExecutor` send the call to a
  thread worker (_kowakunai_pool), so a blocking call there leaves this loop free.

`_kowakunai` is the JavaScript side (py-worker.ts): clock, output and the recorder.
"""
import asyncio
import logging
import re
import time
from asyncio import base_events

import _kowakunai as _k
import _kowakunai_pool as _pool
from pyodide.ffi import create_once_callable
from pyodide.webloop import PyodideTask, WebLoop, WebLoopPolicy
from pyodide_js._api import scheduleCallback

_MAX_TIMEOUT_MS = 2**31 - 1
_DEFAULT_NAME = re.compile(r"Task-\d+")


class _PageHandler(logging.Handler):
    """The asyncio logger's warnings (slow steps) are drawn as warnings; errors as errors."""

    def emit(self, record):
        try:
            stream = "err" if record.levelno >= logging.ERROR else "warn"
            for line in self.format(record).split("\n"):
                _k.print(line, stream)
        except Exception:
            self.handleError(record)


def _display_name(task):
    """A task's row on the timeline: its own name when given one, else the coroutine's name after asyncio's."""
    name = task.get_name()
    if not _DEFAULT_NAME.fullmatch(name):
        return name
    coro = task.get_coro()
    qual = getattr(coro, "__qualname__", None) or type(coro).__name__
    return f"{name} {qual}"


def _waiting_on(task):
    """What a suspended task awaits, in a few words: the innermost coroutine of its await chain, or its future."""
    coro = task.get_coro()
    inner = None
    while True:
        aw = getattr(coro, "cr_await", None)
        if aw is None or not (hasattr(aw, "cr_code") or hasattr(aw, "gi_code")):
            break
        inner = coro = aw
    if inner is not None:
        code = getattr(inner, "cr_code", None) or getattr(inner, "gi_code", None)
        frame = getattr(inner, "cr_frame", None) or getattr(inner, "gi_frame", None)
        local = frame.f_locals if frame is not None else {}
        if code is not None and code.co_name == "sleep" and "delay" in local:
            return f"asyncio.sleep({local['delay']})"
        if code is not None and "url" in local and code.co_name == "get":
            return f"GET {local['url']}"
    fut = getattr(task, "_fut_waiter", None)
    if id(fut) in _offloaded:
        return _offloaded[id(fut)]
    if isinstance(fut, asyncio.Task):
        return _Recorder.names.get(id(fut), fut.get_name())
    if fut is not None and type(fut).__name__ == "_GatheringFuture":
        return "gather"
    if inner is not None:
        return f"{getattr(inner, '__qualname__', 'a coroutine')}()"
    return "a future"


def _awaited_call(task):
    """The coroutine of the cell's own code that the task's coroutine awaits directly, if any."""
    aw = getattr(task.get_coro(), "cr_await", None)
    code = getattr(aw, "cr_code", None)
    if code is None or code.co_filename != _k.CELL_FILENAME:
        return None
    return aw


def _call_label(coro):
    """`think_and_order(1)`: the coroutine's name and its arguments (plain values shown, others by type)."""
    code = coro.cr_code
    local = coro.cr_frame.f_locals if coro.cr_frame is not None else {}
    shown = []
    for n in code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]:
        v = local.get(n)
        shown.append(repr(v) if isinstance(v, (int, float, str, bool, type(None))) else type(v).__name__)
    return f"{code.co_name}({', '.join(shown)})"


# id(future of run_in_executor) -> "a thread: search(...)", while it is pending
_offloaded = {}


class _Recorder:
    names = {}  # id(task) -> timeline name
    ids = {}  # id(task) -> span id
    awaited = {}  # id(task) -> the cell coroutine it awaits now (held, so that its id is not reused meanwhile)
    runner = set()  # id() of Pyodide's own task that runs the cell's code (runPythonAsync): not the cell's

    @classmethod
    def created(cls, task):
        span = len(cls.ids)
        cls.ids[id(task)] = span
        cls.names[id(task)] = _display_name(task)
        _k.task_start(span, cls.names[id(task)])

    @classmethod
    def awaiting(cls, task, span):
        """After a step that left `task` suspended: did it start awaiting another coroutine of the cell?"""
        call = _awaited_call(task)
        prev = cls.awaited.get(id(task))
        if call is prev:
            return
        if prev is not None:
            _k.span_end(span)
        if call is not None:
            _k.span_start(span, _call_label(call))
        cls.awaited[id(task)] = call

    @classmethod
    def name(cls, task):
        return cls.names.get(id(task), task.get_name()) if task is not None else "the loop"


class _TimedHandle(asyncio.Handle):
    """A callback of the loop, timed. A task step's callback is bound to its task (as in _format_handle)."""

    __slots__ = ()

    def _run(self):
        cb = self._callback
        task = getattr(cb, "__self__", None)
        if id(task) in _Recorder.runner:
            # The cell's top-level code runs in this step (asyncio.run suspends it by stack switching): in CPython
            # no loop runs there at all, so it is neither a task nor a slow step.
            return super()._run()
        if not isinstance(task, asyncio.Task) or id(task) not in _Recorder.ids:
            task = None
        if task is not None:
            _k.step(_Recorder.ids[id(task)])
        _k.take_notes()
        t0 = time.perf_counter()
        super()._run()
        dt = time.perf_counter() - t0
        if task is not None:
            span = _Recorder.ids[id(task)]
            if task.done():
                _Recorder.awaited.pop(id(task), None)
                _k.task_end(span)
            else:
                _Recorder.awaiting(task, span)
                _k.wait(span, _waiting_on(task))
        notes = _k.take_notes()
        if dt * 1000 > _k.SLOW_STEP_MS:
            _k.blocked(dt * 1000, _Recorder.name(task), notes or "sync code")
        loop = self._loop
        if loop.get_debug() and dt >= loop.slow_callback_duration:
            # base_events.BaseEventLoop._run_once, word for word
            base_events.logger.warning("Executing %s took %.3f seconds", base_events._format_handle(self), dt)


class KowakunaiLoop(WebLoop):
    """WebLoop, with every callback timed (_TimedHandle) and every task recorded."""

    slow_callback_duration = 0.1

    def call_later(self, delay, callback, *args, context=None):
        # WebLoop.call_later, with our handle class: its callbacks run through _TimedHandle._run
        if delay < 0:
            raise ValueError("Can't schedule in the past")
        h = _TimedHandle(callback, args, self, context=context)
        if delay == float("inf"):
            return h

        def run_handle():
            _k.pending_done()
            self._install_running_loop()
            self._install_asyncgen_hooks()
            if h.cancelled():
                return
            h._run()

        # counted until it runs: while any callback is scheduled, something can still resume the cell
        _k.pending_add()
        scheduleCallback(create_once_callable(run_handle, _may_syncify=True), min(delay * 1000, _MAX_TIMEOUT_MS))
        return h

    def run_in_executor(self, executor, func, *args):
        # on a thread worker (pool.py), not at once on this thread as WebLoop does
        fut = _pool.run_in_executor(self, super().run_in_executor, executor, func, *args)
        key = id(fut)
        _offloaded[key] = f"a thread: {_pool._label(func, args)}"
        fut.add_done_callback(lambda _f: _offloaded.pop(key, None))
        return fut

    def create_task(self, coro, *, name=None, context=None, **kwargs):
        # WebLoop.create_task, with our Task class and the traceback trimmed as BaseEventLoop.create_task does
        self._check_closed()
        code = getattr(coro, "cr_code", None)
        runner = code is not None and code.co_name == "eval_code_async" and "_pyodide" in code.co_filename
        if runner and name is None:
            name = "pyodide-runner"  # takes no number: the cell's asyncio.run main task is Task-1, as in CPython
        if self._task_factory is None:
            task = Task(coro, loop=self, name=name, context=context)
            tb = task._source_traceback
            # our create_task and PyodideTask.__init__ are not where the task was created
            while tb and (tb[-1].filename == __file__ or tb[-1].filename.endswith("pyodide/webloop.py")):
                del tb[-1]
        else:
            task = self._task_factory(self, coro)
            asyncio.tasks._set_task_name(task, name)
        self._in_progress += 1
        task.add_done_callback(self._decrement_in_progress)
        if runner:
            _Recorder.runner.add(id(task))
        else:
            _Recorder.created(task)
        return task


class Task(PyodideTask):
    """Pyodide's task under asyncio's name, so that reprs (and the debug warnings) read as in CPython."""


_pyodide_run = asyncio.run


def _run(main, *, debug=None, loop_factory=None):
    """asyncio.run: Pyodide's runs on the page's loop and drops `debug`; here debug=True switches debug mode on."""
    if debug is not None:
        asyncio.get_event_loop().set_debug(debug)
    return _pyodide_run(main, debug=debug, loop_factory=loop_factory)


def _blocking_sleep(secs):
    """time.sleep as in CPython: the thread (and so the event loop) does nothing else meanwhile."""
    _k.note(f"time.sleep({secs})")
    _k.sleep_sync(max(0.0, float(secs)) * 1000)


_blocking_sleep._k_label = "time.sleep"


def install():
    handler = _PageHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("asyncio")
    log.addHandler(handler)
    log.propagate = False
    policy = WebLoopPolicy()
    asyncio.set_event_loop_policy(policy)
    policy.set_event_loop(KowakunaiLoop())
    asyncio.run = _run
    time.sleep = _blocking_sleep
    _pool.install()


install()
