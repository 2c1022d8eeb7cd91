"""The text of a parsed `Doc`, built once per doc."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI's help imports the areas' module, which must not load spaCy
    from spacy.tokens import Doc


def text_of(doc: Doc) -> str:
    """The doc's text, built once: spaCy joins every token again each time `Doc.text` is read."""
    text = doc.user_data.get("attrition_text")
    if text is None:
        text = doc.user_data["attrition_text"] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> None:
    """Remember `text`, the string `doc` was parsed from, as its text (saves joining the tokens again).

    The tokenizer keeps every character, so the two are equal; a text of another length is ignored.
    """
    if not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data["attrition_text"] = text


def lowered(text: str) -> str:
    """`text` in lower case with every offset kept: a character whose lower case is longer ("İ") stays as it is."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
