"""Large upserts written by a child process while the caller prepares the next rows.

Indexing is two halves of comparable cost: preparing rows (pure Python: analysis, JSON, compression;
``sqlite_write.prepare``) and writing them (SQLite; ``sqlite_write.write``). In one process they run one
after the other on one core. Here the store's process prepares chunk k+1 while a child process writes
chunk k into the same transaction, so a batch uses two cores (benchmarks/search.py measures it).
A thread cannot do this: ``sqlite3`` releases the GIL around each row it steps and must win it back
from the preparing thread to bind the next, and session 2 measured such a thread slower than none.

The child is ``python -m index.sqlite_bulk DB TZ``, not a ``multiprocessing`` process: spawn would
re-import the caller's ``__main__`` (an Airflow task, a test runner), fork is unsafe in a threaded server.
Messages are pickles on its stdin/stdout, between two processes of this package only:
``("begin",)``, ``("write", [Prepared, ...])``, ``("commit",)`` → ``("ok",)`` or ``("error", text)``;
``("rollback",)`` when the caller gave up on the batch.
After an error the child rolls back and ignores writes until the next ``begin``; the caller then writes
the batch itself, article by article (``SqliteStore._upsert_each``), so nothing is lost either way.

A stream of batches (``SqliteStore.upsert_many``) sends the next batch before reading the previous
batch's reply: the child commits batch k while the next one waits in the pipe, widened for that to
``PIPE_BYTES`` (a pipe holds 64 KiB by default, half of one message: the caller would block after
one chunk and sit idle through the commit).
"""

from __future__ import annotations

import logging
import os
import pickle
import sqlite3
import subprocess
import sys
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any
from zoneinfo import ZoneInfo

from index.sqlite_write import WRITER_PRAGMAS, Batch, Prepared, finish, write

log = logging.getLogger(__name__)

# A batch goes to the child when it has at least this many rows (articles + statements + commitments):
# below it the child's round trips cost more than the overlap gains (a crawl's batch of a few articles).
MIN_ROWS = 400
# Articles per message: small enough that the child starts writing soon after the batch starts, large
# enough that pickling and the pipe cost little per row (~130 KB per message on the benchmark corpus).
CHUNK_ARTICLES = 32
# Room in the pipe for most of a batch of 250 articles (~130 KB per chunk of 32): Linux lets any process
# widen a pipe up to /proc/sys/fs/pipe-max-size, 1 MiB by default.
PIPE_BYTES = 1 << 20


class BulkWriteError(Exception):
    """The child could not write the batch (an SQLite error); its transaction was rolled back."""


class BulkWriterGone(Exception):
    """The child process died or its pipe broke; the batch it had was not committed."""


class BulkWriter:
    """The child process of one store, started on first use and stopped with the store."""

    def __init__(self, path: Path, timezone: str) -> None:
        root = str(Path(__file__).resolve().parent.parent)  # the child imports this package from here
        path_var = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path_var}
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "index.sqlite_bulk", str(path), timezone],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        # The child is stopped when the store is closed or collected, or when this process exits.
        self._finalizer = weakref.finalize(self, _stop, self._proc)
        assert self._proc.stdin is not None
        _widen(self._proc.stdin)
        self._expect("ready")

    @property
    def alive(self) -> bool:
        return self._proc.poll() is None

    def write_batch(self, chunks: Iterable[list[Prepared]]) -> None:
        """Write every chunk in one transaction and commit; chunks are produced while the child writes."""
        self.send_writes(chunks)
        self.send_commit()
        self.committed()

    def send_writes(self, chunks: Iterable[list[Prepared]]) -> None:
        """Open a transaction in the child and send it every chunk, without waiting for an answer."""
        self._send(("begin",))
        try:
            for chunk in chunks:
                self._send(("write", chunk))
        except BulkWriterGone:
            raise
        except BaseException:
            # Preparing failed in an unexpected way: the child must not keep the write lock.
            self._send(("rollback",))
            raise

    def send_commit(self) -> None:
        """Ask the child to commit what ``send_writes`` sent; :meth:`committed` reads its answer."""
        self._send(("commit",))

    def send_rollback(self) -> None:
        """Drop what ``send_writes`` sent (the child answers nothing)."""
        self._send(("rollback",))

    def committed(self) -> None:
        """Wait for the answer to the oldest commit sent: ``BulkWriteError`` if it was rolled back."""
        self._expect("ok")

    def close(self) -> None:
        self._finalizer()

    def _send(self, message: tuple[Any, ...]) -> None:
        assert self._proc.stdin is not None
        try:
            pickle.dump(message, self._proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise BulkWriterGone(f"the index writer process is gone: {exc}") from exc

    def _expect(self, kind: str) -> None:
        assert self._proc.stdout is not None
        try:
            reply = pickle.load(self._proc.stdout)
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            raise BulkWriterGone(f"the index writer process is gone (exit {self._proc.poll()})") from exc
        if reply[0] == "error":
            raise BulkWriteError(reply[1])
        if reply[0] != kind:
            raise BulkWriterGone(f"the index writer process answered {reply[0]!r}, expected {kind!r}")


def _widen(pipe: IO[bytes]) -> None:
    """Make the pipe hold ``PIPE_BYTES`` where the system allows it (Linux); elsewhere keep its size."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError) as exc:
        log.debug("pipe to the index writer keeps its size: %s", exc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    try:
        assert proc.stdin is not None
        proc.stdin.close()  # end of input: the child closes its connection and exits
        proc.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait()


# ----------------------------------------------------------------------------------------- the child


def serve(path: str, timezone: str, inbox: IO[bytes], outbox: IO[bytes]) -> None:
    """The child's loop: write what arrives until the input ends."""
    tz = ZoneInfo(timezone)
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in WRITER_PRAGMAS:
        conn.execute(pragma)

    def reply(*message: Any) -> None:
        pickle.dump(message, outbox, protocol=pickle.HIGHEST_PROTOCOL)
        outbox.flush()

    reply("ready")
    failed: str | None = None
    batch = Batch()
    while True:
        try:
            message = pickle.load(inbox)
        except EOFError:
            break
        try:
            if message[0] == "begin":
                failed = None
                batch = Batch()  # this transaction's only (sqlite_write.Batch)
                conn.execute("BEGIN IMMEDIATE")
            elif message[0] == "write" and failed is None:
                for item in message[1]:
                    write(conn, item, tz, batch)
            elif message[0] == "rollback":
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            elif message[0] == "commit":
                if failed is None:
                    finish(conn, batch)
                    # Inside the transaction, as in SqliteStore._tx: readers see rows and generation together.
                    conn.execute("UPDATE store_meta SET generation = generation + 1")
                    conn.execute("COMMIT")
                    reply("ok")
                else:
                    reply("error", failed)
        except sqlite3.Error as exc:
            failed = f"{type(exc).__name__}: {exc}"
            log.warning("index writer: %s; batch rolled back", failed)
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if message[0] == "commit":
                # The commit itself failed (``finish`` writes the batch's FTS rows then): the caller waits
                # for an answer to every commit, and writes the batch itself on this one.
                reply("error", failed)
    conn.close()


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    # Replies go to the real stdout; anything printed by accident goes to stderr, not into the protocol.
    outbox = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(argv[0], argv[1], sys.stdin.buffer, outbox)


if __name__ == "__main__":
    main(sys.argv[1:])
