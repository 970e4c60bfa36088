"""Provides nothing to call: it lists argparse's own words ("usage:", "options") for the
catalog. ``workbook.cli.parser`` points argparse's gettext at the workbook's, so these come
out in the person's language like the rest of the command line's help and errors."""

from __future__ import annotations

from workbook.common.i18n import N_, ngettext

ARGPARSE_WORDS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _plural_forms() -> None:  # pragma: no cover - never called: it marks argparse's plural
    ngettext("expected %s argument", "expected %s arguments", 1)
