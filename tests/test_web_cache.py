"""The rendered-page cache: least recently used pages go first."""

from storyline.web.cache import PageCache


def test_web_page_cache_keeps_the_most_recent() -> None:
    cache = PageCache(size=2)
    cache.put((1, 1), "a")
    cache.put((2, 1), "b")
    assert cache.get((1, 1)) == "a"  # now the most recent
    cache.put((3, 1), "c")
    assert cache.get((2, 1)) is None and cache.get((1, 1)) == "a" and cache.get((3, 1)) == "c"
    assert cache.get((1, 2)) is None  # another revision is another page
