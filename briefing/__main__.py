"""`python -m briefing`: the command line, as `briefing`."""

from briefing.cli import main

main()
