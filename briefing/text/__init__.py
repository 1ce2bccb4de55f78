"""Pure language helpers, no I/O: sentences, cleaning, dates and figures, actors, questions."""
