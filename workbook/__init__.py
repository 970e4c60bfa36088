"""Recovery Workbook: a private, offline companion for people in addiction recovery.

The package is layered: ``model``/``exercises`` (domain), ``storage``/``store``
(persistence), ``export`` (reports), ``cli`` and ``app`` (interfaces). Only the
interface modules import Textual.
"""

__version__ = "0.2.0"
APP_NAME = "recovery-workbook"
