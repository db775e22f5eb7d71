"""Cielo: open, self-hosted, invite-only social video generation."""

__version__ = "0.1.0"
