"""Step 5 of the pipeline: align sentences across documents (similarity, corroboration)."""

from storyline.align.corroboration import Alignment, align_corpus

__all__ = ["Alignment", "align_corpus"]
