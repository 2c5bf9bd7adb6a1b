"""Seeded kill points for tests/test_crash_safety.py: SIGKILL the whole run at the n-th call of a function.

Loaded by Python at start-up when this folder is on PYTHONPATH (the crash test puts it there for the
``goftar run`` it starts, and the crawl child inherits it). With ``GOFTAR_KILL_AT=module:qualname:n`` (or
``…:n:after``) set, the named function is wrapped once its module is imported, and its n-th call kills
the process group (the CLI and its crawl child) with SIGKILL, before or after the call. Without the
variable this file does nothing.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.util
import os
import signal
import sys
from typing import Any

_SPEC = os.environ.get("GOFTAR_KILL_AT", "")


def _die() -> None:
    marker = os.environ.get("GOFTAR_KILL_MARKER")
    if marker:  # tells the test that the kill point was reached (and by which process)
        with open(marker, "w", encoding="utf-8") as fh:
            fh.write(str(os.getpid()))
    os.killpg(os.getpgrp(), signal.SIGKILL)


def _wrap(func: Any, nth: int, after: bool) -> Any:
    calls = 0

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == nth and not after:
            _die()
        result = func(*args, **kwargs)
        if calls == nth and after:
            _die()
        return result

    return wrapper


def _patch(module: Any, qualname: str, nth: int, after: bool) -> None:
    owner: Any = module
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    setattr(owner, name, _wrap(getattr(owner, name), nth, after))


class _Finder(importlib.abc.MetaPathFinder):
    """Patch the target module right after it is executed (it is not imported yet at start-up)."""

    def __init__(self, module: str, qualname: str, nth: int, after: bool) -> None:
        self.module, self.qualname, self.nth, self.after = module, qualname, nth, after

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.module:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return None
        exec_module = spec.loader.exec_module
        finder = self

        def exec_and_patch(module: Any) -> None:
            exec_module(module)
            _patch(module, finder.qualname, finder.nth, finder.after)

        spec.loader.exec_module = exec_and_patch  # type: ignore[method-assign]
        return spec


def arm(spec: str) -> None:
    """Install the kill point ``module:qualname:n[:after]`` (patched now if the module is loaded)."""
    module, qualname, nth, *when = spec.split(":")
    if module in sys.modules:
        _patch(sys.modules[module], qualname, int(nth), when == ["after"])
    else:
        sys.meta_path.insert(0, _Finder(module, qualname, int(nth), when == ["after"]))


if _SPEC:
    arm(_SPEC)
