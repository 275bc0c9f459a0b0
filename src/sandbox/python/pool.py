"""
The executors of a Python cell, on real threads: each call goes to a thread worker (py-threads.ts) as pickled bytes
(_kowakunai_threads), and its answer comes back the same way. Installed by the runtime in place of Pyodide's, which
run the function at once on the loop's own thread:

- asyncio.to_thread(fn, *args, **kwargs) and loop.run_in_executor(None, fn, *args): the default pool;
- concurrent.futures.ThreadPoolExecutor(max_workers=n): submit, map, shutdown, `with`;
- asgiref.sync.sync_to_async (the stand-in in asgiref_sync.py) builds on run_in_executor.

At most _k.MAX_THREADS threads per run, shared by every executor of the run; an executor with more max_workers runs
that many at a time and says so once. Future.result() on the loop's thread waits without holding the worker
(Pyodide's run_sync), so the threads' answers can come in meanwhile.
"""
import asyncio
import base64
import concurrent.futures
import concurrent.futures.thread
import functools
import os

import _kowakunai as _k
import _kowakunai_threads as _t
from pyodide.ffi import create_once_callable

_SIMPLE = (int, float, str, bool, type(None))
_counter = 0
_told_cap = False


def _name(fn):
    """`search`, `time.sleep`: how a function is named in messages and on the timeline."""
    if isinstance(fn, functools.partial):
        fn = fn.func
    name = getattr(fn, "_k_label", None) or getattr(fn, "__qualname__", None) or type(fn).__name__
    mod = getattr(fn, "__module__", None)
    if mod and mod != "__main__" and not mod.startswith("_") and "." not in name:
        name = f"{mod}.{name}"
    return name


def _label(fn, args):
    """The call as the timeline shows it: `search('api/slow?delay=1000')`, `time.sleep(1)`."""
    name = _name(fn)
    if isinstance(fn, functools.partial):
        args = tuple(fn.args) + tuple(args)
    shown = []
    for a in args[:3]:
        r = repr(a) if isinstance(a, _SIMPLE) else type(a).__name__
        shown.append(r if len(r) <= 24 else r[:21] + "...")
    return f"{name}({', '.join(shown)}{', ...' if len(args) > 3 else ''})"


class _ThreadFuture(concurrent.futures.Future):
    """A Future whose result() may be asked for on the loop's thread: it waits without holding the worker."""

    def __init__(self, promise):
        super().__init__()
        self._promise = promise

    def result(self, timeout=None):
        self._wait()
        return super().result(0)

    def exception(self, timeout=None):
        self._wait()
        return super().exception(0)

    def _wait(self):
        if not self.done():
            from pyodide.ffi import run_sync

            try:
                run_sync(self._promise)
            except Exception:  # noqa: BLE001 - the failure is the future's exception, set by the callback below
                pass


def _submit(pool, cap, fn, args, kwargs, what):
    if not callable(fn):
        raise TypeError(f"{what}: {fn!r} is not callable")
    data = _t.pack_call(fn, args, kwargs, what)
    fut = None

    def answered(ok, out, tb):
        try:
            if not out:
                raise RuntimeError(f"{what}: {tb or 'the thread gave no answer'}")
            fut.set_result(_t.unpack_result(ok, base64.b64decode(out), tb))
        except BaseException as e:  # noqa: BLE001 - the call's own exception, re-raised where it is awaited
            fut.set_exception(e)

    # called from JavaScript once, when the answer is in (a Python callback on the promise would start a task)
    promise = _k.thread_submit(pool, cap, base64.b64encode(data).decode(), _label(fn, args), create_once_callable(answered))
    fut = _ThreadFuture(promise)
    fut.set_running_or_notify_cancel()
    return fut


class ThreadPoolExecutor(concurrent.futures.Executor):
    """concurrent.futures.ThreadPoolExecutor on kowakunai's thread workers."""

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None, initargs=()):
        global _counter, _told_cap
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None:
            raise NotImplementedError("kowakunai's ThreadPoolExecutor has no initializer: threads share no state to set up")
        self._max_workers = max_workers
        self._cap = min(max_workers, _k.MAX_THREADS)
        self._pool = f"{thread_name_prefix or 'ThreadPoolExecutor'}-{_counter}"
        _counter += 1
        self._shutdown = False
        self._futures = []
        if max_workers > _k.MAX_THREADS and not _told_cap and thread_name_prefix != "asyncio":
            _told_cap = True
            _k.print(f"kowakunai: at most {_k.MAX_THREADS} threads per run; ThreadPoolExecutor(max_workers={max_workers}) runs {self._cap} at a time", "warn")

    def submit(self, fn, /, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError("cannot schedule new futures after shutdown")
        fut = _submit(self._pool, self._cap, fn, args, kwargs, f"{_name(fn)}()")
        self._futures = [f for f in self._futures if not f.done()] + [fut]
        return fut

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        if wait:
            for f in list(self._futures):
                f._wait()


_default = None
_sensitive = None


def default_executor():
    """asyncio's default executor: the run's whole budget of threads."""
    global _default
    if _default is None:
        _default = ThreadPoolExecutor(max_workers=_k.MAX_THREADS, thread_name_prefix="asyncio")
    return _default


def sensitive_executor():
    """One thread, one call after another: sync_to_async(thread_sensitive=True)."""
    global _sensitive
    if _sensitive is None:
        _sensitive = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thread-sensitive")
    return _sensitive


def run_in_executor(loop, super_run, executor, func, *args):
    if executor is None:
        executor = default_executor()
    if not isinstance(executor, ThreadPoolExecutor):
        return super_run(executor, func, *args)  # a ProcessPoolExecutor etc.: Pyodide's own behaviour
    return asyncio.wrap_future(executor.submit(func, *args), loop=loop)


async def to_thread(func, /, *args, **kwargs):
    """asyncio.to_thread on a real thread (the context is not copied: it could not cross)."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, functools.partial(func, *args, **kwargs))


def install():
    concurrent.futures.ThreadPoolExecutor = ThreadPoolExecutor
    concurrent.futures.thread.ThreadPoolExecutor = ThreadPoolExecutor
    asyncio.to_thread = to_thread
    asyncio.threads.to_thread = to_thread
