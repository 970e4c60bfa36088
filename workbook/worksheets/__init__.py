"""The worksheets layer: definitions, answers, roles, the built-in contract, entries and
what they tell each other. Standard library only: no storage, no interface."""
