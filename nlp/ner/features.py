"""Persian word features for the NER's hash embeddings, installed by a spaCy ``after_creation`` callback.

spaCy's default PREFIX is the first letter and LOWER equals NORM for a caseless script, so two of the
embedding rows say little about Persian. The callback ``goftar.fa_features.v1`` (named in the training
config, so the shipped model sets it up again when loaded) makes PREFIX the first three letters (می/نمی/بی,
ال… plus the start of the stem) and LOWER a light stem: the word without a trailing plural, ezafe or
superlative ending («شهرداری‌ها» → «شهرداری», «بزرگترین» → «بزرگ»), so inflected forms of a name share a row.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import LOWER, PREFIX
from spacy.language import Language
from spacy.util import registry

ZWNJ = "\u200c"
# Longest first. Not «ان», «ات» or «تر»: they end too many names («تهران», «دکتر») to strip safely.
ENDINGS = ("\u200cهای", "\u200cها", "\u200cای", "\u200cی", "ترین", "های", "ها")
MIN_STEM = 2


def prefix3(word: str) -> str:
    """The first three letters (the whole word when shorter)."""
    return word[:3]


def light_stem(word: str) -> str:
    """The word without one inflectional ending, when at least two letters remain; else the word."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)].rstrip(ZWNJ)
    return word


def install_features(nlp: Language) -> Language:
    """Point the vocabulary's PREFIX and LOWER getters at :func:`prefix3` and :func:`light_stem`.

    Lexemes the tokenizer created before this ran get the same values, so every word is featurised alike.
    """
    nlp.vocab.lex_attr_getters[PREFIX] = prefix3
    nlp.vocab.lex_attr_getters[LOWER] = light_stem
    for lexeme in nlp.vocab:
        lexeme.prefix_ = prefix3(lexeme.text)
        lexeme.lower_ = light_stem(lexeme.text)
    return nlp


@registry.callbacks("goftar.fa_features.v1")
def make_fa_features() -> Callable[[Language], Language]:
    """The ``[nlp.after_creation]`` callback of the NER config."""
    return install_features
