"""Run independent pieces of work in forked processes, for the steps that use one core each (the PDFs).

Fork, not spawn: a child starts with what the parent has already imported and loaded (WeasyPrint's
libraries, the checked model), so a process costs milliseconds instead of half a second. Where fork is not
available (Windows, and macOS where it is unsafe), the work runs one piece after the other in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class ChildFailed(Exception):
    """A piece failed in its child process; the message is the child's exception, as text."""


def cores() -> int:
    """How many processes can run at once here: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(work: list[Callable[[], T]]) -> list[T]:
    """Each callable's result, in order. The first runs here, each other one in a child of its own.

    An exception in the first is raised as itself; in a child, as ChildFailed with the child's message, or
    the exception itself when it can be sent back (it is then raised here unchanged).
    """
    if len(work) <= 1 or not _can_fork():
        return [w() for w in work]
    ctx = multiprocessing.get_context("fork")
    children = []
    for w in work[1:]:
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_child, args=(w, send), daemon=True)
        child.start()
        send.close()  # the child has its own copy; closing ours makes recv() fail if the child dies
        children.append((child, receive))
    try:
        results = [work[0]()]
        for child, receive in children:
            try:
                ok, value = receive.recv()
            except EOFError:
                child.join()
                raise ChildFailed(f"en delprocess avbröts utan svar (kod {child.exitcode})") from None
            child.join()
            if not ok:
                raise value
            results.append(value)
        return results
    finally:
        for child, receive in children:
            receive.close()
            if child.is_alive():
                child.terminate()
                child.join()


def _child(work: Callable[[], T], send) -> None:
    try:
        result = (True, work())
    except BaseException as exc:  # everything goes back to the parent, which decides
        result = (False, _sendable(exc))
    try:
        send.send(result)
    finally:
        send.close()


def _sendable(exc: BaseException) -> BaseException:
    """The exception itself if it survives pickling (our own errors do), else its text with the traceback."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # any pickling failure means: send text
        return ChildFailed("".join(traceback.format_exception(exc)).strip())


def _can_fork() -> bool:
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
