"""The interface layer: the Textual app, its screens, widgets and styles. The only layer
that imports Textual."""
