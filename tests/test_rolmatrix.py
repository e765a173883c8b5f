"""Need to know, per role: every public use case in consulent_app/services is called with every role.

The table ROLMATRIX says which roles may call what. Use cases are found by introspection (a public function
of a services module whose first two parameters are `ctx` and `actor`), so a new use case is tested the day it
is written, and a use case missing from the table fails with a message saying to add it.

How a call is judged:
- a role NOT in the table must get GeenToegang, before anything else happens (house rule: `vereis_rol`
  first), and nothing may be written to the database;
- a role in the table must not be refused by `vereis_rol`. The call gets harmless dummy arguments (unknown
  ids, empty text), so NietGevonden, ValidatieFout and the like are fine here; a refusal by `vereis_team`
  is fine too (the dummy dossier is nobody's).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import importlib
import inspect
import pkgutil
import shutil
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

import consulent_app.services as services_pkg
from consulent_app.config import load_defaults
from consulent_app.db import models as m
from consulent_app.db.engine import make_engine
from consulent_app.domain import BeschikkingStatus, Rol
from consulent_app.errors import GeenToegang
from consulent_app.services.base import Actor, AppContext
from tests.factories import Basis, maak_basis

C, T, P, A, B, L = Rol.CONSULENT, Rol.TOETSER, Rol.PLANNER, Rol.ADMINISTRATIEF, Rol.BEHEERDER, Rol.TEAMLEIDER
K = Rol.CONTROLLER
ALLE = frozenset(Rol)
PLANNERS = frozenset({P, L})
DOSSIER_LEZERS = frozenset({C, T, P, L})

# One actor per role from tests/factories.py (consulent, planner and teamleider in team A).
ACTOR_VAN_ROL = {C: "consulent", T: "toetser", P: "planner", A: "administratie", B: "beheerder", L: "teamleider",
                 K: "controller"}


@dataclasses.dataclass(frozen=True)
class Geval:
    """A use case whose allowed roles depend on an argument: one row per value of that argument."""

    rollen: frozenset[Rol]
    args: dict[str, Any] = dataclasses.field(default_factory=dict)


Regel = frozenset[Rol] | dict[str, Geval]

ROLMATRIX: dict[str, Regel] = {
    # accounts
    "auth.controleer_ontgrendeling": ALLE,
    "auth.controleer_ontgrendeling_oidc": ALLE,
    "auth.wijzig_wachtwoord": ALLE,
    "wijzigingen.wijzigingen_sinds": frozenset({C, T, P, L, A}),
    "toetsing_reeks.kijk_wachtrij_na": frozenset({T}),
    "toetsing_reeks.stuur_onvolledige_terug": frozenset({T}),  # kinds and client ids of others' writes
    "auth.reset_wachtwoord": frozenset({B}),
    # functional administration: accounts and the audit log, never case content
    "beheer.gebruikers": frozenset({B}),
    "beheer.maak_gebruiker": frozenset({B}),
    "beheer.wijzig_gebruiker": frozenset({B}),
    "beheer.deactiveer_gebruiker": frozenset({B}),
    "beheer.activeer_gebruiker": frozenset({B}),
    "beheer.deblokkeer_gebruiker": frozenset({B}),
    "beheer.zoek_client_voor_inzage": frozenset({B}),
    "beheer.auditlog_client": frozenset({B}),
    "beheer.controleer_auditlog": frozenset({B}),
    "contracten.contracten": frozenset({B}),
    "contracten.zet_contracten": frozenset({B}),
    # dossiers
    "dossiers.open_dossier": DOSSIER_LEZERS,
    "dossiers.zoek_clienten": DOSSIER_LEZERS,
    "dossiers.registreer_client": frozenset({C, P}),
    "dossiers.wijzig_client": frozenset({C}),
    "dossiers.voeg_relatie_toe": frozenset({C}),
    # meldingen and home lists
    "aanvragen.registreer_aanvraag_zonder_onderzoek": frozenset({C}),
    "meldingen.registreer_melding": frozenset({C, P}),
    "meldingen.wijs_melding_toe": PLANNERS,
    "meldingen.mijn_werk": frozenset({C}),
    "meldingen.werkvoorraad_team": PLANNERS,
    "meldingen.consulenten_van_team": PLANNERS,
    "meldingen.beschikkingen_met_status": {
        "ter_toetsing": Geval(frozenset({T}), {"status": BeschikkingStatus.TER_TOETSING}),
        "goedgekeurd": Geval(frozenset({A}), {"status": BeschikkingStatus.GOEDGEKEURD}),
        "concept": Geval(frozenset({C, T}), {"status": BeschikkingStatus.CONCEPT}),
    },
    # organisation
    "organisatie.teams": ALLE,
    # periodic re-examination
    "periodiek.consulenten_voor_po": PLANNERS,
    "periodiek.openstaande_plannen": frozenset({C, P, L}),
    "periodiek.plan_po": frozenset({C, P, L}),
    "periodiek.po_details": frozenset({C, P, L}),
    "periodiek.po_overzicht": frozenset({C, P, L}),
    "periodiek.registreer_plan": frozenset({C, P, L}),
    "periodiek.rond_po_af": frozenset({C}),
    "periodiek.verplaats_po": frozenset({C, P, L}),
    "periodiek.wijs_po_toe": PLANNERS,
    # planning and workload
    "planning.belasting": PLANNERS,
    "planning.belasting_zaken": PLANNERS,
    "planning.capaciteit": PLANNERS,
    "planning.vooruitblik": PLANNERS,
    "planning.vooruitblik_zaken": PLANNERS,
    "planning.werkvoorraad": PLANNERS,
    "planning.wijs_aanvraag_toe": PLANNERS,
    "planning.wijs_po_toe": PLANNERS,
    "planning.wijs_toe": {s: Geval(PLANNERS, {"soort": s}) for s in ("melding", "aanvraag", "po")},
    # legal terms
    "termijnbewaking.zaak_termijn": frozenset({C, L, P, T}),
    "termijnbewaking.mijn_termijnen": frozenset({C}),
    "termijnbewaking.termijnen_team": PLANNERS,
    "termijnbewaking.ketentermijnen": frozenset({A}),
    "termijnbewaking.schort_op": frozenset({C, L}),
    "termijnbewaking.beeindig_opschorting": frozenset({C, L}),
    "termijnbewaking.verdaag": frozenset({C, L}),
    "termijnbewaking.herbereken_alle_termijnen": frozenset({B, L}),
    # sending decisions and passing provisions on
    "verzending.verzendlijst": frozenset({A}),
    "verzending.voorbeeld_pdf": frozenset({A}),
    "verzending.maak_printbestand": frozenset({A}),
    "verzending.registreer_productie": frozenset({A}),
    "verzending.markeer_verzonden": frozenset({A}),
    "verzending.afschrift": frozenset({A}),
    "verzending.afschrift_pdf": frozenset({A}),
    "verzending.registreer_afschrift": frozenset({A}),
    "verzending.beschikking_render": frozenset({A}),
    "verzending.bijlage_render": frozenset({A}),
    "verzending.verzendingen": frozenset({A, C, T, L}),
    "verzending.wijzig_bijlagen": frozenset({A, C}),
    "verzending.voeg_bijlage_toe": frozenset({A}),
    "documenten.bewaar_verslag_voor_verzending": frozenset({A}),
    "verzending.verzendbijlagen": frozenset({A}),
    "verzending.toewijzingslijst": frozenset({A, L, P}),
    "verzending.pgb_lijst": frozenset({A, L, P}),
    "verzending.markeer_toegewezen": frozenset({A}),
    "verzending.exporteer_toewijzingslijst": frozenset({A, L, P}),
    # the investigation (onderzoek): the consultant writes, case readers read
    "onderzoek.bewaar_veld": frozenset({C}),
    "onderzoek.ga_naar_stap": frozenset({C}),
    "onderzoek.gehoord_bijwerken": frozenset({C}),
    "onderzoek.haal_onderzoek": frozenset({C, T, P, L}),
    "onderzoek.hef_nvt_op": frozenset({C}),
    "onderzoek.keuzelijsten": frozenset({C, T, P, L}),
    "onderzoek.markeer_nvt": frozenset({C}),
    "onderzoek.melding_samenvatting": frozenset({C, T, P, L}),
    "onderzoek.heropen_onderzoek": frozenset({C}),
    "onderzoek.onderzoek_van_melding": frozenset({C, T, P, L}),
    "onderzoek.registreer_reactie": frozenset({C}),
    "onderzoek.rond_onderzoek_af": frozenset({C}),
    "onderzoek.start_onderzoek": frozenset({C}),
    "onderzoek.verwijder_behoefte": frozenset({C}),
    "onderzoek.verwijder_dekking": frozenset({C}),
    "onderzoek.verwijder_probleem": frozenset({C}),
    "onderzoek.verwijder_resultaat": frozenset({C}),
    "onderzoek.verwijder_voorziening": frozenset({C}),
    "onderzoek.voeg_behoefte_toe": frozenset({C}),
    "onderzoek.voeg_dekking_toe": frozenset({C}),
    "onderzoek.voeg_probleem_toe": frozenset({C}),
    "onderzoek.voeg_resultaat_toe": frozenset({C}),
    "onderzoek.voeg_voorziening_toe": frozenset({C}),
    "onderzoek.wijzig_behoefte": frozenset({C}),
    "onderzoek.wijzig_dekking": frozenset({C}),
    "onderzoek.wijzig_probleem": frozenset({C}),
    "onderzoek.wijzig_resultaat": frozenset({C}),
    "onderzoek.wijzig_voorziening": frozenset({C}),
    # management information: planners and team leaders
    # financial grip (issue 18): team leaders; the tariff history also by the functional administrator
    "declaraties.verwerk_declaratie": frozenset({A}),
    "declaraties.oordelen": frozenset({A}),
    "declaraties.werklijst": frozenset({A, L}),
    "declaraties.handel_af": frozenset({A}),
    "financien.overzicht": frozenset({L, K}),
    "financien.zaken": frozenset({L, K}),
    "financien.signalen": frozenset({L, K}),
    "financien.niet_gedeclareerd_zaken": frozenset({L, K}),
    "financien.stel_budget_vast": frozenset({L, K}),
    "financien.budgetten": frozenset({L, K}),
    "financien.budget_historie": frozenset({L, K}),
    "financien.importeer_budgetten": frozenset({L, K}),
    "financien.tarieven": frozenset({L, B}),
    "financien.wijzig_tarief": frozenset({L, B}),
    "sturing.doorlooptijd_zaken": frozenset({P, L}),
    "sturing.doorlooptijden": frozenset({P, L}),
    "sturing.jeugd_verwijzers": frozenset({P, L}),
    "sturing.poortwachter": frozenset({P, L}),
    "sturing.poortwachter_zaken": frozenset({P, L}),
    "sturing.registreer_export": frozenset({P, L}),
    "sturing.stroom": frozenset({P, L}),
    "sturing.stroom_zaken": frozenset({P, L}),
    "sturing.toets_zaken": frozenset({P, L}),
    "sturing.toetsscores": frozenset({P, L}),
    "sturing.verwijzer_zaken": frozenset({P, L}),
    "sturing.voorzieningen": frozenset({P, L}),
    "sturing.voorzieningen_zaken": frozenset({P, L}),
    "toetstelling.herbouw_toetsscores": frozenset({B}),
    # four-eyes review
    "toetsing.beoordeel": frozenset({T}),
    "toetsing.dien_in_voor_toetsing": frozenset({C}),
    "toetsing.kwaliteit_per_criterium": frozenset({T, L}),
    "toetsing.mijn_teruggestuurde": frozenset({C}),
    "toetsing.mijn_beschikkingen": frozenset({C}),
    "toetsing.toets_dossier": frozenset({C, T, L}),
    "toetsing.toetsingen_van": frozenset({C, T, L}),
    # beschikkingen
    "beschikkingen.beschikking_van_aanvraag": frozenset({C, T, L}),
    "beschikkingen.haal_beschikking": frozenset({C, T, L}),
    "beschikkingen.maak_concept_beschikking": frozenset({C}),
    "beschikkingen.wijzig_regel": frozenset({C}),
    # documenten
    "documenten.beschikking_pdf": frozenset({C, T, P, A, L}),
    "documenten.bewaar_als": frozenset({C, T, P, A, L}),
    "documenten.bewaar_verzendversie": frozenset({A}),  # the letter as printed, kept in the dossier
    "documenten.documentbronnen": frozenset({C, T, P, L}),
    "documenten.haal_document": frozenset({C, T, P, A, L}),
    "documenten.lijst_documenten": frozenset({C, T, P, L}),
    "documenten.maak_beschikking_document": frozenset({C, T, A}),  # final letter after approval: T or A
    "documenten.maak_beschikkingen": {"een": Geval(frozenset({C, T, A}), {"beschikking_ids": [999_999]})},
    "documenten.maak_verslag": frozenset({C}),
    "documenten.verslag_pdf": frozenset({C, T, P, A, L}),
    # periodiek
    "periodiek.wijzig_voorziening_na_po": frozenset({C}),
    "periodiek.wijziging_na_po": frozenset({C}),
    "beschikkingen.standaard_type": frozenset({C}),
    # iWmo / iJw message traffic (Berichtenverkeer: administration and functional staff; requests: case workers)
    "berichten.exporteer": frozenset({A, B}),
    "berichten.importeer": frozenset({A, B}),
    "berichten.importeer_paden": frozenset({A, B}),
    "berichten.berichten_lijst": frozenset({A, B}),
    "berichten.bericht_inhoud": frozenset({A}),
    "berichten.opnieuw_aanmaken": frozenset({A}),
    "berichten.verstuur_opnieuw": frozenset({A}),
    "berichten.beeindig_toewijzing": frozenset({A}),
    "berichten.verzoeken": frozenset({C, P, L, A}),
    "berichten.beantwoord_verzoek": frozenset({C, P, A}),
    "berichten.wijs_verzoek_toe": frozenset({P, L}),
    "berichten.honoreer_verwijzing": frozenset({C, P}),
    "berichten.zorgstatus": frozenset({C, T, L, P, A}),
}

# Known holes, reported to the owner; xfail(strict) so the day they are fixed this file says so.
BEKENDE_GATEN: dict[str, str] = {
}


def use_cases() -> dict[str, Callable[..., Any]]:
    """Every public `f(ctx, actor, ...)` defined in a module of consulent_app.services."""
    gevonden: dict[str, Callable[..., Any]] = {}
    for info in pkgutil.iter_modules(services_pkg.__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        mod = importlib.import_module(f"{services_pkg.__name__}.{info.name}")
        for naam, fn in inspect.getmembers(mod, inspect.isfunction):
            if naam.startswith("_") or fn.__module__ != mod.__name__:
                continue
            if list(inspect.signature(fn).parameters)[:2] == ["ctx", "actor"]:
                gevonden[f"{info.name}.{naam}"] = fn
    return gevonden


USE_CASES = use_cases()


def _gevallen() -> Iterator[Any]:
    for naam in sorted(set(USE_CASES) | set(ROLMATRIX)):
        regel = ROLMATRIX.get(naam)
        marks = [pytest.mark.xfail(reason=BEKENDE_GATEN[naam], strict=True)] if naam in BEKENDE_GATEN else []
        if isinstance(regel, dict):
            for label, geval in regel.items():
                yield pytest.param(naam, geval, id=f"{naam}[{label}]", marks=marks)
        else:
            yield pytest.param(naam, Geval(regel) if regel is not None else None, id=naam, marks=marks)


# --- dummy arguments -------------------------------------------------------------------------------------------


def _dummy(tp: Any, naam: str, basis: Basis, tmp: Path) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        opties = [a for a in typing.get_args(tp) if a is not type(None)]
        return _dummy(opties[0], naam, basis, tmp) if opties else None
    if tp is int:
        return basis.team_a if naam.endswith("team_id") else 999_999
    if tp is str:
        return str(tmp / "uitvoer") if naam in ("pad", "map", "doel", "bestand") else "x"
    if tp is bool:
        return False
    if tp is float:
        return 1.0
    if tp is Decimal:
        return Decimal(1)
    if tp is dt.datetime:
        return dt.datetime(2026, 11, 25, 12, 0)
    if tp is dt.date:
        return dt.date(2026, 11, 25)
    if isinstance(tp, type) and issubclass(tp, Path):
        return tmp / "uitvoer"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return next(iter(tp))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        return tp(**{f.name: _dummy(hints.get(f.name), f.name, basis, tmp) for f in dataclasses.fields(tp)
                     if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING})
    if origin in (list, tuple, set, frozenset) or tp in (list, tuple, set, frozenset):
        return []
    if origin is not None and getattr(origin, "__name__", "") in ("Sequence", "Iterable", "Collection"):
        return []
    if origin is dict or tp is dict:
        return {}
    if origin is not None and getattr(origin, "__name__", "") == "Callable":
        return lambda *a, **k: None
    return None


def argumenten(fn: Callable[..., Any], basis: Basis, tmp: Path, vast: dict[str, Any]) -> dict[str, Any]:
    try:
        hints = typing.get_type_hints(fn)
    except Exception:  # an annotation that does not resolve: fall back to names only
        hints = {}
    args: dict[str, Any] = {}
    for p in list(inspect.signature(fn).parameters.values())[2:]:
        if p.name in vast:
            args[p.name] = vast[p.name]
        elif p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            args[p.name] = _dummy(hints.get(p.name, str), p.name, basis, tmp)
    return args


# --- the database: one per module, reset per use case is not needed (refusals write nothing) --------------


@pytest.fixture(scope="module")
def omgeving(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Basis]:
    pad = tmp_path_factory.mktemp("rolmatrix") / "db.sqlite3"
    shutil.copyfile(sqlite_template, pad)
    url = f"sqlite:///{pad}"
    ctx = AppContext(config=load_defaults().with_database(url), engine=make_engine(url))
    yield maak_basis(ctx)
    ctx.engine.dispose()


def _rijen(ctx: AppContext) -> int:
    """All rows of all tables in one number: a refused call must leave it unchanged."""
    som = " + ".join(f'(SELECT count(*) FROM "{t}")' for t in m.Base.metadata.tables)
    with ctx.engine.connect() as c:
        return int(c.execute(text(f"SELECT {som}")).scalar() or 0)


def _door_vereis_rol(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_code.co_name == "vereis_rol"


def _roep(fn: Callable[..., Any], basis: Basis, actor: Actor, args: dict[str, Any]) -> BaseException | None:
    try:
        fn(basis.ctx, actor, **args)
    except Exception as exc:  # noqa: BLE001 - judged by the caller
        return exc
    return None


@pytest.mark.parametrize(("naam", "geval"), list(_gevallen()))
def test_every_use_case_refuses_every_role_not_in_the_table(naam: str, geval: Geval | None, omgeving: Basis,
                                                            tmp_path: Path) -> None:
    if naam not in USE_CASES:
        pytest.fail(f"ROLMATRIX in tests/test_rolmatrix.py lists '{naam}', but consulent_app/services has no "
                    "such use case any more. Remove or rename the entry.")
    if geval is None:
        module, functie = naam.split(".")
        pytest.fail(
            f"New use case consulent_app/services/{module}.py::{functie} is not in ROLMATRIX "
            f"(tests/test_rolmatrix.py). Add '\"{naam}\": frozenset({{...}})' with the roles that may call it; "
            "the test then checks that every other role is refused by vereis_rol before anything happens."
        )
    fn = USE_CASES[naam]
    problemen = []
    for rol, gebruikersnaam in ACTOR_VAN_ROL.items():
        actor = omgeving[gebruikersnaam]
        args = argumenten(fn, omgeving, tmp_path, geval.args)
        if rol in geval.rollen:
            exc = _roep(fn, omgeving, actor, args)
            if isinstance(exc, GeenToegang) and _door_vereis_rol(exc):
                problemen.append(f"{rol.value}: refused by vereis_rol, but the table allows it ({exc})")
        else:
            voor = _rijen(omgeving.ctx)
            exc = _roep(fn, omgeving, actor, args)
            if not isinstance(exc, GeenToegang):
                wat = "ran without refusal" if exc is None else f"got {type(exc).__name__} instead ({exc})"
                problemen.append(f"{rol.value}: must be refused with GeenToegang first, but {wat}")
            elif _rijen(omgeving.ctx) != voor:
                problemen.append(f"{rol.value}: refused, but something was written to the database first")
    assert not problemen, f"{naam}:\n  " + "\n  ".join(problemen)


def test_the_table_covers_every_role_check_in_the_services() -> None:
    """Sanity of the discovery itself: the well-known use cases are found, helpers without an actor are not."""
    assert {"dossiers.open_dossier", "meldingen.registreer_melding", "beheer.auditlog_client"} <= set(USE_CASES)
    assert "auth.inloggen" not in USE_CASES  # no actor yet: the login itself
    assert "dossiers.volledige_naam" not in USE_CASES


def _functies_voor(rol: Rol) -> set[str]:
    uit = set()
    for naam, regel in ROLMATRIX.items():
        gevallen = regel.values() if isinstance(regel, dict) else [Geval(regel)]
        if any(rol in g.rollen for g in gevallen):
            uit.add(naam)
    return uit


def test_the_beheerder_reaches_accounts_and_the_log_but_no_case_content() -> None:
    """Need to know: the functional administrator manages users and configuration, never reads a dossier."""
    toegestaan = {n for n in _functies_voor(B)
                  if not n.startswith(("auth.", "beheer."))}
    # the product catalogue's tariff history is configuration, not case content
    assert toegestaan <= {"organisatie.teams", "termijnbewaking.herbereken_alle_termijnen", "financien.tarieven",
                          "financien.wijzig_tarief",
                          # the GGk exchange is technical work (issue 14): statuses and codes, no client names,
                          # no message content (berichten_lijst leaves names out for the beheerder)
                          "berichten.exporteer", "berichten.importeer", "berichten.importeer_paden",
                          "berichten.berichten_lijst",
                          # recounting the review scores per month is maintenance: it returns a number, no case
                          "toetstelling.herbouw_toetsscores",
                          # the provider register's contracts (which provider delivers which product) are
                          # configuration: providers and products, no client (issue 16)
                          "contracten.contracten", "contracten.zet_contracten"}, (
        "the table gives the beheerder a use case outside accounts and the audit log; if that is really meant, "
        "add it here with the reason")


def test_the_controller_reaches_the_financial_picture_and_budgets_only() -> None:
    """Need to know (issue 18): a controller sees and edits budgets and the financial picture; no dossier, no
    investigation, no letter, no invoice work list with client names."""
    toegestaan = {n for n in _functies_voor(K) if not n.startswith("auth.")}
    assert toegestaan <= {"organisatie.teams", "financien.overzicht", "financien.zaken", "financien.signalen",
                          "financien.niet_gedeclareerd_zaken", "financien.stel_budget_vast", "financien.budgetten",
                          "financien.budget_historie", "financien.importeer_budgetten"}, (
        "the table gives the controller a use case outside the financial picture; if meant, add it here with "
        "the reason")


def test_administrative_staff_reach_only_what_sending_needs() -> None:
    """Need to know: administrative staff print, send and pass on decisions; they do not work in dossiers."""
    toegestaan = {n for n in _functies_voor(A) if not n.startswith(("auth.", "verzending."))}
    assert toegestaan <= {
        "wijzigingen.wijzigingen_sinds",  # kinds and client ids of others' writes: their lists follow, no content
        "organisatie.teams", "meldingen.beschikkingen_met_status",
        # the letter and its enclosure (the report) are what they send
        "documenten.beschikking_pdf", "documenten.verslag_pdf", "documenten.haal_document", "documenten.bewaar_als",
        # storing the final letter once the reviewer approved it
        "documenten.maak_beschikking_document", "documenten.maak_beschikkingen",
        # production stores the letter exactly as printed and sent (issue 12)
        "documenten.bewaar_verzendversie",
        # ... and the report that goes with it, stored as sent when no version was stored yet (issue 16)
        "documenten.bewaar_verslag_voor_verzending",
        # passing decisions on to providers as iWmo/iJw messages is the electronic side of sending (issue 14)
        "berichten.exporteer", "berichten.importeer", "berichten.importeer_paden", "berichten.berichten_lijst",
        "berichten.bericht_inhoud", "berichten.opnieuw_aanmaken", "berichten.verstuur_opnieuw",
        "berichten.beeindig_toewijzing",
        "berichten.verzoeken", "berichten.beantwoord_verzoek", "berichten.zorgstatus",
        # the message traffic's own terms (retours within three working days) are watched by whoever exports
        "termijnbewaking.ketentermijnen",
        # providers' invoices (323) arrive through the same message traffic; checking them against the assignment
        # and the work list of rejected lines is the back office's task (issue 18)
        "declaraties.verwerk_declaratie", "declaraties.werklijst", "declaraties.handel_af", "declaraties.oordelen",
    }, "the table gives administrative staff a use case outside sending; if meant, add it here with the reason"


# --- revoked and moved users: rights end at once, not when the application closes ------------------------------
#
# An actor is made at login. Here the user is then switched off, moved to the other team or given another role
# in the database, as the beheerder does; every use case must refuse the old actor with SessieIngetrokken before
# it reads or writes anything.


def _ingetrokken_actor(basis: Basis, naam: str, rol: Rol, team_id: int | None, serves: tuple[int, ...],
                       verander: Callable[[m.Gebruiker], None]) -> Actor:
    from consulent_app.services.auth import hash_wachtwoord
    from consulent_app.services.base import actor_by_username

    with basis.ctx.session_factory.begin() as s:
        g = m.Gebruiker(gebruikersnaam=naam, naam=naam.capitalize(), rol=rol.value, team_id=team_id,
                        contracturen=Decimal(36) if rol is Rol.CONSULENT else None, nevenuren=Decimal(0),
                        wachtwoord_hash=hash_wachtwoord("niet-gebruikt-1"))
        g.bediende_teams = [s.get(m.Team, t) for t in serves]  # type: ignore[misc]
        s.add(g)
    actor = actor_by_username(basis.ctx, naam)
    with basis.ctx.session_factory.begin() as s:
        g2 = s.get(m.Gebruiker, actor.gebruiker_id)
        assert g2 is not None
        verander(g2)
    return actor


def _uit(g: m.Gebruiker) -> None:
    g.actief = False


@pytest.fixture(scope="module")
def ingetrokken(omgeving: Basis) -> dict[str, Actor]:
    """Per role a user switched off after login; plus a consultant moved to team B, one made administratief,
    and a reviewer who no longer serves team B."""
    uit: dict[str, Actor] = {}
    for rol, gebruikersnaam in ACTOR_VAN_ROL.items():
        oud = omgeving[gebruikersnaam]
        serves = tuple(sorted(oud.teams - {oud.team_id} if oud.team_id else oud.teams))
        uit[f"uitgeschakeld_{rol.value}"] = _ingetrokken_actor(
            omgeving, f"weg_{rol.value}", rol, oud.team_id, serves, _uit)

    def verhuis(g: m.Gebruiker) -> None:
        g.team_id = omgeving.team_b

    def andere_rol(g: m.Gebruiker) -> None:
        g.rol = Rol.ADMINISTRATIEF.value

    def minder_teams(g: m.Gebruiker) -> None:
        g.bediende_teams = [t for t in g.bediende_teams if t.id != omgeving.team_b]

    uit["verhuisd_consulent"] = _ingetrokken_actor(omgeving, "verhuisd", C, omgeving.team_a, (), verhuis)
    uit["andere_rol_consulent"] = _ingetrokken_actor(omgeving, "omgezet", C, omgeving.team_a, (), andere_rol)
    uit["minder_teams_toetser"] = _ingetrokken_actor(
        omgeving, "ingeperkt", T, None, (omgeving.team_a, omgeving.team_b), minder_teams)
    return uit


@pytest.mark.parametrize(("naam", "geval"), [g for g in _gevallen() if g.values[0] in ROLMATRIX])
def test_every_use_case_refuses_a_revoked_or_moved_user_at_once(naam: str, geval: Geval, omgeving: Basis,
                                                                ingetrokken: dict[str, Actor],
                                                                tmp_path: Path) -> None:
    from consulent_app.errors import SessieIngetrokken

    fn = USE_CASES[naam]
    wie = [f"uitgeschakeld_{r.value}" for r in sorted(geval.rollen, key=lambda r: r.value)]
    if C in geval.rollen:
        wie += ["verhuisd_consulent", "andere_rol_consulent"]
    if T in geval.rollen:
        wie.append("minder_teams_toetser")
    problemen = []
    sql: list[str] = []

    def tel(_conn: Any, _cur: Any, statement: str, *_a: Any) -> None:
        sql.append(statement)

    event.listen(omgeving.ctx.engine, "before_cursor_execute", tel)
    try:
        for sleutel in wie:
            args = argumenten(fn, omgeving, tmp_path, geval.args)
            voor = _rijen(omgeving.ctx)
            sql.clear()
            exc = _roep(fn, omgeving, ingetrokken[sleutel], args)
            if isinstance(exc, SessieIngetrokken):
                if _rijen(omgeving.ctx) != voor:
                    problemen.append(f"{sleutel}: refused, but something was written to the database first")
            elif exc is not None and not sql:
                pass  # the dummy input was refused before any database contact: nothing read, nothing written
            else:
                wat = "ran as if nothing changed" if exc is None else f"got {type(exc).__name__} ({exc})"
                problemen.append(f"{sleutel}: must be refused with SessieIngetrokken, but {wat}")
    finally:
        event.remove(omgeving.ctx.engine, "before_cursor_execute", tel)
    assert not problemen, f"{naam}:\n  " + "\n  ".join(problemen)


def test_every_transaction_of_a_use_case_checks_the_session() -> None:
    """A service function with an `actor` that opens `transactie(ctx)` without passing it skips the check of
    the user's current rights; found in the source so a new use case cannot forget it."""
    import ast

    gemist = []
    for bestand in sorted(Path(services_pkg.__path__[0]).glob("*.py")):
        boom = ast.parse(bestand.read_text(encoding="utf-8"))
        for fn in ast.walk(boom):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if "actor" not in {a.arg for a in fn.args.args + fn.args.kwonlyargs}:
                continue
            for knoop in ast.walk(fn):
                if (isinstance(knoop, ast.Call) and isinstance(knoop.func, ast.Name)
                        and knoop.func.id == "transactie"):
                    tweede = knoop.args[1] if len(knoop.args) > 1 else next(
                        (k.value for k in knoop.keywords if k.arg == "actor"), None)
                    if tweede is None or (isinstance(tweede, ast.Constant) and tweede.value is None):
                        gemist.append(f"{bestand.name}:{knoop.lineno} in {fn.name}")
    assert not gemist, "transactie(ctx) without the actor in a use case:\n  " + "\n  ".join(gemist)
