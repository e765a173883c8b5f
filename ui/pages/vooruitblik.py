"""Vooruitblik: periodic re-examinations and provisions ending per month for the next twelve months, per team."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from PySide6.QtWidgets import QLabel

from consulent_app import formatting
from consulent_app.domain import Rol, Wet
from consulent_app.errors import ConsulentFout
from consulent_app.export import Type
from consulent_app.services import planning as svc
from consulent_app.services.overzicht import Filter
from ui.pages._overzicht import Grafiek, OverzichtPagina, Veld, ZakenDialoog, tabel
from ui.pages.base import PageSpec, Shell
from ui.tablemodels import Tabel
from ui.widgets import laad


def maandnaam(d: dt.date, *, kort: bool = False) -> str:
    """'december 2026' or 'dec 2026'."""
    if kort:
        return format_date(d, "MMM y", locale=formatting.LOCALE).replace(".", "")
    return format_date(d, "MMMM y", locale=formatting.LOCALE)


VOORZIENING_VELDEN = [
    Veld("Cliënt", lambda z: z.client, min_breedte=160),
    Veld("Team", lambda z: z.team),
    Veld("Wet", lambda z: Wet(z.wet).label),
    Veld("Soort", lambda z: "Periodiek onderzoek" if z.soort == "po" else "Voorziening eindigt"),
    Veld("Product", lambda z: z.product, rek=True),
    Veld("Datum", lambda z: z.datum, Type.DATUM),
    Veld("Consulent", lambda z: z.consulent or "nog niet toegewezen" if z.soort == "po" else "–"),
]


class Vooruitblik(OverzichtPagina):
    export_titel = "Vooruitblik herindicaties"

    def __init__(self, shell: Shell) -> None:
        super().__init__(
            shell, "Vooruitblik periodieke onderzoeken",
            "Geplande periodieke onderzoeken en voorzieningen die aflopen, per maand voor de komende twaalf maanden. "
            "Elk vraagt een herindicatie: plan de capaciteit op tijd in. Zonder periode: de komende twaalf maanden. "
            "Dubbelklik op een maand voor de cliënten.")
        self.deel_later(self._bouw)  # the chart and the list in the frame after the page's (issue 13)

    def _bouw(self) -> None:
        self.achterstand = QLabel()
        self.achterstand.setObjectName("formulierfout")
        self.achterstand.setWordWrap(True)
        self.achterstand.hide()
        self.inhoud.addWidget(self.achterstand)
        self.grafiek = Grafiek("", hoogte=220, parent=self)
        self.grafiek.setMaximumHeight(250)
        self.inhoud.addWidget(self.grafiek, 2)
        self.velden = [
            Veld("Maand", lambda r: r.maand, Type.DATUM, tekst=lambda d: maandnaam(d), rek=True),
            Veld("Team", lambda r: r.team),
            Veld("Periodieke onderzoeken", lambda r: r.po, Type.GEHEEL),
            Veld("Voorzieningen die eindigen", lambda r: r.einde, Type.GEHEEL),
            Veld("Totaal", lambda r: r.totaal, Type.GEHEEL),
            Veld("Normuren", lambda r: r.uren, Type.GETAL, decimalen=0),
        ]
        self.tabel = tabel(self.velden, naam="Vooruitblik per maand", parent=self)
        self.tabel.rij_geopend.connect(self.open_maand)
        self.inhoud.addWidget(self.tabel, 3)

    def bereken(self, filt: Filter) -> svc.Vooruitblik:
        return svc.vooruitblik(self.shell.ctx, self.shell.actor, filt)

    def toon_data(self, vb: svc.Vooruitblik) -> None:
        self.tabel.zet_rijen(vb.regels)
        per_maand = vb.per_maand()
        self.grafiek.staven([maandnaam(mnd, kort=True) for mnd, *_ in per_maand],
                            [("Periodieke onderzoeken", [po for _, po, _, _ in per_maand]),
                             ("Voorzieningen die eindigen", [e for _, _, e, _ in per_maand])],
                            gestapeld=True, as_titel="aantal")
        achter = sum(vb.achterstallig.values())
        if achter:
            self.achterstand.setText(
                f"Let op: {formatting.getal(achter, 0)} periodieke "
                f"{'onderzoek is' if achter == 1 else 'onderzoeken zijn'} niet gedaan terwijl de geplande datum al "
                "voorbij is. Wie er nog geen consulent voor heeft, staat in Werk verdelen bovenaan.")
        self.achterstand.setVisible(bool(achter))

    def export_tabel(self) -> Tabel:
        return self.tabel

    def open_maand(self, r: svc.VooruitblikMaand) -> None:
        """The month's periodic reviews and ending provisions, read off the GUI thread, shown in a dialog."""
        try:
            filt = self.filterbalk.filter()
        except ConsulentFout as exc:
            self.toon_fout(str(exc))
            return
        ctx, actor, f = self.shell.ctx, self.shell.actor, Filter(r.team_id, filt.wet)
        laad(self, lambda: (svc.vooruitblik_zaken(ctx, actor, r.maand, "po", f)
                            + svc.vooruitblik_zaken(ctx, actor, r.maand, "einde", f)),
             lambda zaken: ZakenDialoog(self.shell, f"{maandnaam(r.maand).capitalize()}, {r.team}", zaken,
                                        VOORZIENING_VELDEN, self).exec(), self.toon_fout)


PAGE = PageSpec(
    key="vooruitblik", titel="Vooruitblik", rollen=(Rol.PLANNER, Rol.TEAMLEIDER), maak=Vooruitblik, volgorde=15,
    sneltoets="Ctrl+6", extra={"icoon": "werk"},
)
