"""`python -m ui.pages`: write ui/pages/_index.py from the screen modules (see ui/pages/__init__.py)."""

from __future__ import annotations

from pathlib import Path

from ui.pages import INDEX_MODULE, index_tekst

if __name__ == "__main__":
    doel = Path(__file__).with_name(f"{INDEX_MODULE}.py")
    doel.write_text(index_tekst(), encoding="utf-8")
    print(f"geschreven: {doel}")
