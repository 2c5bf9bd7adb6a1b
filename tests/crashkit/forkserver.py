"""A pre-warmed ``goftar`` for the crash test: loads the CLI and the NLP models once, then forks a fresh
``goftar run`` per request, so twenty crash cases do not each pay the model loading time.

Protocol on stdin/stdout, one JSON object per line. Request: ``{"argv": [...], "env": {...},
"kill_at": "module:qualname:n[:after]" or "", "delay": seconds or 0, "log": path}``. Answer:
``{"returncode": int}`` (negative: killed by that signal). Each forked run is a session of its own, so
a kill takes the run and its Scrapy child together, as a host crash would.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from typing import Any

import sitecustomize  # the kill-point installer in this folder

from goftar.cli import entrypoint
from nlp.extract import extract


def _child(request: dict[str, Any]) -> None:
    os.setsid()
    fd = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.environ.update(request["env"])
    if request.get("kill_at"):
        sitecustomize.arm(request["kill_at"])  # the crawl child arms itself from GOFTAR_KILL_AT
    sys.argv = ["goftar", *request["argv"]]
    code = 0
    try:
        entrypoint()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def _wait(pid: int, delay: float) -> int:
    deadline = time.monotonic() + delay if delay else None
    while True:
        done, status = os.waitpid(pid, os.WNOHANG if deadline else 0)
        if done:
            return os.waitstatus_to_exitcode(status)
        if deadline and time.monotonic() >= deadline:
            os.killpg(pid, signal.SIGKILL)
            deadline = None
        time.sleep(0.02)


def main() -> None:
    extract("شهردار گفت: این طرح تا پایان سال ۱۴۰۴ اجرا می‌شود.")  # load every model before forking
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request)
        print(json.dumps({"returncode": _wait(pid, float(request.get("delay") or 0))}), flush=True)


if __name__ == "__main__":
    main()
