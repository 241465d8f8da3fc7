"""Work spread over the machine's cores, in processes forked from the build.

Markdown, Jinja, XML and gzip hold Python's lock: work on many items goes
faster only in processes of their own. Forked, they start with the build's
state (its entries, settings and caches) as it is, so nothing but each
worker's number goes to them, and nothing but results come back, pickled one
by one through a pipe of its own and read as they come.

Nothing is shared between the build and its workers but those pipes: no lock
or queue a worker could die holding. A stopped build (Ctrl-C, SIGTERM: the
preview stops a stale rebuild with its whole process group) kills its
workers and waits for them; a pool of multiprocessing's, whose workers the
same signal killed, could wait for good on a lock one of them held.

Each worker starts (`start_worker`) by freezing what it was forked with for
Python's cycle collector (`gc.freeze()`): when it collects, it does not go
through the build's whole heap, touching (and so copying) every page of it.
And it dies of SIGTERM and SIGINT as a process does by default, not by the
build's own handlers, which the fork hands down.

Workers are forked with those signals held (`signals_held`): a stop that comes
while a process forks is taken once the fork is done, never inside the
callbacks Python runs around it (logging's among them), where the exception
it raises is dropped with a warning: the stop was lost, and logging's lock
left taken, so that the next fork waited for it for good (the preview's
rebuild stopped as it started its first workers, seen once in the tests).
"""

import gc
import multiprocessing
import os
import pickle
import selectors
import signal
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager, suppress

# The signals that stop a build.
STOPPING = (signal.SIGINT, signal.SIGTERM)


def forked_map(function: Callable, items: Sequence, *, least: int) -> list:
    """`[function(item) for item in items]`, in one forked worker process per
    core when there are at least `least` items for each of two; in this
    process otherwise (one core, no fork, few items). Results are pickled
    back; an exception in a worker is raised here."""
    workers = worker_count(len(items), least)
    if workers < 2:
        return [function(item) for item in items]
    shares = forked_shares(
        lambda number, count: map(function, items[number::count]), workers
    )
    return [shares[index % workers][index // workers] for index in range(len(items))]


def forked_shares(share: Callable[[int, int], Iterable], workers: int) -> list[list]:
    """What `share(number, workers)` gives in each of `workers` forked worker
    processes (numbered from 0), as lists, in their order. An exception in a
    worker is raised here (as it was, when it can be pickled back); then, or
    when the build is stopped, every worker still running is killed. (A
    worker forks none of its own: killed, it would leave them running.)"""
    children: list[list[int]] = []  # [process id, its pipe's read end or -1]
    try:
        with signals_held():  # a stop comes once every worker is forked
            for number in range(workers):
                read_end, write_end = os.pipe()
                try:
                    pid = os.fork()
                except BaseException:
                    os.close(read_end)
                    os.close(write_end)
                    raise
                if pid == 0:  # the worker: never back into the build's code
                    status = 1
                    try:
                        for _, sibling in [*children, [0, read_end]]:
                            os.close(sibling)
                        status = _give_share(share, number, workers, write_end)
                    finally:
                        os._exit(status)
                os.close(write_end)
                children.append([pid, read_end])
        given = _gathered(children)
        found = []
        while children:
            with signals_held():  # reaped and forgotten at once
                pid = children[0][0]
                _, status = os.waitpid(pid, 0)
                children.pop(0)
            if (code := os.waitstatus_to_exitcode(status)) != 0:
                raise RuntimeError(f"a worker process ended with status {code}")
            found.append(given[pid])
        return found
    finally:
        with signals_held():  # a second stop does not cut the first short
            _stop(children)


def _give_share(share, number: int, workers: int, write_end: int) -> int:
    """In the worker: send what its share gives, one value at a time, or the
    exception that stopped it; its exit status."""
    start_worker()
    with os.fdopen(write_end, "wb") as pipe:
        try:
            for value in share(number, workers):
                _send(pipe, value)
        except Exception as error:  # raised in the build
            _send(pipe, _Failure(_sendable(error)))
            return 1
    return 0


def _send(pipe, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(len(data).to_bytes(8, "big"))
    pipe.write(data)


def _gathered(children: list[list[int]]) -> dict[int, list]:
    """Every value each worker sends ({process id: values}), read as it comes
    from all of them at once: a worker never waits for the build to read
    another's. A worker's exception is raised as soon as it comes."""
    values: dict[int, list] = {pid: [] for pid, _ in children}
    buffers = {fd: bytearray() for _, fd in children}
    of_pipe = {child[1]: child for child in children}
    with selectors.DefaultSelector() as selector:
        for _, fd in children:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                child = of_pipe[key.fd]
                chunk = os.read(key.fd, 1 << 20)
                if not chunk:  # the worker is done (or dead: its status says)
                    selector.unregister(key.fd)
                    child[1] = -1  # before it is closed: never closed twice
                    os.close(key.fd)
                    continue
                buffers[key.fd] += chunk
                for value in _frames(buffers[key.fd]):
                    if isinstance(value, _Failure):
                        raise value.error
                    values[child[0]].append(value)
    return values


def _frames(buffer: bytearray) -> list:
    """The values of the whole frames (length, then pickle) `buffer` starts
    with, taken out of it."""
    found, start = [], 0
    with memoryview(buffer) as view:
        while len(view) - start >= 8:
            size = int.from_bytes(view[start : start + 8], "big")
            if len(view) - start - 8 < size:
                break
            found.append(pickle.loads(view[start + 8 : start + 8 + size]))
            start += 8 + size
    del buffer[:start]
    return found


class _Failure:
    """What stopped a worker, sent back."""

    def __init__(self, error: BaseException):
        self.error = error


def _sendable(error: BaseException) -> BaseException:
    """The exception itself when it can be pickled back, else its message."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # told by its message instead
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _stop(children: list[list[int]]) -> None:
    """Kill these workers, wait for them, close what is left of their pipes."""
    for pid, _ in children:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    for pid, read_end in children:
        with suppress(ChildProcessError):
            os.waitpid(pid, 0)
        if read_end >= 0:
            with suppress(OSError):
                os.close(read_end)


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
    previous = None
    try:
        if threading.current_thread() is threading.main_thread():
            # Taken by another thread, a signal still runs its handler in the
            # main thread, wherever it is: noted instead until the block is done.
            for number in STOPPING:
                if callable(signal.getsignal(number)):
                    handlers[number] = signal.signal(
                        number, lambda taken, _: noted.append(taken)
                    )
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
        yield
    finally:
        if previous is not None:
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
