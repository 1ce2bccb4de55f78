"""Chroma and what is kept beside it: the store, its reads, the client, copies, the lock, the keyword index."""
