"""PLACEHOLDER (to be replaced): Punkt on each region."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import punkt


@lru_cache(maxsize=1)
def _tokenizer() -> punkt.PunktSentenceTokenizer:
    return punkt.PunktSentenceTokenizer(punkt.load_model("english"))


def split_sentences(text: str, regions: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets into ``text``, each inside one region, trimmed."""
    tok = _tokenizer()
    out: list[tuple[int, int]] = []
    for rs, re_ in regions:
        for a, b in tok.span_tokenize(text[rs:re_]):
            out.append((rs + a, rs + b))
    return out
