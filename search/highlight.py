"""Highlighting matched words in names and descriptions, the same way for both backends.

Done in Python on the page of hits: Elasticsearch's highlighter re-analyses every shown description and added
20–150 ms per query on the 2-core test machine (docs/search.md, "Highlighting"), more than the search itself.
Output is HTML-escaped text with <mark> around each matched term.
"""

import html
import re
from functools import lru_cache


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]):
    ordered = sorted({term for term in terms if term}, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in ordered), re.IGNORECASE) if ordered else None


def highlight(text: str, terms) -> str:
    """HTML-escaped text with each occurrence of a term wrapped in <mark>."""
    pattern = _pattern(tuple(terms))
    if not text or pattern is None or not pattern.search(text):
        return ""
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def snippet(text: str, terms, size=140) -> str:
    pattern = _pattern(tuple(terms))
    first = pattern.search(text) if text and pattern else None
    if first is None:
        return ""
    start = max(0, first.start() - size // 3)
    piece = text[start : start + size]
    return ("…" if start else "") + highlight(piece, terms) + ("…" if start + size < len(text) else "")


def terms_for(concepts, extra=()) -> list[str]:
    """Every alternative of every concept, plus corrected words (\"kopu\" → kopi)."""
    return [alternative for concept in concepts for alternative in concept.alternatives] + list(extra)
