"""Textual screens: home, worksheet form, history, entry view, help, crisis help."""
