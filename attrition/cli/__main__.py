"""`python -m attrition.cli ...`: the same as the `attrition` command."""

from attrition.cli.main import cli

cli(prog_name="attrition")
