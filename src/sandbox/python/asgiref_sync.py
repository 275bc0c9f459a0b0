"""
A small stand-in for `asgiref.sync`, provided by kowakunai: only `sync_to_async`, enough for the talk's demo.

As in asgiref (3.3 and later), `sync_to_async(fn)` returns an awaitable version of a sync function whose body runs
on another thread, and `thread_sensitive` decides which:
- True (the default): one shared thread for every thread-sensitive call of the run, one call after another — what
  Django needs for database connections. Three calls gathered take three times one call.
- False: the run's thread pool (asyncio's default executor), so calls run at the same time.
The loop stays free either way. Here the threads are kowakunai's thread workers (see pool.py): the function and
its arguments are sent there pickled, not shared. It is not the asgiref package: no async_to_sync, no
contextvars carried over, no per-request thread as under a Django request.
"""
import asyncio
import functools

import _kowakunai_pool as _pool

__all__ = ["sync_to_async", "SyncToAsync"]


class SyncToAsync:
    def __init__(self, func, thread_sensitive=True, executor=None):
        if not callable(func) or asyncio.iscoroutinefunction(func):
            raise TypeError("sync_to_async can only be applied to sync functions.")
        if thread_sensitive and executor is not None:
            raise TypeError("executor must not be set when thread_sensitive is True")
        self.func = func
        self._thread_sensitive = thread_sensitive
        self._executor = executor
        functools.update_wrapper(self, func)

    async def __call__(self, *args, **kwargs):
        loop = asyncio.get_running_loop()
        if self._thread_sensitive:
            executor = _pool.sensitive_executor()
        else:
            executor = self._executor  # None: the default pool
        return await loop.run_in_executor(executor, functools.partial(self.func, *args, **kwargs))

    def __get__(self, parent, objtype):
        # a decorated method: bind it like a function would be
        return functools.partial(self.__call__, parent)


def sync_to_async(func=None, *, thread_sensitive=True, executor=None):
    """`sync_to_async(fn)`, `sync_to_async(fn, thread_sensitive=False)`, or `@sync_to_async` / `@sync_to_async(...)`."""
    if func is None:
        return lambda f: SyncToAsync(f, thread_sensitive=thread_sensitive, executor=executor)
    return SyncToAsync(func, thread_sensitive=thread_sensitive, executor=executor)
