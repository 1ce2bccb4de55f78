"""Embedders and chat models, and the factory that builds them from the settings."""
