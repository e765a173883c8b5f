"""'Gehoord en betrokkenen' (who was heard, third parties, persoonlijk plan, earlier help, household) and
'Afronden' (what is missing, complete, then the client's reaction that makes the formal request)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from consulent_app import formatting, termijnen
from consulent_app.domain import Wet
from consulent_app.rules.aanvraag import ZONDER_ONDERZOEK_TEKST
from consulent_app.services import onderzoek as svc
from consulent_app.services.onderzoek import OnderzoekView
from consulent_app.termijnen import PERSOONLIJK_PLAN_GRONDSLAG
from ui.onderzoek.autosave import AutoOpslag
from ui.onderzoek.lijsten import Context
from ui.onderzoek.stappen import ja_nee_combo
from ui.tablemodels import Kolom, Tabel, ja_nee
from ui.widgets import DatumVeld, Formulier, Kaart, kop, uitleg, zet_stijl

KOP = "Gehoord en betrokkenen: "


def _tekst(hoogte: int = 58) -> QPlainTextEdit:
    ed = QPlainTextEdit()
    ed.setTabChangesFocus(True)
    ed.setFixedHeight(hoogte)
    return ed


class GehoordSectie(QWidget):
    """Criterion 11 (heard, third parties), criterion 3 (earlier help), Wmo 2015 art. 2.3.2 lid 2 (persoonlijk plan),
    and for Jeugd the household, parents with authority and whether a gezinsplan is expected."""

    def __init__(self, ctx: Context, wet: Wet, autosave: AutoOpslag, parent: QWidget | None = None, *,
                 in_delen: bool = False) -> None:
        """`in_delen=True`: only the first half of the card with the fields now; its other half, then the relations
        when `rest` is iterated (the investigation builds a page in slices between frames, issue 13)."""
        super().__init__(parent)
        self.rest: Iterator[None] = self._bouw(ctx, wet, autosave)
        next(self.rest)
        if not in_delen:
            for _ in self.rest:
                pass

    def _bouw(self, ctx: Context, wet: Wet, autosave: AutoOpslag) -> Iterator[None]:
        self.ctx, self.wet, self.autosave = ctx, wet, autosave
        from PySide6.QtWidgets import QVBoxLayout

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(12)
        # Cards made inside this section, tables and forms inside their card: a widget Qt has already styled is
        # styled again each time it moves into another parent (issue 13).
        kaart = Kaart(self)
        titel = QLabel("Gehoord en betrokkenen")
        titel.setObjectName("kop1")
        kaart.inhoud.addWidget(titel)
        kaart.inhoud.addWidget(uitleg(
            "Criterium 11: de cliënt (en vertegenwoordiger) gehoord, derden betrokken. Criterium 3: eerdere hulp "
            "geëvalueerd." + (" Wmo 2015 art. 2.3.2: het persoonlijk plan wordt meegenomen (lid 2) en de cliënt is vóór het "
                              "onderzoek gewezen op gratis cliëntondersteuning." if wet is Wet.WMO
                              else " Jeugd: de jeugdige gehoord (of waarom niet), gezin en gezag vastgelegd.")))
        self.nog = QLabel()
        self.nog.setWordWrap(True)
        self.nog.setObjectName("ontbreekt")
        kaart.inhoud.addWidget(self.nog)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        kaart.inhoud.addLayout(grid)
        self.editors: dict[str, QWidget] = {}
        self._rij = 0
        self._kol = 0

        def veld(key: str, label: str, editor: QWidget, *, breed: bool = False) -> None:
            if breed and self._kol:
                self._rij += 2
                self._kol = 0
            lab = QLabel(label)
            lab.setObjectName("veldlabel")
            lab.setBuddy(editor)
            lab.setWordWrap(True)
            lab.setMinimumWidth(150)
            lab.setMaximumWidth(200)
            fout = QLabel()
            fout.setObjectName("veldfout")
            fout.setWordWrap(True)
            fout.hide()
            c = self._kol * 2
            grid.addWidget(lab, self._rij, c, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(editor, self._rij, c + 1, 1, 3 if breed else 1)
            grid.addWidget(fout, self._rij + 1, c + 1, 1, 3 if breed else 1)
            editor.setAccessibleName(label.replace("&", ""))
            editor.setObjectName(f"gehoord_{key}")
            self.editors[key] = editor
            autosave.koppel(("gehoord", key), editor, fout)
            if breed or self._kol == 1:
                self._rij += 2
                self._kol = 0
            else:
                self._kol = 1

        veld("gesprek_datum", "Datu&m gesprek", DatumVeld())
        veld("gesprek_plaats", "&Plaats gesprek", QLineEdit())
        if wet is Wet.WMO:
            veld("client_gehoord", "&Cliënt gehoord", ja_nee_combo())
            veld("vertegenwoordiger_gehoord", "&Vertegenwoordiger gehoord", ja_nee_combo("Niet van toepassing / "
                                                                                          "nog niet ingevuld"))
            veld("reden_niet_gehoord", "&Waarom niet gehoord", _tekst(48), breed=True)
        else:
            veld("jeugdige_gehoord", "&Jeugdige gehoord", ja_nee_combo())
            veld("vertegenwoordiger_gehoord", "&Ouders / gezag gehoord", ja_nee_combo())
            veld("reden_niet_gehoord", "&Waarom jeugdige niet gehoord", _tekst(48), breed=True)
        veld("derden_geraadpleegd", "&Geraadpleegde derden", _tekst(48), breed=True)
        yield  # the fields in two parts of a few milliseconds each (issue 13)
        self.plan_termijn = QLabel()
        self.plan_termijn.setObjectName("veldhint")
        self.plan_termijn.setWordWrap(True)
        if wet is Wet.WMO:
            veld("persoonlijk_plan_ontvangen", "Persoonlijk plan o&ntvangen", DatumVeld())
            # The last day for the plan (art. 2.3.2 lid 2) beside the date it arrived.
            grid.addWidget(self.plan_termijn, self._rij, 2, 1, 2, Qt.AlignmentFlag.AlignVCenter)
            self._kol = 0
            self._rij += 2
            veld("persoonlijk_plan", "Persoonlijk plan: &inhoud en hoe meegenomen", _tekst(48), breed=True)
            # Wmo 2015 art. 2.3.2: before the investigation the client is told about free cliëntondersteuning.
            veld("clientondersteuning_gewezen", "Gewezen op gratis cliënt&ondersteuning", ja_nee_combo())
            veld("clientondersteuning_gewezen_op", "Datum gewe&zen", DatumVeld())
        else:
            veld("gezinsplan_verwacht", "Gezinsplan &verwacht", ja_nee_combo())
            self._kol = 0
            self._rij += 2
        veld("eerdere_hulp_evaluatie", "&Eerdere hulp en evaluatie", _tekst(58), breed=True)
        noot = QLabel("Alles wordt automatisch opgeslagen.")
        noot.setObjectName("veldhint")
        kaart.inhoud.addWidget(noot)
        lay.addWidget(kaart)
        yield

        rel = Kaart(self)
        rel.inhoud.addWidget(kop("Gezin en relaties" if wet is Wet.JEUGDWET else "Relaties en vertegenwoordiging",
                                 niveau=2))
        rel.inhoud.addWidget(uitleg("Gezinsleden, ouders met gezag en vertegenwoordigers staan in het dossier van de "
                                    "cliënt; voeg hier toe wie nog ontbreekt."))
        self.relaties = Tabel([
            Kolom("Naam", lambda r: r.naam, rek=True),
            Kolom("Relatie", lambda r: r.soort_label),
            Kolom("Gezag", lambda r: r.gezag, tekst=ja_nee),
            Kolom("Huishouden", lambda r: r.woont_in, tekst=ja_nee),
        ], rel, sorteerbaar=False)
        self.relaties.setMinimumHeight(90)
        self.relaties.setMaximumHeight(150)
        rel.inhoud.addWidget(self.relaties)
        self.relatie_knop = QPushButton("Gezinslid of relatie &toevoegen…" if wet is Wet.JEUGDWET
                                        else "Relatie &toevoegen…")
        self.relatie_knop.clicked.connect(self._relatie)
        rij = QHBoxLayout()
        rij.addWidget(self.relatie_knop)
        rij.addStretch(1)
        rel.inhoud.addLayout(rij)
        lay.addWidget(rel)
        lay.addStretch(1)

    def ververs(self, view: OnderzoekView) -> None:
        for key in self.editors:
            self.autosave.zet(("gehoord", key), getattr(view, key))
        if view.persoonlijk_plan_uiterlijk is not None:
            tekst = (f"Inleveren kan tot en met {formatting.datum(view.persoonlijk_plan_uiterlijk)}. "
                     f"{PERSOONLIJK_PLAN_GRONDSLAG}")
            ontvangen = view.persoonlijk_plan_ontvangen
            if ontvangen is not None and ontvangen > view.persoonlijk_plan_uiterlijk:
                tekst += " Dit plan kwam later binnen; neem het toch mee als dat kan."
            self.plan_termijn.setText(tekst)
        self.relaties.zet_rijen(view.relaties)
        self.zet_nog(view.ontbrekend)

    def zet_nog(self, ontbrekend: list[str]) -> None:
        regels = [r[len(KOP):] for r in ontbrekend if r.startswith(KOP)]
        if regels:
            self.nog.setText("<b>Nog nodig:</b><br>" + "<br>".join(f"• {r}" for r in regels))
            zet_stijl(self.nog, "color:#7a4d00;")
        else:
            self.nog.setText("<b>Compleet.</b>")
            zet_stijl(self.nog, "color:#1d5e31;")

    def _relatie(self) -> None:
        from ui.pages.dossier import RelatieDialog

        view = self.ctx.view
        if view is None:
            return
        dlg = RelatieDialog(self.ctx.shell, view.client_id, self, jeugd=self.wet is Wet.JEUGDWET)
        if dlg.exec():
            self.ctx.doe(lambda: True)

    def zet_bewerkbaar(self, ja: bool) -> None:
        for ed in self.editors.values():
            if isinstance(ed, QPlainTextEdit | QLineEdit):
                ed.setReadOnly(not ja)
            else:
                ed.setEnabled(ja)
        self.relatie_knop.setEnabled(ja)


class AfrondenSectie(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QVBoxLayout

        self.ctx = ctx
        self._c, self._a = ctx.shell.ctx, ctx.shell.actor
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(12)
        kaart = Kaart(self)
        titel = QLabel("Onderzoek afronden")
        titel.setObjectName("kop1")
        kaart.inhoud.addWidget(titel)
        self.uitleg = uitleg("Het onderzoek kan worden afgerond als alle zeven stappen compleet zijn (of niet van "
                             "toepassing met een reden) en vastligt wie er is gehoord. Daarna krijgt de cliënt het "
                             "verslag.")
        kaart.inhoud.addWidget(self.uitleg)
        self.lijst = QLabel()
        self.lijst.setObjectName("afrondenlijst")
        self.lijst.setWordWrap(True)
        self.lijst.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        kaart.inhoud.addWidget(self.lijst)
        rij = QHBoxLayout()
        self.knop = QPushButton("Onderzoek &afronden")
        self.knop.setObjectName("primair")
        self.knop.clicked.connect(self.afronden)
        rij.addWidget(self.knop)
        rij.addStretch(1)
        kaart.inhoud.addLayout(rij)
        lay.addWidget(kaart)

        self.reactie_kaart = Kaart(self)
        self.reactie_kaart.inhoud.addWidget(kop("Reactie van de cliënt en aanvraag", niveau=2))
        self.reactie_kaart.inhoud.addWidget(uitleg(
            "Leg vast wanneer het verslag is uitgereikt, of de cliënt het heeft ondertekend, zijn opmerkingen (die "
            "horen bij het dossier en de grondslag van het besluit) en de datum van de aanvraag. Daarmee start de "
            "beslistermijn."))
        f = self.form = Formulier(self.reactie_kaart, kolommen=2)
        self.reactie_kaart.inhoud.addWidget(f)
        f.voeg_toe("verslag_uitgereikt_op", "Verslag &uitgereikt op", DatumVeld())
        f.voeg_toe("aanvraag_datum", "Datum &aanvraag", DatumVeld())
        f.voeg_toe("getekend", "Verslag o&ndertekend", ja_nee_combo("Nog niet ingevuld"))
        f.voeg_toe("reactie_datum", "Datum &reactie", DatumVeld(), hint="Leeg: de dag van uitreiken.")
        f.voeg_toe("opmerkingen", "&Opmerkingen cliënt", _tekst(70), breed=True)
        self.aanvraag = QLabel()
        self.aanvraag.setObjectName("uitleg")
        self.aanvraag.setWordWrap(True)
        self.reactie_kaart.inhoud.addWidget(self.aanvraag)
        rij2 = QHBoxLayout()
        self.reactie_knop = QPushButton("Reactie en aanvraag &vastleggen")
        self.reactie_knop.setObjectName("primair")
        self.reactie_knop.clicked.connect(self.reactie)
        rij2.addWidget(self.reactie_knop)
        # Where the consultant is once the request is recorded: make the decision here (the Documenten screen can
        # do the same and more, e.g. another kind or Word); then "Ter toetsing aanbieden" in the bar above.
        self.beschikking_knop = QPushButton("Beschikking &maken")
        self.beschikking_knop.setToolTip("De concept-beschikking op deze aanvraag maken en bekijken (PDF)")
        self.beschikking_knop.clicked.connect(lambda: getattr(self.ctx, "maak_beschikking", lambda: None)())
        self.beschikking_knop.hide()
        rij2.addWidget(self.beschikking_knop)
        rij2.addStretch(1)
        self.reactie_kaart.inhoud.addLayout(rij2)
        lay.addWidget(self.reactie_kaart)
        lay.addStretch(1)

    def ververs(self, view: OnderzoekView) -> None:
        if view.wet == Wet.WMO.value and "2.3.2" not in self.uitleg.text():
            self.uitleg.setText(self.uitleg.text().rstrip(".") + " (Wmo 2015 art. 2.3.2 lid 8).")
        if view.afgerond:
            self.lijst.setText(f"<span style='color:#1d5e31'><b>Afgerond</b> op "
                               f"{formatting.datum(view.afgerond_op.date() if view.afgerond_op else None)}.</span>")
            self.knop.hide()
        elif view.ontbrekend:
            self.lijst.setText(f"<b>Nog nodig ({len(view.ontbrekend)}):</b><br>"
                               + "<br>".join(f"• {r}" for r in view.ontbrekend))
            zet_stijl(self.lijst, "color:#7a4d00;")
            self.knop.show()
        else:
            self.lijst.setText("<b>Alles is compleet.</b> U kunt het onderzoek afronden.")
            zet_stijl(self.lijst, "color:#1d5e31;")
            self.knop.show()
        self.reactie_kaart.setVisible(view.afgerond)
        a = view.aanvraag
        if a is not None and a.status != "concept":
            regel = termijnen.beslistermijn(view.wet)
            grond = f"{regel.artikel}: {regel.lengte}"
            soort = ZONDER_ONDERZOEK_TEKST if a.zonder_onderzoek else "Aanvraag"
            self.aanvraag.setText(f"<b>{soort}</b> van {formatting.datum(a.datum)}; beslissen uiterlijk "
                                  f"<b>{formatting.datum(a.beslistermijn_einde)}</b> ({grond}).")
            # A request filed before the investigation was completed keeps its date (and so its decision term).
            datum_ed = self.form.editor("aanvraag_datum")
            datum_ed.setEnabled(not a.zonder_onderzoek)
            datum_ed.setToolTip("De cliënt diende de aanvraag al in; die datum blijft staan." if a.zonder_onderzoek
                                else "")
            velden: dict[str, Any] = {"verslag_uitgereikt_op": a.verslag_uitgereikt_op, "aanvraag_datum": a.datum,
                                      "reactie_datum": a.reactie_datum}
            for naam, d in velden.items():
                ed = self.form.editor(naam)
                if isinstance(ed, DatumVeld) and not ed.text():
                    ed.zet_datum(d)
            from ui.widgets import kies

            kies(self.form.editor("getekend"), a.verslag_getekend)  # type: ignore[arg-type]
            op = self.form.editor("opmerkingen")
            if isinstance(op, QPlainTextEdit) and not op.toPlainText():
                op.setPlainText(a.reactie_opmerkingen or "")
        else:
            self.aanvraag.setText("Nog geen aanvraag vastgelegd.")
        b = view.beschikking
        kan_maken = view.afgerond and a is not None and a.status == "open" and b is None
        self.beschikking_knop.setVisible(kan_maken)
        # the next thing to do is the primary button: record the reaction, then make the decision, then (in the
        # bar above) offer it for review
        for knop, primair in ((self.reactie_knop, not kan_maken and b is None), (self.beschikking_knop, kan_maken)):
            if (knop.objectName() == "primair") != primair:
                knop.setObjectName("primair" if primair else "")
                knop.style().unpolish(knop)
                knop.style().polish(knop)
        if b is not None:
            self.aanvraag.setText(self.aanvraag.text() + f" Beschikking <b>{b.kenmerk}</b>: {b.status_label.lower()}"
                                  + (" (bied hem hierboven ter toetsing aan)." if b.status == "concept" else "."))

    def afronden(self) -> None:
        view = self.ctx.view
        if view is None:
            return
        self.ctx.doe(lambda: svc.rond_onderzoek_af(self._c, self._a, view.id) or True)

    def reactie(self) -> None:
        view = self.ctx.view
        w = self.form.lees()
        if view is None or w is None:
            return
        self.ctx.doe(lambda: svc.registreer_reactie(
            self._c, self._a, view.id, verslag_uitgereikt_op=w["verslag_uitgereikt_op"],
            aanvraag_datum=w["aanvraag_datum"], getekend=w["getekend"], opmerkingen=w["opmerkingen"],
            reactie_datum=w["reactie_datum"]), self.form)

