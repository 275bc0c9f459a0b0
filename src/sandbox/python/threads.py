"""
Python's threads on separate Pyodide workers (see py-threads.ts for the JavaScript side).

A browser gives a Pyodide no threads, but it gives the page workers. Each "thread" here is a Pyodide of its own in
another worker, so a blocking call in it (time.sleep, requests.get) blocks that worker for real while the loop's
worker carries on. They share no memory: a call crosses as bytes, pickled, and so does its answer.

What crosses to a thread:
- the function; one defined in the cell (or a lambda, a nested function) goes by value: its code (marshal), its
  defaults, the values of its closure, and the cell globals its code names — plain values, other functions (by
  value again), imported modules (re-imported by name in the thread);
- the arguments, by pickle (functions by value as above);
- back: the return value, or the exception with the thread's traceback (as ProcessPoolExecutor does).
Anything pickle cannot take (a lock, a socket, the event loop, a generator, a class defined in the cell) fails at
once, before anything is sent, with a TypeError naming the object and where it was found.
"""
import asyncio
import builtins
import functools
import importlib
import io
import marshal
import pickle
import sys
import traceback
import types

_MAIN = "__main__"


def _by_value(fn):
    """Functions of the cell (and lambdas, nested functions) cannot be found by name in a thread: send their code."""
    return fn.__module__ in (_MAIN, None) or "<" in fn.__qualname__


def _names(code):
    """The global names a code object (and the code nested in it: lambdas, comprehensions) may read."""
    found = set(code.co_names)
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            found |= _names(c)
    return found


def _function_parts(fn):
    g = fn.__globals__
    used = {n: g[n] for n in sorted(_names(fn.__code__)) if n in g and n != "__builtins__"}
    cells = []
    for c in fn.__closure__ or ():
        try:
            cells.append(c.cell_contents)
        except ValueError:  # an empty cell (a name assigned later in the enclosing function)
            cells.append(_EMPTY)
    return used, cells


class _Empty:
    def __reduce__(self):
        return (_empty, ())


def _empty():
    return _EMPTY


_EMPTY = _Empty()


class Pickler(pickle.Pickler):
    """pickle, with functions of the cell by value and modules by name."""

    def reducer_override(self, obj):
        if isinstance(obj, types.FunctionType) and _by_value(obj):
            used, cells = _function_parts(obj)
            head = (marshal.dumps(obj.__code__), obj.__name__, obj.__qualname__, len(cells))
            state = (used, obj.__defaults__, obj.__kwdefaults__, cells)
            # the state goes after the function is memoised: recursive and mutually recursive functions work
            return (_make_function, head, state, None, None, _set_function_state)
        if isinstance(obj, types.ModuleType):
            return (importlib.import_module, (obj.__name__,))
        if isinstance(obj, type) and obj.__module__ == _MAIN:
            raise pickle.PicklingError(f"class {obj.__qualname__} is defined in the cell (a thread cannot find it by name)")
        if isinstance(obj, asyncio.AbstractEventLoop):
            raise pickle.PicklingError("an event loop belongs to the thread that runs it")
        if isinstance(obj, (types.CoroutineType, types.GeneratorType, types.AsyncGeneratorType)):
            raise pickle.PicklingError(f"{type(obj).__name__} objects hold a running frame")
        return NotImplemented


# the globals of the functions unpickled for one job: they share one namespace, as they did in the cell
_job_globals = {}


def _make_function(code, name, qualname, ncells):
    closure = tuple(types.CellType() for _ in range(ncells)) or None
    fn = types.FunctionType(marshal.loads(code), _job_globals, name, None, closure)
    fn.__qualname__ = qualname
    fn.__module__ = _MAIN
    return fn


def _set_function_state(fn, state):
    used, defaults, kwdefaults, cells = state
    for k, v in used.items():
        fn.__globals__.setdefault(k, v)
    fn.__defaults__ = defaults
    fn.__kwdefaults__ = kwdefaults
    for cell, value in zip(fn.__closure__ or (), cells):
        if value is not _EMPTY:
            cell.cell_contents = value


def dumps(obj):
    buf = io.BytesIO()
    Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


def loads(data):
    global _job_globals
    _job_globals = {"__builtins__": builtins, "__name__": _MAIN}
    return pickle.loads(data)


# ---- what cannot cross, named ----


def _short(obj):
    r = repr(obj)
    return r if len(r) <= 60 else r[:57] + "..."


