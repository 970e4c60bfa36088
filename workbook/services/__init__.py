"""Provides the application layer: every rule a person can trigger, for both faces.

The app (``workbook.ui``) and the shell (``workbook.cli``) call this layer and never the
store. ``Workbook`` is the open workbook: what is in it, saving an entry through the one
``validate_entry``, marks, delete and undo, settings, drafts and the language, each change
announced to its listeners as one ``Changed`` event. The other modules hold the rules that
span more than one entry: the day's rules (``daily``: one check-in a day, a craving from the
shell, a lapse added to the plan), sharing (``sharing``: exports, their period and the
marks), looking after the file (``care``: import, forget, backups, encryption) and opening
(``opening``: the lock, the passphrase, the worksheets, a lock-free look at what is due).
"""
