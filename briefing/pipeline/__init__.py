"""The ingest write pipeline: plan the batches, embed them, write them."""
