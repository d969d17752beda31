"""Benchmarks: `python -m benchmarks` runs every bench_*.py module here (each exposes `main() -> dict`)."""
