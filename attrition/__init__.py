"""attrition: figures about rape and sexual offences in UK news, extracted, stored and checked."""

__version__ = "0.1.0"
