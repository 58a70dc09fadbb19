"""Benchmarks, not tests: speed here (``python -m bench.speed``), quality in ``wirelens eval``."""
