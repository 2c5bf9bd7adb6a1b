"""Persian NER: corpus preparation, training, evaluation, rules and the officials registry.

Importing the package registers the ``goftar.fa_features.v1`` callback that the trained model's config
names, so ``spacy.load`` of the shipped model works wherever ``nlp.ner`` (or ``nlp.entities``) is imported.
"""

from __future__ import annotations

from nlp.ner import features as features  # registers goftar.fa_features.v1
