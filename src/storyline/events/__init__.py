"""Events: a feed of mixed articles in, stories out, kept in a SQLite store.

``store.py`` (the store: schema in ``schema.py``, clusterer state in ``state.py``),
``features.py`` (what the clusterer sees of an article), ``cluster.py`` (online
single-pass assignment), ``views.py`` (an event's summary and dossier), ``records.py``
(what the store hands out).
"""

from storyline.events.adding import stable_id
from storyline.events.cluster import ClusterSettings
from storyline.events.features import FeatureSettings
from storyline.events.records import (
    AddReport,
    Duplicate,
    Event,
    EventInfo,
    Failure,
    SearchHit,
    StoredArticle,
)
from storyline.events.store import EventStore

__all__ = [
    "AddReport",
    "ClusterSettings",
    "Duplicate",
    "Event",
    "EventInfo",
    "EventStore",
    "Failure",
    "FeatureSettings",
    "SearchHit",
    "StoredArticle",
    "stable_id",
]
