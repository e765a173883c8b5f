"""Widgets of the investigation screen (ui/pages/onderzoek.py): side panel, steps, tables, provision editor."""
