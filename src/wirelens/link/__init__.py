"""Linking articles across the corpus: wire copies, stories and quote provenance (issue 14)."""
