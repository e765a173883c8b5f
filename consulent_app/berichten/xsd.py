"""Validation against the iWmo / iJw 3.2 and StUF-GGk XSDs shipped in resources/istandaarden (lxml, compiled once)."""

from __future__ import annotations

import os
import threading
from functools import cache

from lxml import etree

from consulent_app import paths
from consulent_app.berichten.soorten import BerichtSoort

_lock = threading.Lock()

# Parser for everything that comes from outside: no network, no external entities, no huge trees.
VEILIGE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                 remove_blank_text=True)


@cache
def _schema(pad: str) -> etree.XMLSchema:
    with _lock:
        return etree.XMLSchema(etree.parse(pad, parser=etree.XMLParser(no_network=True)))


@cache
def heeft_xsd(soort: BerichtSoort) -> bool:
    """Not every kind ships an XSD (the Wmo retours 302 and 320 on the municipality's own messages do not)."""
    return os.path.exists(soort.xsd_pad)


@cache
def _schema_van(soort: BerichtSoort) -> etree.XMLSchema:
    """The compiled schema of a kind, found once (finding the path resolves the resources folder on disk)."""
    return _schema(soort.xsd_pad)


def fouten(soort: BerichtSoort, doc: etree._Element | bytes) -> list[str]:
    """XSD errors of a message, empty when valid. Each line: 'regel N: message' (lxml's wording)."""
    schema = _schema_van(soort)
    tree = etree.fromstring(doc, parser=VEILIGE_PARSER) if isinstance(doc, bytes) else doc
    if schema.validate(tree):
        return []
    return [f"regel {e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]


def envelop_fouten(doc: etree._Element) -> list[str]:
    pad = str(paths.resources_dir() / "istandaarden" / "ggk-0310" / "ggk0310_21" / "ggkberichten" / "ggk0310_msg.xsd")
    schema = _schema(pad)
    if schema.validate(doc):
        return []
    return [f"regel {e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]


@cache
def xsd_versies(soort: BerichtSoort) -> tuple[str, str]:
    """(BasisschemaXsdVersie, BerichtXsdVersie) from the XSD's own metadata: what a message made with it states."""
    if not heeft_xsd(soort):
        return ("1.0.0", "1.0.0")
    root = etree.parse(soort.xsd_pad).getroot()
    ns = {"b": soort.basis_ns}
    basis = root.findtext(".//b:BasisschemaXsdVersie", namespaces=ns)
    bericht = root.findtext(".//b:BerichtXsdVersie", namespaces=ns)
    return (basis or "1.0.0", bericht or "1.0.0")
