"""Reviewing many files at once: the automatic check over the whole review queue, and returning in one go the
files in which the data shows something required missing (domain brief section 8: "the product can check much of
this automatically"). Each file is read and returned in its own transaction, with progress and a stop between
files; what was returned stays returned. Approving is never done in bulk: that takes the reviewer's own scores
(toetsing.beoordeel), file by file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from consulent_app.domain import BeschikkingStatus, Rol, ToetsScore
from consulent_app.errors import ConsulentFout
from consulent_app.rules.toetsing import Bevinding
from consulent_app.services import meldingen
from consulent_app.services import toetsing as svc
from consulent_app.services.base import Actor, AppContext, vereis_actief, vereis_rol

Voortgang = Callable[[int, int, str], None]
Gestopt = Callable[[], bool]


@dataclass(frozen=True)
class Ontbreekt:
    criterium: int
    titel: str
    tekst: str  # what the automatic check found missing


@dataclass(frozen=True)
class Nagekeken:
    """One file of the queue after the automatic check."""

    beschikking_id: int
    versie: int
    kenmerk: str
    client: str
    ontbreekt: tuple[Ontbreekt, ...]
    zelf_beoordelen: int  # criteria only the reviewer can judge


@dataclass(frozen=True)
class Nakijkronde:
    nagekeken: list[Nagekeken]
    wachtend: int  # files in the queue when the check began (more than nagekeken when stopped)


@dataclass
class Teruggestuurd:
    teruggestuurd: list[str] = field(default_factory=list)  # kenmerken
    niet: dict[str, str] = field(default_factory=dict)  # kenmerk -> why not (changed meanwhile, no access)
    gestopt: bool = False


def kijk_wachtrij_na(ctx: AppContext, actor: Actor, *, voortgang: Voortgang | None = None,
                     geannuleerd: Gestopt | None = None) -> Nakijkronde:
    """The automatic check of every decision waiting for this reviewer (never one they wrote), file by file; a
    stop keeps what was checked so far. Each file read is audited (toetsing.toets_dossier)."""
    vereis_rol(actor, Rol.TOETSER)
    wachtrij = meldingen.beschikkingen_met_status(ctx, actor, BeschikkingStatus.TER_TOETSING)
    uit: list[Nagekeken] = []
    for i, w in enumerate(wachtrij):
        if geannuleerd is not None and geannuleerd():
            break
        d = svc.toets_dossier(ctx, actor, w.id)
        ontbreekt = tuple(Ontbreekt(c.nummer, c.titel, c.bevinding_tekst) for c in d.criteria
                          if c.bevinding == Bevinding.ONTBREEKT.value)
        zelf = sum(1 for c in d.criteria if c.bevinding == Bevinding.BEOORDELEN.value)
        uit.append(Nagekeken(d.beschikking_id, d.versie, d.kenmerk, d.client, ontbreekt, zelf))
        if voortgang is not None:
            voortgang(i + 1, len(wachtrij), d.kenmerk)
    return Nakijkronde(uit, len(wachtrij))


def _opmerkingen(n: Nagekeken) -> str:
    kop = "Bij de toetsing ontbreekt in het dossier wat deze criteria vragen. Vul het aan en bied de beschikking "\
          "opnieuw aan:"
    regels = [kop] + [f"- Criterium {o.criterium} ({o.titel}): {o.tekst}" for o in n.ontbreekt]
    tekst = "\n".join(regels)
    return tekst if len(tekst) <= svc.OPMERKINGEN_MAX else tekst[: svc.OPMERKINGEN_MAX - 1] + "…"


def stuur_onvolledige_terug(ctx: AppContext, actor: Actor, nagekeken: list[Nagekeken], *,
                            voortgang: Voortgang | None = None, geannuleerd: Gestopt | None = None) -> Teruggestuurd:
    """Return to their consultants the checked files in which something required is missing, each with the
    findings as remarks and those criteria scored 'onvoldoende'; one transaction per file (toetsing.beoordeel,
    with the version the reviewer saw: a file changed meanwhile is left alone and named). Stops between files."""
    vereis_rol(actor, Rol.TOETSER)
    vereis_actief(ctx, actor)  # rights taken away since login: refused before anything, also for an empty list
    te_doen = [n for n in nagekeken if n.ontbreekt]
    uit = Teruggestuurd()
    for i, n in enumerate(te_doen):
        if geannuleerd is not None and geannuleerd():
            uit.gestopt = True
            break
        scores = {o.criterium: svc.ScoreInvoer(ToetsScore.ONVOLDOENDE.value, o.tekst[: svc.TOELICHTING_MAX])
                  for o in n.ontbreekt}
        try:
            svc.beoordeel(ctx, actor, n.beschikking_id, uitkomst="teruggestuurd", scores=scores,
                          opmerkingen=_opmerkingen(n), versie=n.versie)
            uit.teruggestuurd.append(n.kenmerk)
        except ConsulentFout as exc:
            uit.niet[n.kenmerk] = str(exc)
        if voortgang is not None:
            voortgang(i + 1, len(te_doen), n.kenmerk)
    return uit
