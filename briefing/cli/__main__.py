"""`python -m briefing.cli`: the command line, as `briefing`."""

from briefing.cli.app import main

main()
