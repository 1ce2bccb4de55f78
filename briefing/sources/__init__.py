"""Files to Articles to chunks."""
