"""The event store's ``add``: malformed items, fields far over their bound, binary."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fuzz_targets import Broken, target
from fuzz_targets.strategies import store_items
from storyline.errors import StorylineError


@target("events.add", store_items, examples=30)
def run_events_add(items: list[Any]) -> None:
    """Every item is added, a duplicate or a failure; every article added is in the event
    it was assigned to, and the store's counts agree."""
    from storyline.events import EventStore

    with (
        tempfile.TemporaryDirectory(prefix="storyline-fuzz-") as tmp,
        EventStore(Path(tmp) / "store.db") as store,
    ):
        try:
            report = store.add(items)
        except StorylineError:
            return
        accounted = report.added + len(report.duplicates) + report.failed
        if accounted != len(items):
            raise Broken(f"events.add: {len(items)} items, {accounted} accounted for")
        if len(report.assigned) != report.added:
            raise Broken("events.add: assigned does not list each article added")
        for article_id, event_id in report.assigned:
            ids = {a.id for a in store.event(event_id).articles}
            if article_id not in ids:
                raise Broken("events.add: an article is not in the event it was assigned")
        stats = store.stats()
        if stats["articles"] != report.added:
            raise Broken(f"events.add: {report.added} added, {stats['articles']} stored")
        sizes = sum(e.articles for e in store.events(limit=None))
        if sizes != report.added:
            raise Broken(f"events.add: events hold {sizes} articles, {report.added} added")
