"""Every list and search of personal data is in the audit log (AVG art. 15, issue 15 point 2).

One compact event per load: who, which list, which filter (codes, never the typed term) and which clients were
shown (their ids), so each of those clients finds it in the overview the beheerder makes for him.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
import pkgutil
import typing
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

import consulent_app.services as services_pkg
from consulent_app.db import models as m
from consulent_app.domain import BeschikkingStatus
from consulent_app.services import (
    beheer,
    berichten,
    declaraties,
    dossiers,
    meldingen,
    periodiek,
    planning,
    sturing,
    termijnbewaking,
    toetsing,
    verzending,
)
from tests.factories import Basis
from tests.factories_zaak import VzSpec, maak_zaak
from tests.overzicht_data import VANDAAG, maak_planning

# (use case, role that calls it, keyword arguments, must the list hold clients in this data set)
LIJSTEN: list[tuple[Callable[..., Any], str, dict[str, Any], bool]] = [
    (dossiers.zoek_clienten, "consulent", {"zoekterm": "Lijstklant"}, True),
    (meldingen.mijn_werk, "consulent", {}, True),
    (meldingen.werkvoorraad_team, "planner", {}, True),
    (meldingen.beschikkingen_met_status, "toetser", {"status": BeschikkingStatus.TER_TOETSING}, True),
    (meldingen.beschikkingen_met_status, "administratie", {"status": BeschikkingStatus.GOEDGEKEURD}, True),
    (periodiek.po_overzicht, "consulent", {"vandaag": VANDAAG}, True),
    (periodiek.po_overzicht, "planner", {"vandaag": VANDAAG}, True),
    (periodiek.openstaande_plannen, "planner", {"vandaag": dt.date(2027, 6, 1)}, False),
    (termijnbewaking.mijn_termijnen, "consulent", {"vandaag": VANDAAG}, True),
    (termijnbewaking.termijnen_team, "teamleider", {"vandaag": VANDAAG}, True),
    (toetsing.mijn_beschikkingen, "consulent", {}, True),
    (toetsing.mijn_teruggestuurde, "consulent", {}, False),
    (planning.werkvoorraad, "planner", {"vandaag": VANDAAG}, True),
    (verzending.verzendlijst, "administratie", {}, True),
    (verzending.toewijzingslijst, "administratie", {}, True),
    (verzending.pgb_lijst, "administratie", {}, False),
    (sturing.poortwachter, "teamleider", {"drempel": 0, "vandaag": VANDAAG}, True),
    # lists of other issues (berichtenverkeer, invoices), here so they keep auditing who was shown
    (berichten.verzoeken, "administratie", {}, False),
    (berichten.berichten_lijst, "administratie", {}, False),
    (termijnbewaking.ketentermijnen, "administratie", {"vandaag": VANDAAG}, False),
    (declaraties.werklijst, "administratie", {}, False),
]

# Use cases that return rows with a client id but are no list of several clients: each reads one dossier and
# audits that read with its client_id (tested in test_security.py), or builds documents that are audited as such.
EEN_DOSSIER = {
    "beschikkingen.haal_beschikking", "beschikkingen.wijzig_regel", "documenten.lijst_documenten",
    "documenten.maak_beschikkingen", "dossiers.open_dossier", "onderzoek.haal_onderzoek",
    "periodiek.wijziging_na_po", "termijnbewaking.zaak_termijn", "toetsing.toets_dossier",
    "sturing.poortwachter_zaken",  # the provisions of one client, audited as a drill-down below
}

# Returns client ids and object kinds only, no personal data, and is polled every few seconds by each open window
# (services.wijzigingen: an audited poll would write an event every 5 s per user); tested in test_wijzigingen_sinds.
GEEN_PERSOONSGEGEVENS = {"wijzigingen.wijzigingen_sinds"}


def _client_ids(waarde: Any) -> set[int]:
    """Every client id in a result, however nested (lists of rows, an overview with a list of rows)."""
    if isinstance(waarde, list | tuple):
        return set().union(*(_client_ids(w) for w in waarde)) if waarde else set()
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        uit = set()
        for f in dataclasses.fields(waarde):
            w = getattr(waarde, f.name)
            if (f.name == "client_id" or (f.name == "id" and type(waarde).__name__ == "ClientRegel")) \
                    and isinstance(w, int):
                uit.add(w)
            elif isinstance(w, list | tuple) or dataclasses.is_dataclass(w):
                uit |= _client_ids(w)
        return uit
    return set()


@pytest.fixture
def gegevens(basis: Basis) -> Basis:
    maak_planning(basis)
    basis.client("Lijstklant")
    basis.client("Lijstklant-Tweede")
    maak_zaak(basis, achternaam="Concept")  # a concept decision of the consultant (mijn_beschikkingen)
    maak_zaak(basis, achternaam="Toetsing", beschikking=BeschikkingStatus.TER_TOETSING.value)
    maak_zaak(basis, achternaam="Klaar", beschikking=BeschikkingStatus.GOEDGEKEURD.value)
    z = maak_zaak(basis, achternaam="Verzonden", beschikking="verzonden", verzonden_op=dt.date(2026, 11, 2),
                  voorzieningen=[VzSpec("HH", po_datum=dt.date(2026, 12, 15))], po_consulent=True)
    with basis.ctx.session_factory.begin() as s:  # not yet passed to the provider: on the toewijzingslijst
        vz = s.get(m.Voorziening, z.voorziening_ids[0])
        assert vz is not None
        vz.toegewezen_op = None
    return basis


def _events_na(basis: Basis, na_id: int) -> list[m.AuditEvent]:
    with basis.ctx.session_factory() as s:
        return list(s.scalars(select(m.AuditEvent).where(m.AuditEvent.id > na_id).order_by(m.AuditEvent.id)))


def _laatste_id(basis: Basis) -> int:
    with basis.ctx.session_factory() as s:
        return int(s.scalar(select(func.coalesce(func.max(m.AuditEvent.id), 0))) or 0)


@pytest.mark.parametrize(("fn", "wie", "args", "niet_leeg"), LIJSTEN,
                         ids=[f"{f.__module__.rsplit('.', 1)[1]}.{f.__name__}[{w}]" for f, w, _a, _n in LIJSTEN])
def test_a_list_load_is_one_event_with_the_ids_of_the_clients_shown(gegevens: Basis, fn: Callable[..., Any],
                                                                    wie: str, args: dict[str, Any],
                                                                    niet_leeg: bool) -> None:
    actor = gegevens[wie]
    voor = _laatste_id(gegevens)
    resultaat = fn(gegevens.ctx, actor, **args)
    getoond = _client_ids(resultaat)
    if niet_leeg:
        assert getoond, "the data set should put clients in this list; the test proves nothing otherwise"
    nieuw = [e for e in _events_na(gegevens, voor) if e.gebruiker_id == actor.gebruiker_id]
    assert len(nieuw) == 1, f"one event per list load, got {[(e.actie, e.object_type) for e in nieuw]}"
    e = nieuw[0]
    assert e.actie in ("lijst", "zoeken")
    vastgelegd = {int(x) for x in (e.client_ids or "").strip(",").split(",") if x}
    assert vastgelegd == getoond, "the event must name exactly the clients that were shown"
    # And each of them finds it in his AVG art. 15 overview.
    for cid in list(getoond)[:3]:
        regels = beheer.auditlog_client(gegevens.ctx, gegevens["beheerder"], cid)
        assert any(r.actie in ("Getoond in een lijst", "Gevonden bij zoeken") for r in regels)


def test_a_search_is_in_the_overview_of_the_client_found_without_the_term(gegevens: Basis) -> None:
    gevonden = dossiers.zoek_clienten(gegevens.ctx, gegevens["consulent"], "lijstklant-tw")
    assert [r.naam for r in gevonden] == ["Maria Lijstklant-Tweede"]
    regels = beheer.auditlog_client(gegevens.ctx, gegevens["beheerder"], gevonden[0].id)
    zoek = [r for r in regels if r.actie == "Gevonden bij zoeken"]
    assert zoek and zoek[0].gebruiker == "Consulent" and zoek[0].onderwerp == "Zoeken naar cliënten"
    with gegevens.ctx.session_factory() as s:
        alles = " ".join(f"{e.details} {e.object_type}" for e in s.scalars(select(m.AuditEvent)))
    assert "lijstklant" not in alles.lower(), "the typed search term must never be in the log"


def test_the_mijn_werk_event_holds_no_free_text_of_the_question(gegevens: Basis) -> None:
    voor = _laatste_id(gegevens)
    werk = meldingen.mijn_werk(gegevens.ctx, gegevens["consulent"])
    assert any("huishouden" in w.omschrijving for w in werk)
    (e,) = _events_na(gegevens, voor)
    assert "huishouden" not in f"{e.details}{e.client_ids}"


def test_every_list_of_clients_is_in_this_test() -> None:
    """A new use case that returns several clients' rows must be added to LIJSTEN (and audit with audit_lijst)."""
    getest = {f"{f.__module__.rsplit('.', 1)[1]}.{f.__name__}" for f, *_ in LIJSTEN}
    ontbreekt = []
    for info in pkgutil.iter_modules(services_pkg.__path__):
        if info.name == "base":
            continue
        mod = importlib.import_module(f"consulent_app.services.{info.name}")
        for naam, fn in inspect.getmembers(mod, inspect.isfunction):
            if naam.startswith("_") or fn.__module__ != mod.__name__:
                continue
            if list(inspect.signature(fn).parameters)[:2] != ["ctx", "actor"]:
                continue
            sleutel = f"{info.name}.{naam}"
            if _geeft_rijen_met_client(typing.get_type_hints(fn).get("return")) and sleutel not in getest \
                    and sleutel not in EEN_DOSSIER and sleutel not in GEEN_PERSOONSGEGEVENS \
                    and not _is_drill_down(sleutel):
                ontbreekt.append(sleutel)
    assert not ontbreekt, f"lists of clients without an audit test: {ontbreekt}"


