"""`briefing doctor`: what this machine has and lacks, with the fix for each gap."""

from __future__ import annotations

import sys

import click

from briefing.cli.command import Command


@click.command(cls=Command)
def doctor() -> None:
    """Report what this machine has and lacks to build briefs, with the fix for each gap.

    Exit status: 0 when PDF briefs can be built, 1 when something required is missing.
    """
    from briefing.doctor import probes, report

    found = probes()
    click.echo(report(found))
    sys.exit(1 if any(p.required and not p.ok for p in found) else 0)
