"""Developer tools: synthetic data for tests, benchmarks and screenshots (never for production data)."""
