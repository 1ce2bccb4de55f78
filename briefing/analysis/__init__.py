"""What an answer or a brief says, and the check of it: scoring, evidence, stories, layout, citations."""
