"""The command line: ``workbook`` and its subcommands (the top layer)."""

from workbook.cli.parser import build_parser, main

__all__ = ["build_parser", "main"]
