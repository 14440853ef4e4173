"""macros/parallel.py: results in order, and a failure in a child is never lost."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from macros import parallel


class Fel(Exception):
    pass


def _raise(exc):
    raise exc


def test_results_come_back_in_order_from_this_process_and_the_children():
    pids = parallel.run([os.getpid, os.getpid, os.getpid])
    assert pids[0] == os.getpid()
    if parallel._can_fork():
        assert len(set(pids)) == 3  # one child per further piece


def test_an_error_in_a_child_is_raised_here_as_itself():
    with pytest.raises(Fel, match="partbladet"):
        parallel.run([lambda: 1, lambda: _raise(Fel("partbladet är för långt"))])


def test_an_error_that_cannot_be_sent_is_raised_as_its_text():
    class Lokal(Exception):  # a local class cannot be pickled
        pass

    expected = parallel.ChildFailed if parallel._can_fork() else Lokal
    with pytest.raises(expected, match="går inte att skicka"):
        parallel.run([lambda: 1, lambda: _raise(Lokal("går inte att skicka"))])


@pytest.mark.skipif(not parallel._can_fork(), reason="only a forked child can die on its own")
def test_a_child_that_dies_without_answering_is_an_error():
    with pytest.raises(parallel.ChildFailed, match="kod 3"):
        parallel.run([lambda: 1, lambda: os._exit(3)])


def test_an_error_here_stops_the_children():
    start = time.perf_counter()
    with pytest.raises(Fel):
        parallel.run([lambda: _raise(Fel("här")), lambda: time.sleep(30)])
    assert multiprocessing.active_children() == []  # stopped and reaped, not left sleeping
    assert time.perf_counter() - start < 10
