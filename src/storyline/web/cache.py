"""Rendered story pages, kept by (event, revision, ...): a reload of a story that has not
changed is a lookup; an article joining the event bumps its revision, so the next
view renders anew (the store keeps the dossier's JSON per revision the same way)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable


class PageCache:
    """A small thread-safe LRU of rendered pages."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._pages: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> str | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: Hashable, page: str) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
