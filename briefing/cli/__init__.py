"""Command line: parses input, calls the API in `briefing`, prints results. No logic of its own.

`app` holds the `briefing` group and its commands, `options` what they read (dates, names) and how they
fail.
"""

from briefing.cli.app import cli, main

__all__ = ["cli", "main"]
