"""Indonesian text analysis built only from Elasticsearch core parts.

The test node (integ-test-zip) has no analysis-common module, so the chain is: standard tokenizer, lowercase,
stop words `_indonesian_`, and hunspell `id_ID` when the node has that dictionary under
`config/hunspell/id_ID/` (Debian's hunspell-id). Without the dictionary the chain degrades to no stemming.
Variant and synonym expansion (kripik/keripik, gula jawa/gula merah) happens in Python, in the search issue.
"""

from elasticsearch import ApiError, Elasticsearch
from elasticsearch_dsl import analyzer, token_filter

indonesian_stop = token_filter("indonesian_stop", "stop", stopwords="_indonesian_")
indonesian_hunspell = token_filter("indonesian_hunspell", "hunspell", locale="id_ID", dedup=True)


def hunspell_available(client: Elasticsearch) -> bool:
    """Ask the node to analyse one word with the id_ID dictionary; a node without it answers 400."""
    try:
        client.indices.analyze(
            tokenizer="standard", filter=[{"type": "hunspell", "locale": "id_ID"}], text="minuman"
        )
    except ApiError:
        return False
    return True


def indonesian_analyzer(*, with_hunspell: bool):
    filters = ["lowercase", indonesian_stop]
    if with_hunspell:
        filters.append(indonesian_hunspell)
    return analyzer("indonesian_text", tokenizer="standard", filter=filters)


# For exact-ish matching and highlighting alongside the stemmed field.
indonesian_plain = analyzer("indonesian_plain", tokenizer="standard", filter=["lowercase"])
