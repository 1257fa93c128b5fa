"""Request bodies. Pydantic checks the envelope (``words`` is a positive integer, ``date``
an ISO date); the articles themselves are read by the library's own reader
(:func:`storyline.ingest.article_from_obj`), so the API refuses exactly what the CLI
refuses, with the same error codes and messages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from storyline.ingest import article_from_obj
from storyline.model import Article

_ARTICLE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "description": "the report's text"},
        {
            "type": "object",
            "required": ["text"],
            "properties": {
                "text": {"type": "string"},
                "title": {"type": "string"},
                "source": {"type": "string", "description": "the outlet"},
                "url": {"type": "string"},
                "published": {"type": "string", "description": "YYYY-MM-DD"},
                "id": {"type": "string", "description": "kept as given by the store"},
            },
        },
    ]
}

#: One article: a string, or an article object (read by the library, not by pydantic).
ArticleIn = Annotated[Any, WithJsonSchema(_ARTICLE_SCHEMA)]

_EXAMPLE: Any = {
    "articles": [
        {
            "title": "Bridge closed after barge strike",
            "source": "Harbour Post",
            "published": "2025-04-02",
            "text": "The Orrin bridge was closed on Tuesday after a barge struck one of its "
            "piers, the port authority said. Engineers will inspect the pier on Wednesday.",
        },
        "The port authority closed the Orrin bridge on Tuesday. A barge hit a pier, "
        "officials said, and no one was hurt.",
    ],
    "words": 60,
}


class ArticlesBody(BaseModel):
    """``{"articles": [article objects or strings], "words"?, "date"?}``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    articles: list[ArticleIn] = Field(
        description="The reports: strings (their text) or article objects."
    )
    words: int = Field(120, ge=1, le=100_000, description="Summary bound in words.")
    date: dt.date | None = Field(
        None, description="Publication date (YYYY-MM-DD) for articles that carry none."
    )

    def to_articles(self) -> list[Article]:
        """The articles, read as the CLI reads a JSON list (``request#1``, ``request#2``...)."""
        return [
            article_from_obj(item, f"request#{i}", default_date=self.date)
            for i, item in enumerate(self.articles, 1)
        ]


class NewArticlesBody(BaseModel):
    """``{"articles": [article objects or strings], "date"?}`` for ``POST /api/articles``."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(description="The reports to add to the store.")
    date: dt.date | None = Field(
        None, description="Publication date (YYYY-MM-DD) for articles that carry none."
    )

    def to_articles(self) -> list[Article]:
        return [
            article_from_obj(item, f"request#{i}", default_date=self.date)
            for i, item in enumerate(self.articles, 1)
        ]
