"""The guided practices: breathing, grounding, riding out an urge, tensing and relaxing the
muscles, and the menu that offers them (one screen per file)."""
