"""Text to claims. Pure: no database, no network, no files but the packaged reference data.

    from attrition.extract import extract
    claims = extract(text, published="2023-05-04")

`extract`, `extract_many` and `EXTRACTOR_VERSION` load the spaCy pipeline
module on first use (PEP 562), so importing `attrition.extract.claim` for its
vocabulary does not import spaCy.
"""

from attrition.extract.claim import GOLD_FIELDS, Claim

__all__ = ["Claim", "GOLD_FIELDS", "EXTRACTOR_VERSION", "extract", "extract_many"]

_FROM_PIPELINE = ("EXTRACTOR_VERSION", "extract", "extract_many")


def __getattr__(name):
    """Import the pipeline (and spaCy) only when one of its names is asked for."""
    if name in _FROM_PIPELINE:
        from attrition.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
