"""Benchmarks: a seeded data generator and measurements against their floors."""
