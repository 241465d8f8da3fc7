"""Work spread over the machine's cores, in processes forked from the build.

Markdown, Jinja, XML and gzip hold Python's lock: work on many items goes
faster only in processes of their own. Forked, they start with the build's
state (its entries, settings and caches) as it is, so nothing but each
item's number goes to them, and nothing but its result comes back.

Each worker starts (`start_worker`) by freezing what it was forked with for
Python's cycle collector (`gc.freeze()`): when it collects, it does not go
through the build's whole heap, touching (and so copying) every page of it.
And it dies of SIGTERM and SIGINT as a process does by default, not by the
build's own handlers, which the fork hands down: the pool stops its workers
with SIGTERM at the end of every map, and a handler that ran Python in a
worker then could leave it waiting on the pool's lock, the build waiting for
it for good (seen once in a few hundred builds).

Workers are forked with those signals held (`signals_held`): a stop that comes
while a process forks is taken once the fork is done, never inside the
callbacks Python runs around it (logging's among them), where the exception
it raises is dropped with a warning: the stop was lost, and logging's lock
left taken, so that the pool's next fork waited for it for good (the preview's
rebuild stopped as it started its first workers, seen once in the tests).
"""

import gc
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from contextlib import contextmanager

# The signals that stop a build.
STOPPING = (signal.SIGINT, signal.SIGTERM)

# What the forked workers call, and on what: set just before they fork.
_work: tuple[Callable, Sequence] | None = None


def forked_map(function: Callable, items: Sequence, *, least: int) -> list:
    """`[function(item) for item in items]`, in one forked worker process per
    core when there are at least `least` items for each of two; in this
    process otherwise (one core, no fork, few items). Results are pickled
    back; an exception in a worker is raised here."""
    global _work  # noqa: PLW0603 - inherited by the forked workers
    workers = worker_count(len(items), least)
    if workers < 2:
        return [function(item) for item in items]
    _work = (function, items)
    pool = None
    try:
        with signals_held():
            pool = multiprocessing.get_context("fork").Pool(
                workers, initializer=start_worker
            )
        chunk = max(1, len(items) // (workers * 4))
        return pool.map(_call, range(len(items)), chunksize=chunk)
    finally:
        _work = None
        if pool is not None:
            pool.terminate()


def start_worker() -> None:
    """What a worker process does first (see the module's docstring)."""
    for number in STOPPING:
        if callable(signal.getsignal(number)):  # a handler of the build's
            signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)  # held by the fork
    gc.freeze()


@contextmanager
def signals_held():
    """Let nothing stop the process within the block: SIGINT and SIGTERM
    are taken once it is done (the process's own handlers then run, in the
    main thread, out of the block). Processes forked within start with them
    held (`start_worker` lets them in)."""
    noted = []
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        # Taken by another thread, a signal still runs its handler in the
        # main thread, wherever it is: noted instead until the block is done.
        for number in STOPPING:
            if callable(signal.getsignal(number)):
                handlers[number] = signal.signal(
                    number, lambda taken, _: noted.append(taken)
                )
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # pending: noted
        _put_back(handlers)
        for number in noted:
            signal.raise_signal(number)


def _put_back(handlers: dict) -> None:
    """Put these signal handlers back, every one of them, even if one put
    back already runs (and raises) meanwhile: raised again once all are."""
    raised = None
    for number, handler in handlers.items():
        while True:
            try:
                signal.signal(number, handler)  # runs pending handlers first
                break
            except BaseException as error:  # raised once all are back
                raised = raised or error
    if raised is not None:
        raise raised


def worker_count(items: int, least: int) -> int:
    """How many worker processes `forked_map` forks for this many items (below
    2, it forks none)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(os.cpu_count() or 1, items // max(least, 1))


def _call(number: int):
    function, items = _work
    try:
        return function(items[number])
    except Exception as error:
        try:  # sent back as it is, when it can be
            pickle.loads(pickle.dumps(error))
        except Exception:
            raise RuntimeError(f"{type(error).__name__}: {error}") from None
        raise
