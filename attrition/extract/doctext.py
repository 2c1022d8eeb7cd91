"""The text of a parsed `Doc`, built once per doc."""

from __future__ import annotations

from spacy.tokens import Doc


def text_of(doc: Doc) -> str:
    """The doc's text, built once: spaCy joins every token again each time `Doc.text` is read."""
    text = doc.user_data.get("attrition_text")
    if text is None:
        text = doc.user_data["attrition_text"] = doc.text
    return text
