"""Step 2 of the pipeline: find scraped-web noise and say what was removed.

Cleaning never edits text. It returns the *regions* of the article's text that
carry prose, plus a :class:`~storyline.model.Removal` for every piece it left out,
so offsets into the text as read stay valid all the way to the citations.
"""

from storyline.clean.boilerplate import Cleaning, clean

__all__ = ["Cleaning", "clean"]
