"""What a buyer typed, turned into concepts both backends search for.

A query is normalised (control characters out, whitespace collapsed, length capped), split into words, cleared
of Indonesian stop words and grouped into *concepts*: one word or a known phrase with its variants from
`search/data/variants.txt` ("gula jawa" → gula merah, gula jawa, gula kelapa, gula aren). A product matches a
query when it matches every concept (or, when relaxed, any concept). Nothing here builds a query string for a
parser: quotes, stars, backslashes and brackets are plain punctuation and simply separate words.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_QUERY_LENGTH = 100
MAX_CONCEPTS = 8
MAX_PHRASE_WORDS = 3

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@dataclass(frozen=True)
class Concept:
    """One thing the buyer asked for; `alternatives[0]` is what they typed."""

    alternatives: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.alternatives[0]

    @property
    def is_phrase(self) -> bool:
        return " " in self.text


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # normalised, what we show back
    concepts: tuple[Concept, ...]
    truncated: bool = False

    @property
    def words(self) -> list[str]:
        return [word for concept in self.concepts for word in concept.text.split()]

    def __bool__(self) -> bool:
        return bool(self.concepts)


def _data_lines(name: str) -> list[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@cache
def stop_words() -> frozenset[str]:
    return frozenset(word for line in _data_lines("stopwords_id.txt") for word in line.split())


@cache
def variant_groups() -> dict[str, tuple[str, ...]]:
    """Every entry → its whole group (entry first, then the others in file order)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _data_lines("variants.txt"):
        group = [" ".join(words(entry)) for entry in line.split(",") if words(entry)]
        for entry in group:
            known = table.get(entry, (entry,))
            table[entry] = tuple(dict.fromkeys((*known, *group)))
    return table


def normalise(text: str) -> tuple[str, bool]:
    """NFKC, no control characters, single spaces, at most MAX_QUERY_LENGTH characters."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
    return text, truncated


def words(text: str) -> list[str]:
    """Lower-case words; hyphenated words (oleh-oleh) stay whole."""
    return _WORD.findall(text.lower())


def expand(term: str) -> tuple[str, ...]:
    return variant_groups().get(term, (term,))


def parse(text: str) -> ParsedQuery:
    text, truncated = normalise(text)
    tokens = words(text)
    tokens = [token for token in tokens if token not in stop_words()]  # only stop words: browse everything
    groups = variant_groups()
    concepts: list[Concept] = []
    i = 0
    while i < len(tokens) and len(concepts) < MAX_CONCEPTS:
        for size in range(min(MAX_PHRASE_WORDS, len(tokens) - i), 0, -1):
            candidate = " ".join(tokens[i : i + size])
            if size == 1 or candidate in groups:
                concepts.append(Concept(expand(candidate)))
                i += size
                break
    # The same concept typed twice counts once.
    unique = tuple(dict.fromkeys(concepts))
    return ParsedQuery(text=text, concepts=unique, truncated=truncated or i < len(tokens))
