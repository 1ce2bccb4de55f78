"""The calls scripts, the CLI and the page make: ask, summarize, the library and the brief history."""
