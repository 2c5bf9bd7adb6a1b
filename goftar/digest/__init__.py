"""The analysts' daily digest: build it from the store, write it (HTML, text, JSON, PDF), mail it.

Public API: ``build_digest(store, day, settings)``, ``write_digest(digest, out_dir)``,
``send_digest(digest, settings, recipients=None)`` and the ``Digest`` object they pass around.
"""

from __future__ import annotations

from goftar.digest.build import build_digest
from goftar.digest.deliver import send_digest
from goftar.digest.sections import Digest
from goftar.digest.write import write_digest

__all__ = ["Digest", "build_digest", "send_digest", "write_digest"]
