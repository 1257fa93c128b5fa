"""The data model: articles own text; sentences, removals and citations are spans."""

from storyline.model.article import Article
from storyline.model.corpus import Corpus, Document
from storyline.model.span import Span
from storyline.model.summary import Removal, Summary, SummarySentence

__all__ = ["Article", "Corpus", "Document", "Removal", "Span", "Summary", "SummarySentence"]
