"""Checking: claims against official figures, their own arithmetic, the funnel and each other.

- `checks`: the four checks as pure functions over ClaimRecords and OfficialFigures, with verdicts.
- `rounding`: what "within rounding" means for a figure as it was stated.
- `run`: run the checks incrementally over a database, write `checks`; read them back.
- `funnel`: a force's funnel, claims beside official figures.

May import `attrition.corpus.official`, `attrition.corpus.store`, `attrition.corpus.read`,
`attrition.extract` and `attrition.errors`; never update/, scale/, web/ or the CLI.
"""
