"""WARC archive of every fetched article response (warcio), so a stored article cites exactly what was read.

One gzip WARC file per crawl process under ``settings.archive_dir``; an article's ``archive`` field is
``"<file>#<offset>"``: the file's name in that folder (not a path: the reference is shown to readers and
exported, and must survive moving ``GOFTAR_HOME``) and the byte offset of its record, readable with
``warcio``'s ArchiveIterator after a seek. Stores written before kept absolute paths; both are read.
"""

from __future__ import annotations

import io
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

log = logging.getLogger(__name__)

# Scrapy hands us decoded bodies, so headers describing the wire encoding would now be false.
_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class WarcArchive:
    """Append-only WARC writer; ``write`` returns the record's ``file#offset`` reference."""

    def __init__(self, directory: Path, prefix: str = "goftar") -> None:
        directory.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.path = directory / f"{prefix}-{stamp}-{os.getpid()}.warc.gz"
        self._fh: BinaryIO | None = None
        self._writer: WARCWriter | None = None

    def _open(self) -> WARCWriter:
        if self._writer is None:
            self._fh = open(self.path, "ab")  # noqa: SIM115 (kept open for the whole crawl, closed in close())
            self._writer = WARCWriter(self._fh, gzip=True)
        return self._writer

    def write(self, url: str, status: int, headers: list[tuple[str, str]], body: bytes) -> str:
        writer = self._open()
        assert self._fh is not None
        kept = [(k, v) for k, v in headers if k.lower() not in _DROP_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(
            f"{status} OK" if status == 200 else str(status), kept, protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http_headers
        )
        offset = self._fh.tell()
        writer.write_record(record)
        self._fh.flush()
        return f"{self.path.name}#{offset}"

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = self._writer = None


def read_record(reference: str, directory: Path | None = None) -> tuple[str, bytes]:
    """(URL, body) of the record an article's ``archive`` field points at; a file name is looked for in
    ``directory`` (the archive folder), a path (older stores) is read as it is."""
    url, _captured, body = read_capture(reference, directory)
    return url, body


def read_capture(reference: str, directory: Path | None = None) -> tuple[str, datetime | None, bytes]:
    """``read_record`` with the moment the page was fetched (the record's WARC-Date, UTC)."""
    from warcio.archiveiterator import ArchiveIterator

    name, _, offset = reference.rpartition("#")
    path = Path(name) if directory is None else directory / name
    with open(path, "rb") as fh:
        fh.seek(int(offset))
        record = next(iter(ArchiveIterator(fh)))
        stamp = record.rec_headers.get_header("WARC-Date")
        captured = datetime.fromisoformat(stamp.replace("Z", "+00:00")) if stamp else None
        return record.rec_headers.get_header("WARC-Target-URI"), captured, record.content_stream().read()
