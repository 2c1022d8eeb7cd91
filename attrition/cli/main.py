"""The `attrition` command: the click group, with every command registered on it.

Each command module holds thin click commands that parse options and call one
library function; `options` holds what they share (--db, --format, the reading
options, --workers, the database opener and errors to exit codes). Exit status:
0 when everything worked, 1 when some input failed, 2 for a usage error, 75
when another `update` or `reextract` holds the database.
"""

from __future__ import annotations

import click

from attrition import __version__
from attrition.cli import articles, checks, scale, update, web


@click.group()
@click.version_option(__version__, prog_name="attrition")
def cli():
    """Extract, store and check the figures UK news quotes about rape and sexual offences."""


for _module in (articles, checks, update, web, scale):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


if __name__ == "__main__":
    cli()
