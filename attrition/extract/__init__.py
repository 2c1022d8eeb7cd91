"""Text to claims. Pure: no database, no network, no files but the packaged reference data.

    from attrition.extract import extract
    claims = extract(text, published="2023-05-04")
"""

from attrition.extract.claim import GOLD_FIELDS, Claim
from attrition.extract.pipeline import EXTRACTOR_VERSION, extract, extract_many

__all__ = ["Claim", "GOLD_FIELDS", "EXTRACTOR_VERSION", "extract", "extract_many"]
