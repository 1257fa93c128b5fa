"""Step 3 of the pipeline: sentence boundaries as offsets into the text as read."""

from storyline.segment.sentences import split_sentences

__all__ = ["split_sentences"]