def _is_drill_down(sleutel: str) -> bool:
    """The cases behind a figure (sturing.*_zaken, planning.*_zaken, financien.zaken) use audit_lijst like the
    lists above; the sturing helper is tested below."""
    return sleutel.endswith("_zaken") or sleutel == "financien.zaken"


def _geeft_rijen_met_client(tp: Any, diepte: int = 0) -> bool:
    if diepte > 3 or tp is None:
        return False
    origin = typing.get_origin(tp)
    if origin in (list, tuple):
        return any(_heeft_client_id(a) or _geeft_rijen_met_client(a, diepte + 1) for a in typing.get_args(tp))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        return any(_geeft_rijen_met_client(hints[f.name], diepte + 1) for f in dataclasses.fields(tp))
    return False


def _heeft_client_id(tp: Any) -> bool:
    return dataclasses.is_dataclass(tp) and isinstance(tp, type) and any(
        f.name == "client_id" for f in dataclasses.fields(tp))


def test_drill_downs_record_the_clients_behind_a_figure(gegevens: Basis) -> None:
    voor = _laatste_id(gegevens)
    zaken = sturing.voorzieningen_zaken(gegevens.ctx, gegevens["teamleider"], None, None, vandaag=VANDAAG)
    assert zaken
    (e,) = [e for e in _events_na(gegevens, voor) if e.gebruiker_id == gegevens["teamleider"].gebruiker_id]
    assert {int(x) for x in (e.client_ids or "").strip(",").split(",") if x} == {z.client_id for z in zaken}
