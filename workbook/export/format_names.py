"""Provides ``Format``: the names of the export formats, without what makes them (so the
shell's parser names them without importing the renderers)."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    PDF = "pdf"
    HTML = "html"
    MD = "md"
    CSV = "csv"
    JSON = "json"
    CARD = "card"
    FHIR = "fhir"
