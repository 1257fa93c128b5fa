"""storyline: many news reports of one event in, one cited summary out.

Usage (see the README)::

    import storyline

    summary = storyline.summarize(["First report ...", "Second report ..."], words=120)
    summary.sentences[0].citations[0]  # Span(doc=0, start=0, end=84, label='sentence')
"""

from storyline.api import annotate_documents, dossier, summarize
from storyline.errors import (
    BinaryFileError,
    EmptyInputError,
    FileReadError,
    FormatError,
    InputError,
    ModelError,
    NoSentencesError,
    OutputError,
    StoreError,
    StorylineError,
    UnknownEventError,
)
from storyline.events import AddReport, EventStore
from storyline.model import Article, Removal, Span, Summary, SummarySentence
from storyline.options import Options

__version__ = "0.1.0"

__all__ = [
    "AddReport",
    "Article",
    "BinaryFileError",
    "EmptyInputError",
    "EventStore",
    "FileReadError",
    "FormatError",
    "InputError",
    "ModelError",
    "NoSentencesError",
    "Options",
    "OutputError",
    "Removal",
    "Span",
    "StoreError",
    "StorylineError",
    "Summary",
    "SummarySentence",
    "UnknownEventError",
    "__version__",
    "annotate_documents",
    "dossier",
    "summarize",
]
