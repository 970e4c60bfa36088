"""Where the workbook keeps its files.

The data file lives in the user's data directory (``platformdirs``) unless the
``--db`` option or the ``WORKBOOK_DB`` environment variable names another one.
Backups sit in a folder beside the data file named after it (``NAME-backups`` for
``NAME.json``, ``FILE.backups`` otherwise), so a ``--db`` file in a shared folder does not
claim a generic "backups" folder and two data files never share one; extra worksheet
definitions can be dropped into ``exercises`` in the user's config directory. The user's
cache directory holds only what the program can make again (``worksheet_memory_path``).
"""

from __future__ import annotations

import os
from pathlib import Path

from workbook import APP_NAME
from workbook.common.errors import WorkbookError
from workbook.common.i18n import _

DB_ENV_VAR = "WORKBOOK_DB"
DB_FILE_NAME = "workbook.json"


def default_data_dir() -> Path:
    """The per-user data folder for this program."""
    # platformdirs is imported only when a folder of the person's is needed: a command given
    # --db or WORKBOOK_DB does without it (it was 5 ms of every one-line command).
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The data file to use: ``--db`` first, then ``WORKBOOK_DB``, then the default (a link
    is followed to the file it points to, see ``follow_link``)."""
    if cli_value:
        return follow_link(Path(cli_value).expanduser().absolute())
    env_value = os.environ.get(DB_ENV_VAR)
    if env_value:
        return follow_link(Path(env_value).expanduser().absolute())
    return follow_link(default_data_dir() / DB_FILE_NAME)


def follow_link(path: Path) -> Path:
    """The file a symbolic link points to, so saves (which replace the file) land in it and
    never replace the link; a link to nothing is refused rather than becoming a new, empty
    workbook in its place."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.exists():
        raise WorkbookError(
            _(
                "{path} is a link to {target}, which is not there. If it is on a drive "
                "or in a vault that is not open, open it and try again. Nothing was "
                "changed."
            ).format(path=path, target=target)
        )
    return target


def backup_dir_for(db_path: Path) -> Path:
    """The folder holding backups of ``db_path``, one per data file: ``NAME-backups`` for a
    plain ``NAME.json`` (as it has always been), ``FILE.backups`` for any other file name
    (``w.txt.backups``, like its ``w.txt.inbox``), so ``w.json`` and ``w.txt`` never share
    one. The two forms can never meet: one ends in "-backups", the other in ".backups"."""
    if db_path.suffix == ".json" and "." not in db_path.stem:
        return db_path.parent / f"{db_path.stem}-backups"
    return db_path.parent / f"{db_path.name}.backups"


def lock_path_for(db_path: Path) -> Path:
    """The lock file that keeps a second writer away from ``db_path``."""
    return db_path.with_name(db_path.name + ".lock")


def worksheet_memory_path() -> Path:
    """Where the shipped worksheets' parsed words are kept between runs (no entry, no setting)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "worksheets.json"


def user_exercise_dirs() -> list[Path]:
    """Folders where a participant or counselor may add their own worksheets."""
    from platformdirs import user_config_path

    return [
        user_config_path(APP_NAME, appauthor=False) / "exercises",
        default_data_dir() / "exercises",
    ]


def _real(path: Path) -> Path:
    return Path(os.path.realpath(Path(path).expanduser().absolute()))


def protected_reason(target: Path, db_path: Path) -> str | None:
    """Why ``target`` must never be written by an export, a backup copy or a restore, or
    ``None`` when it may be: the workbook itself, its lock, or anything in its backups
    folder, however the path is spelled (relative, ``./``, ``..``, a symlink)."""
    real, data = _real(target), _real(db_path)
    own = (lock_path_for(db_path), *(db_path.with_name(db_path.name + end) for end in (".drafts", ".lang")))
    if real == data or any(real == _real(path) for path in own):
        return _("it is the workbook's own file")
    folder = _real(backup_dir_for(db_path))
    if real == folder or folder in real.parents:
        return _("it is inside the workbook's backups folder")
    try:
        if data.exists() and real.exists() and os.path.samefile(real, data):
            return _("it is the workbook's own file")
    except OSError:
        pass
    return None
