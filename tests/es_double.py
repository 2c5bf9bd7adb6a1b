"""A local HTTP server that answers like Elasticsearch 9 does, for the fault paths of ``ElasticStore``.

It speaks just enough of the REST API for ``ElasticStore.from_settings``, ``upsert`` and the maintenance
operations: templates, versioned indices and their aliases (``_alias``, ``_aliases``, ``_reindex``, index
creation and deletion), ``_mget``, ``_delete_by_query``, ``_search`` (match-all, sorted by ``id``, with
``search_after``), ``_count``, ``_bulk`` (index and partial ``update``), single-document delete and
index write blocks (``_block/write``, lifted through ``_settings``; blocked writes get 403). It keeps
documents in memory under the alias they were written to (an alias switch changes nothing a reader sees).
Faults are scripted per ``_bulk`` request with ``plan``:

- ``"ok"``: every action succeeds;
- ``"reject:<id>,…"``: those documents fail with a 400 ``mapper_parsing_exception`` (for good);
- ``"busy:<id>,…"``: those documents fail with 429 ``es_rejected_execution_exception`` (retryable);
- ``"429"``: the whole request is refused with 429 ``circuit_breaking_exception``;
- ``"slow"``: the server waits ``slow_seconds`` before answering (the client times out).

Every response carries ``X-Elastic-Product: Elasticsearch``, which the official client checks.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

CONTENT_TYPE = "application/vnd.elasticsearch+json;compatible-with=9"


@dataclass
class EsDouble:
    """The server's state: scripted plans for successive bulk requests, what it stored, what it saw."""

    plans: list[str] = field(default_factory=list)  # consumed one per _bulk request; then "ok"
    slow_seconds: float = 2.0
    docs: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    bulk_requests: list[list[str]] = field(default_factory=list)  # ids sent in each _bulk request
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # method, path, headers
    aliases: dict[str, set[str]] = field(default_factory=dict)  # concrete index → its aliases
    blocked: set[str] = field(default_factory=set)  # concrete indices with a write block
    on_reindex: Callable[[], None] | None = None  # runs while a _reindex request is being answered
    reindex_fails: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_plan(self) -> str:
        with self.lock:
            return self.plans.pop(0) if self.plans else "ok"

    def is_blocked(self, name: str) -> bool:
        """Whether writes to ``name`` (an index or an alias) reach a write-blocked index."""
        return name in self.blocked or any(name in self.aliases.get(i, set()) for i in self.blocked)


def _bulk_pairs(body: bytes) -> list[tuple[str, dict[str, Any], dict[str, Any] | None]]:
    lines = [json.loads(line) for line in body.decode("utf-8").splitlines() if line.strip()]
    pairs, i = [], 0
    while i < len(lines):
        op, meta = next(iter(lines[i].items()))
        doc = lines[i + 1] if op != "delete" else None
        pairs.append((op, meta, doc))
        i += 2 if op != "delete" else 1
    return pairs


def _item(op: str, meta: dict[str, Any], status: int, error: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"_index": meta.get("_index"), "_id": meta.get("_id"), "status": status}
    if error:
        out["error"] = error
    else:
        out.update({"result": "created", "_version": 1, "_seq_no": 0, "_primary_term": 1})
    return {op: out}


def _merge(target: dict[str, Any], partial: dict[str, Any]) -> None:
    """A partial-document update: objects merge key by key, everything else is replaced."""
    for key, value in partial.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


