"""Textual widgets: one per field kind, and the form that arranges them."""
