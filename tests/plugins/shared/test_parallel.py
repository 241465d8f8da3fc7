"""Work spread over forked worker processes gives what one process gives."""

import multiprocessing
import os
import signal
import sys
import threading
import time

import pytest

from plugins.shared.parallel import forked_map, signals_held


class Unsendable(Exception):
    """An exception that cannot be pickled back from a worker."""

    def __init__(self, where, why):
        super().__init__(f"{where}: {why}")


def square_and_pid(number):
    time.sleep(0.01)  # long enough for every worker to take items
    return number * number, os.getpid()


def refuse_seven(number):
    if number == 7:
        raise ValueError("seven")
    return number


def refuse_unsendably(number):
    if number == 7:
        raise Unsendable("item 7", "no")
    return number


def test_results_come_back_in_order_from_worker_processes():
    results = forked_map(square_and_pid, range(40), least=4)
    assert [square for square, _ in results] == [n * n for n in range(40)]
    workers = {pid for _, pid in results}
    if (os.cpu_count() or 1) > 1:
        assert os.getpid() not in workers
        assert len(workers) >= 2


def test_few_items_are_worked_on_here():
    results = forked_map(square_and_pid, range(3), least=4)
    assert {pid for _, pid in results} == {os.getpid()}


def test_a_workers_exception_is_raised_here():
    with pytest.raises(ValueError, match="seven"):
        forked_map(refuse_seven, range(40), least=4)


def test_an_exception_that_cannot_come_back_is_told_by_its_message():
    with pytest.raises((RuntimeError, Unsendable), match="item 7: no"):
        forked_map(refuse_unsendably, range(40), least=4)


def signal_handlers(_number):
    return signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)


def test_workers_die_of_sigterm_and_sigint_whatever_handlers_the_build_set():
    """`invoke build` stops on SIGTERM with a handler of its own, which a fork
    hands down: a worker running it when the pool stops its workers (with
    SIGTERM, after every map) could be left waiting on the pool's lock."""
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        found = set(forked_map(signal_handlers, range(40), least=4))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert found == {(signal.SIG_DFL, signal.SIG_DFL)}


# A stop (SIGTERM) sent while the process forks, from Python's fork callbacks.
STOP_WHILE_FORKING = threading.Event()


def _stop_while_forking():
    if STOP_WHILE_FORKING.is_set():
        STOP_WHILE_FORKING.clear()
        os.kill(os.getpid(), signal.SIGTERM)


os.register_at_fork(before=_stop_while_forking)


def test_a_stop_that_comes_while_workers_are_forked_stops_the_map():
    """What a signal's handler raises within Python's fork callbacks is
    dropped (with a warning): the stop of a preview rebuild that came as it
    forked its first workers was lost, and logging's lock left taken, so that
    the pool's next fork waited for it for good. It is taken once they are."""
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    STOP_WHILE_FORKING.set()
    try:
        with pytest.raises(SystemExit):
            forked_map(square_and_pid, range(40), least=4)
    finally:
        STOP_WHILE_FORKING.clear()
        signal.signal(signal.SIGTERM, previous)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("sender", ["this thread", "another thread"])
def test_a_stop_within_held_signals_is_taken_once_the_block_is_done(sender):
    """Taken by a thread that does not hold it, a signal still runs its
    handler in the main thread, wherever that is: noted until the block is
    done instead."""
    taken, send = [], threading.Event()

    def another_thread():
        send.wait()
        if sender == "another thread":
            os.kill(os.getpid(), signal.SIGTERM)  # this thread may take it

    thread = threading.Thread(target=another_thread)
    thread.start()  # before the block: it does not hold the signals
    previous = signal.signal(signal.SIGTERM, lambda *_: taken.append("stop"))
    try:
        with signals_held():
            if sender == "this thread":
                os.kill(os.getpid(), signal.SIGTERM)
            send.set()
            thread.join()
            time.sleep(0.05)  # long enough for any thread to take it
            assert taken == []
        assert taken == ["stop"]
    finally:
        send.set()
        thread.join()
        signal.signal(signal.SIGTERM, previous)


def map_until_stopped(ready):
    """In a forked child: a build in a process group of its own (as the
    preview's rebuilds are) that maps on every core until it is stopped; it
    writes to `ready` once it is in its group and takes the stop."""
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        os.write(ready, b"!")
        while True:
            forked_map(square, range(40), least=4)
    finally:
        os._exit(0)


def square(number):
    return number * number


def test_a_build_stopped_with_its_workers_stops_and_leaves_no_process():
    """The preview stops a stale rebuild with its whole process group: its
    workers die at once. A pool of multiprocessing's then waited for good on
    a lock a dead worker held (18 stops of 30 hung)."""
    hung, left = [], []
    for delay in [0.05 + 0.015 * step for step in range(10)]:
        ready, tell = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(ready)
            map_until_stopped(tell)
        os.close(tell)
        # Not before it is in its group: on a busy machine a child forked
        # here can take longer than the delay to get there.
        with os.fdopen(ready, "rb") as said:
            assert said.read(1) == b"!"
        time.sleep(delay)
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        while not os.waitpid(pid, os.WNOHANG)[0]:
            if time.monotonic() > deadline:
                hung.append(delay)
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            time.sleep(0.02)
        time.sleep(0.1)  # its workers, killed too, are gone
        try:
            os.killpg(pid, 0)
            left.append(delay)
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert hung == []
    assert left == []


def test_a_fork_that_fails_leaves_no_worker_and_no_open_pipe(monkeypatch):
    """The machine out of processes or memory: the map fails, as it says."""
    real_fork, forks = os.fork, []

    def fork_once():
        if forks:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        forks.append(real_fork())
        return forks[-1]

    monkeypatch.setattr(os, "fork", fork_once)
    before = sorted(os.listdir("/proc/self/fd"))
    with pytest.raises(BlockingIOError):
        forked_map(square, range(40), least=4)
    monkeypatch.undo()
    assert sorted(os.listdir("/proc/self/fd")) == before
    assert forks and forks[0] > 0
    with pytest.raises(ChildProcessError):  # the first worker was reaped
        os.waitpid(forks[0], os.WNOHANG)