def _find_unsendable(obj, where, seen):
    """The first object under `obj` that pickle refuses, with the path to it, or None."""
    if id(obj) in seen:
        return None
    seen.add(id(obj))
    if isinstance(obj, functools.partial):
        parts = [(obj.func, where)] + [(a, f"argument {i + 1}") for i, a in enumerate(obj.args)]
        parts += [(v, f"keyword argument '{k}'") for k, v in obj.keywords.items()]
        for v, w in parts:
            found = _find_unsendable(v, w, seen)
            if found:
                return found
        return None
    if isinstance(obj, types.FunctionType) and _by_value(obj):
        used, cells = _function_parts(obj)
        label = f"{obj.__qualname__}()"
        for n, v in used.items():
            found = _find_unsendable(v, f"global '{n}' used by {label}", seen)
            if found:
                return found
        names = obj.__code__.co_freevars
        for n, v in zip(names, cells):
            found = _find_unsendable(v, f"'{n}' in the closure of {label}", seen)
            if found:
                return found
        for i, v in enumerate(obj.__defaults__ or ()):
            found = _find_unsendable(v, f"a default argument of {label}", seen)
            if found:
                return found
        return None
    if isinstance(obj, (list, tuple, set, frozenset)):
        for i, v in enumerate(obj):
            found = _find_unsendable(v, f"{where}, item {i}", seen)
            if found:
                return found
    elif isinstance(obj, dict):
        for k, v in obj.items():
            found = _find_unsendable(v, f"{where}[{k!r}]", seen)
            if found:
                return found
    try:
        dumps(obj)
    except Exception as e:  # noqa: BLE001 - whatever pickle says is the reason
        return where, obj, e
    return None


def pack_call(fn, args, kwargs, what):
    """The call as bytes for a thread, or a TypeError naming what cannot cross (checked here, before sending)."""
    try:
        return dumps((fn, args, kwargs))
    except Exception as e:  # noqa: BLE001
        parts = [(fn, "the function")] + [(a, f"argument {i + 1}") for i, a in enumerate(args)]
        parts += [(v, f"keyword argument '{k}'") for k, v in kwargs.items()]
        seen = set()
        for obj, where in parts:
            found = _find_unsendable(obj, where, seen)
            if found:
                where, bad, why = found
                raise TypeError(
                    f"{what}: {where} cannot be sent to a thread: {_short(bad)} ({type(bad).__name__}: {why}). "
                    "Threads share no memory with the loop; pass plain values, or create the object inside the function."
                ) from None
        raise TypeError(f"{what}: the call cannot be sent to a thread: {e}") from None


# ---- in the thread ----


def run_job(data):
    """Runs one call (bytes from pack_call); returns (ok, bytes of the result or of the exception, traceback text)."""
    try:
        fn, args, kwargs = loads(data)
    except Exception as e:  # noqa: BLE001
        return False, _dump_error(e), "".join(traceback.format_exception_only(e))
    try:
        value = fn(*args, **kwargs)
    except BaseException as e:  # noqa: BLE001 - SystemExit, KeyboardInterrupt come back too
        tb = e.__traceback__.tb_next if e.__traceback__ is not None else None  # this frame is not the cell's
        text = "".join(traceback.format_exception(type(e), e, tb))
        return False, _dump_error(e), text
    try:
        return True, dumps(value), ""
    except Exception as e:  # noqa: BLE001
        err = TypeError(f"the result of {getattr(fn, '__qualname__', 'the call')}() cannot be sent back from the thread: {_short(value)} ({type(value).__name__}): {e}")
        return False, _dump_error(err), ""


def _dump_error(e):
    try:
        return dumps(e)
    except Exception:  # noqa: BLE001 - an exception class of the cell's own: its name and message still come back
        return dumps(RuntimeError(f"{type(e).__name__}: {e}"))


class RemoteTraceback(Exception):
    """The thread's traceback, chained as the cause of the exception re-raised on the loop (as ProcessPoolExecutor)."""

    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


RemoteTraceback.__module__ = "thread"


def unpack_result(ok, data, tb):
    """The call's answer on the loop's side: its value, or its exception raised with the thread's traceback."""
    value = loads(data)
    if ok:
        return value
    if tb:
        value.__cause__ = RemoteTraceback("\n" + tb.rstrip("\n"))
    raise value


def setup_thread(source, filename):
    """A thread worker's start: tracebacks show the cell's own lines."""
    import linecache

    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    sys.modules.setdefault(_MAIN, types.ModuleType(_MAIN))
