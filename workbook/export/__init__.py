"""Exports: one report model, one renderer per format, one place that writes files."""
