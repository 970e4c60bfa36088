"""The store layer: one durable (optionally encrypted) TinyDB file, its lock, backups,
migrations and paths. Imports the worksheets layer, never the interface."""
