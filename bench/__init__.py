"""Benchmark: synthetic datasets at 1×, 10× and 100× the real data, timed against a plain Material build."""
