"""The characters of ZWNJ restoration: the ZWNJ, the soft joiner that stands for a literal placeholder,
the Persian letters and those of them that join the next letter, and the Persian *runs* (words separated
by single spaces) that :class:`nlp.zwnj.Restorer` restores."""

from __future__ import annotations

import re

ZWNJ = "\u200c"
SOFT = "\ue000"  # internal marker: a literal placeholder that may be a ZWNJ or a space

# Letters that join to the following letter: a ZWNJ only has an effect after one of these.
DUAL_JOINING = frozenset("بپتثجچحخسشصضطظعغفقکگلمنهیئيكـ")
LETTERS = "\u0621-\u063a\u0641-\u064a\u0654\u067e\u0686\u0698\u06a9\u06af\u06cc"
RUN_RE = re.compile(f"[{LETTERS}{ZWNJ}{SOFT}]+(?: [{LETTERS}{ZWNJ}{SOFT}]+)*")
