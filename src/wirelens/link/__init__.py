"""Linking across the corpus: wire copies, stories, quote traces and the provenance graph."""
