"""The public surface is small and explicit (httpx's habit): pin it."""

import storyline


def test_public_api_exports_exactly_the_documented_names() -> None:
    assert sorted(storyline.__all__) == sorted(
        [
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
    )
    for name in storyline.__all__:
        assert hasattr(storyline, name)


def test_public_api_errors_carry_stable_codes() -> None:
    err = storyline.FileReadError("cannot read x.txt")
    assert str(err) == "[S102] cannot read x.txt"
    assert isinstance(err, storyline.InputError) and isinstance(err, storyline.StorylineError)