class _Handler(BaseHTTPRequestHandler):
    double: EsDouble  # set on the subclass made by serve()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — quiet test output
        pass

    def _send(self, status: int, body: Any = None) -> None:
        data = json.dumps(body if body is not None else {}).encode("utf-8")
        self.send_response(status)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _route(self) -> None:
        path = urlsplit(self.path).path
        body = self._body()
        self.double.requests.append((self.command, self.path, dict(self.headers.items())))
        if path.endswith("/_bulk"):
            return self._bulk(body)
        if self._maintenance(path, json.loads(body) if body.strip() else {}):
            return None
        if path.endswith("/_mget"):
            ids = json.loads(body or b"{}").get("ids", [])
            index = path.strip("/").split("/")[0]
            docs = [
                {
                    "_index": index,
                    "_id": i,
                    "found": (index, i) in self.double.docs,
                    "_source": self.double.docs.get((index, i), {}),
                }
                for i in ids
            ]
            return self._send(200, {"docs": docs})
        if path.endswith("/_delete_by_query"):
            return self._send(200, {"took": 1, "deleted": 0, "total": 0, "failures": []})
        if "/_doc/" in path and self.command == "DELETE":
            index, _, ident = path.strip("/").partition("/_doc/")
            found = self.double.docs.pop((index, ident), None) is not None
            return self._send(200 if found else 404, {"result": "deleted" if found else "not_found"})
        if self.command == "HEAD" and "/" not in path.strip("/") and not path.startswith("/_"):
            return self._send(200 if path.strip("/") in self.double.aliases else 404)
        if path == "/" or self.command in {"PUT", "HEAD"}:  # info, templates, aliases, index creation
            return self._send(200, {"acknowledged": True, "version": {"number": "9.0.0"}})
        return self._send(404, {"error": {"type": "unsupported", "reason": path}, "status": 404})

    def _maintenance(self, path: str, body: dict[str, Any]) -> bool:
        """Aliases, versioned indices, reindex, search and count; False when ``path`` is none of these."""
        double, parts = self.double, path.strip("/").split("/")
        if parts[0] == "_alias" and len(parts) == 2:
            found = {
                i: {"aliases": {parts[1]: {}}} for i, names in double.aliases.items() if parts[1] in names
            }
            if self.command == "HEAD" or not found:
                self._send(200 if found else 404, found or {"error": "alias missing", "status": 404})
            else:
                self._send(200, found)
        elif path == "/_aliases":
            for action in body.get("actions", []):
                op, spec = next(iter(action.items()))
                names = double.aliases.setdefault(spec["index"], set())
                if op == "add":
                    names.add(spec["alias"])
                else:
                    names.discard(spec["alias"])
            self._send(200, {"acknowledged": True})
        elif path == "/_reindex":
            if double.on_reindex is not None:
                double.on_reindex()
            if double.reindex_fails:
                self._send(
                    500, {"error": {"type": "node_closed_exception", "reason": "node closed"}, "status": 500}
                )
                return True
            count = sum(1 for index, _ in double.docs if index == body["source"]["index"])
            self._send(200, {"took": 1, "total": count, "created": count, "failures": []})
        elif len(parts) == 3 and parts[1:] == ["_block", "write"] and self.command == "PUT":
            double.blocked.add(parts[0])
            self._send(200, {"acknowledged": True, "indices": [{"name": parts[0], "blocked": True}]})
        elif len(parts) == 2 and parts[1] == "_settings" and self.command == "PUT":
            if body.get("index.blocks.write") is False:
                double.blocked.discard(parts[0])
            self._send(200, {"acknowledged": True})
        elif len(parts) == 1 and not parts[0].startswith("_") and self.command in {"PUT", "DELETE"}:
            if self.command == "PUT":
                double.aliases[parts[0]] = set(body.get("aliases", {}))
            else:
                double.aliases.pop(parts[0], None)
                double.blocked.discard(parts[0])
            self._send(200, {"acknowledged": True, "index": parts[0]})
        elif len(parts) == 2 and parts[1] in {"_search", "_count"}:
            docs = sorted(
                (d for (index, _), d in double.docs.items() if index == parts[0]), key=lambda d: d["id"]
            )
            if parts[1] == "_count":
                self._send(200, {"count": len(docs)})
            else:
                after = (body.get("search_after") or [""])[0]
                page = [d for d in docs if d["id"] > after][: body.get("size", 10)]
                hits = [{"_index": parts[0], "_id": d["id"], "_source": d, "sort": [d["id"]]} for d in page]
                self._send(200, {"timed_out": False, "hits": {"total": {"value": len(docs)}, "hits": hits}})
        else:
            return False
        return True

    def _bulk(self, body: bytes) -> None:
        pairs = _bulk_pairs(body)
        self.double.bulk_requests.append([str(meta.get("_id")) for _op, meta, _doc in pairs])
        plan = self.double.next_plan()
        if plan == "slow":
            time.sleep(self.double.slow_seconds)
            plan = "ok"
        if plan == "429":
            error = {"type": "circuit_breaking_exception", "reason": "[parent] Data too large"}
            return self._send(429, {"error": {"root_cause": [error], **error}, "status": 429})
        kind, _, ids = plan.partition(":")
        targets = set(ids.split(",")) if ids else set()
        items = []
        for op, meta, doc in pairs:
            ident = str(meta.get("_id"))
            if self.double.is_blocked(str(meta.get("_index"))):
                error = {
                    "type": "cluster_block_exception",
                    "reason": f"index [{meta.get('_index')}] blocked by: [FORBIDDEN/8/index write (api)];",
                }
                items.append(_item(op, meta, 403, error))
            elif kind == "reject" and ident in targets:
                items.append(
                    _item(
                        op,
                        meta,
                        400,
                        {"type": "mapper_parsing_exception", "reason": "failed to parse field [published]"},
                    )
                )
            elif kind == "busy" and ident in targets:
                items.append(
                    _item(
                        op,
                        meta,
                        429,
                        {
                            "type": "es_rejected_execution_exception",
                            "reason": "rejected execution (queue capacity 200)",
                        },
                    )
                )
            else:
                key = (str(meta.get("_index")), ident)
                if op == "update" and doc is not None:
                    _merge(self.double.docs.setdefault(key, {}), doc["doc"])
                elif doc is not None:
                    self.double.docs[key] = doc
                items.append(_item(op, meta, 200 if op == "update" else 201))
        errors = any("error" in next(iter(i.values())) for i in items)
        self._send(200, {"took": 3, "errors": errors, "items": items})

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _route


@contextlib.contextmanager
def serve(double: EsDouble) -> Iterator[str]:
    """Run the double on an ephemeral loopback port; yields its base URL."""
    handler = type("Handler", (_Handler,), {"double": double})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
