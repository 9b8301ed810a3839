""" "Did you mean": a query corrected word by word against the words buyers can find:
listed product names, categories, verified producers and their kinds, and communes
("xaoi" -> "xoài"; "htx" and "cái bè" are known words). Used by both backends, so the
embedded SQLite demo forgives typos too."""

import difflib
from collections import Counter

from django.core.cache import cache

from areas.models import Commune
from catalog.models import Category, Product, ProductCertification
from marketplace.text import fold, normalize
from producers.models import KIND_SEARCH_WORDS, Producer

from .documents import load_synonyms

VOCABULARY_CACHE_KEY = "search:vocabulary"
VOCABULARY_CACHE_SECONDS = 600
# How alike a word must be to be offered instead; only tried when nothing matched.
CUTOFF = 0.6


def vocabulary():
    """{folded word: the word as most names spell it}, e.g. {"xoai": "xoài"}."""
    words = cache.get(VOCABULARY_CACHE_KEY)
    if words is None:
        names = [
            *Product.objects.public().order_by().values_list("name", flat=True).distinct(),
            *Category.objects.values_list("name", flat=True),
            *Producer.objects.public().values_list("display_name", flat=True),
            *KIND_SEARCH_WORDS.values(),
            *Commune.objects.served().values_list("name", flat=True),
            *load_synonyms(),  # local and English names: "durian" is not a typo of "dừa"
            *ProductCertification.values,
            "ocop",
        ]
        spellings = Counter(
            word
            for name in names
            for word in normalize(name).lower().replace(",", " ").split()
            if word.isalpha()
        )
        words = {}
        for spelling, _count in spellings.most_common():
            words.setdefault(fold(spelling), spelling)
        cache.set(VOCABULARY_CACHE_KEY, words, VOCABULARY_CACHE_SECONDS)
    return words


def correct(query):
    """The query with its unknown words replaced by the closest known ones, spelled with
    their diacritics; None when there is nothing better to offer."""
    words = vocabulary()
    known = list(words)
    corrected, changed = [], False
    for word in fold(query).split():
        if word in words or not word.isalpha():
            corrected.append(words.get(word, word))
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=CUTOFF)
        corrected.append(words[close[0]] if close else word)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else None
