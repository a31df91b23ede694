"""Writing to the product index: incremental sync, full rebuild with an alias swap, and the drift check.

A rebuild reads from the database (the test node has no `_reindex`, and the database is the truth anyway):
it creates a new concrete index, streams every public product into it with `streaming_bulk` (429 answers are
retried with back-off), then moves the alias in one atomic `update_aliases` call. Queries keep using the alias
and never see a half-built index. Updates made during the build reach the new index through its `-building`
alias, and products changed meanwhile are synced once more after the swap.
"""

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable

from django.utils import timezone
from elasticsearch import NotFoundError
from elasticsearch.helpers import bulk, scan, streaming_bulk

from search.connection import get_client
from search.documents import (
    alias_name,
    building_alias_name,
    create_index,
    documents_for,
    documents_in,
    ensure_index,
    new_index_name,
)
from search.selectors import indexable_products

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
SENDERS = 2
BULK_RETRY = {"max_retries": 5, "initial_backoff": 0.5, "max_backoff": 10}


def _indices_behind(client, alias: str) -> list[str]:
    try:
        return sorted(client.indices.get_alias(name=alias))
    except NotFoundError:
        return []


def write_targets(client) -> list[str]:
    """The live alias plus any index being built right now."""
    return [alias_name(), *_indices_behind(client, building_alias_name())]


def sync_products_now(*, product_ids: Iterable[int]) -> dict[str, int]:
    ids = sorted({int(pk) for pk in product_ids})
    client = get_client()
    ensure_index(client)
    public = list(indexable_products().filter(pk__in=ids))
    documents = dict(documents_for(public))
    gone = [pk for pk in ids if pk not in documents]
    stats = {"indexed": len(documents), "deleted": 0}
    for target in write_targets(client):
        actions = [
            {"_op_type": "index", "_index": target, "_id": pk, "_source": doc}
            for pk, doc in documents.items()
        ]
        actions += [{"_op_type": "delete", "_index": target, "_id": pk} for pk in gone]
        _ok, errors = bulk(client, actions, raise_on_error=False, **BULK_RETRY)
        # Deleting what is not in the index is fine; anything else is a real error.
        errors = [e for e in errors if e.get("delete", {}).get("status") != 404]
        if errors:
            logger.error("search sync: %d errors writing to %s: %s", len(errors), target, errors[:3])
            raise RuntimeError(f"{len(errors)} products could not be written to {target}")
        stats["deleted"] = len(gone)
    return stats


def _pipelined(actions, send, *, chunk_size: int, senders: int = 1) -> None:
    """Run `send(iterable)` in `senders` worker threads, fed chunk by chunk from `actions` produced here.

    The producer stays in the calling thread because it reads the database (a connection belongs to its
    thread, and a test's transaction is only visible to its own connection).
    """
    chunks: queue.Queue = queue.Queue(maxsize=2 + 2 * senders)
    failure: list[BaseException] = []

    def consume():
        def stream():
            while (chunk := chunks.get()) is not None:
                yield from chunk

        try:
            send(stream())
        except BaseException as exc:  # handed to the producer, which re-raises it
            failure.append(exc)
            while chunks.get() is not None:  # drain so the producer never blocks
                pass

    workers = [
        threading.Thread(target=consume, name=f"search-rebuild-sender-{i}", daemon=True)
        for i in range(senders)
    ]
    for worker in workers:
        worker.start()
    try:
        chunk = []
        for action in actions:
            chunk.append(action)
            if len(chunk) >= chunk_size:
                chunks.put(chunk)
                chunk = []
                if failure:
                    break
        chunks.put(chunk)
    finally:
        for _worker in workers:  # one end mark per sender: each takes exactly one
            chunks.put(None)
        for worker in workers:
            worker.join()
    if failure:
        raise failure[0]


def rebuild_index(
    *,
    progress: Callable[[int, int], None] = lambda done, total: None,
    chunk_size: int = CHUNK_SIZE,
    senders: int = SENDERS,
) -> dict:
    """Build a fresh index from the database and swap the alias to it; the old index is deleted.

    `senders` bulk requests are in flight at once: the node indexes each on one write thread (analysis,
    hunspell above all, is most of its work), so one sender at a time leaves its other cores idle."""
    client = get_client()
    started_at, t0 = timezone.now(), time.monotonic()
    alias, building = alias_name(), building_alias_name()
    name = new_index_name()
    create_index(client, name, aliases=[building], building=True)
    products = indexable_products()
    total = products.count()
    counts = {"done": 0, "errors": 0}
    counting = threading.Lock()

    def send(actions):
        for ok, item in streaming_bulk(
            client, actions, chunk_size=chunk_size, raise_on_error=False, yield_ok=True, **BULK_RETRY
        ):
            if not ok:
                logger.error("search rebuild: %s", item)
            with counting:  # the senders share the counts and the progress bar
                counts["done"] += 1
                counts["errors"] += not ok
                done = counts["done"]
                if done % chunk_size == 0 or done == total:
                    progress(done, total)

    try:
        # This thread reads the database and builds documents while the senders send the previous chunks.
        _pipelined(
            ({"_index": name, "_id": pk, "_source": source}
             for pk, source in documents_in(products, chunk_size=chunk_size)),
            send,
            chunk_size=chunk_size,
            senders=senders,
        )  # fmt: skip
        done, errors = counts["done"], counts["errors"]
        if errors:
            raise RuntimeError(f"{errors} products could not be indexed; the live index is unchanged")
        client.indices.put_settings(
            index=name, settings={"index": {"refresh_interval": "1s", "translog.durability": "request"}}
        )
        client.indices.refresh(index=name)
    except BaseException:
        client.indices.delete(index=name, ignore_unavailable=True)
        raise

    old = _indices_behind(client, alias)
    swap = [{"remove": {"index": index, "alias": alias}} for index in old]
    if not old and client.indices.exists(index=alias):  # a plain index squatting the alias name
        swap.append({"remove_index": {"index": alias}})
    swap += [{"add": {"index": name, "alias": alias}}, {"remove": {"index": name, "alias": building}}]
    client.indices.update_aliases(actions=swap)

    # Products changed while we read them were written to both indices; sync them once more to be sure.
    changed = list(indexable_products().filter(updated_at__gte=started_at).values_list("pk", flat=True))
    if changed:
        sync_products_now(product_ids=changed)
    for index in old:
        client.indices.delete(index=index, ignore_unavailable=True)
    return {
        "index": name,
        "indexed": done,
        "replaced": old,
        "seconds": round(time.monotonic() - t0, 2),
    }


def drift(*, fix: bool = False) -> dict[str, list[int]]:
    """Compare the index with the database: missing, extra and stale documents (and fix them if asked)."""
    client = get_client()
    ensure_index(client)
    expected = {
        pk: source["fingerprint"] for pk, source in documents_in(indexable_products(), chunk_size=2000)
    }
    found = {
        int(hit["_id"]): hit["_source"].get("fingerprint")
        for hit in scan(client, index=alias_name(), _source=["fingerprint"], size=1000)
    }
    report = {
        "missing": sorted(set(expected) - set(found)),
        "extra": sorted(set(found) - set(expected)),
        "stale": sorted(pk for pk in set(expected) & set(found) if expected[pk] != found[pk]),
    }
    if fix and any(report.values()):
        sync_products_now(product_ids=[pk for ids in report.values() for pk in ids])
        client.indices.refresh(index=alias_name())
    return report
