"""The dossier of one client: header, personal data (editable), relations, meldingen, requests and decisions,
provisions, documents and the history of who did what when. Opening it is recorded in the audit log."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from consulent_app import termijnen
from consulent_app.domain import (
    AuditActie,
    BeschikkingStatus,
    Besluit,
    Kanaal,
    Leveringsvorm,
    MeldingStatus,
    RelatieSoort,
    Rol,
    Wet,
)
from consulent_app.errors import ConflictFout, ConsulentFout, ValidatieFout
from consulent_app.rules.aanvraag import GRONDSLAG as AANVRAAG_GRONDSLAG
from consulent_app.rules.aanvraag import ZONDER_ONDERZOEK_TEKST
from consulent_app.services import dossiers
from consulent_app.services.dossiers import DOSSIER_LEZERS, DossierView, MeldingView, VoorzieningView
from consulent_app.termijnen import PERSOONLIJK_PLAN_GRONDSLAG
from ui.aanvraag_zonder_onderzoek import KNOP_TEKST, KNOP_UITLEG, aanvraag_dialoog
from ui.later_gebouwd import Beurten
from ui.ops import Wijziging
from ui.pages.base import ZAKEN, PageSpec, Shell, ouder, volg_wijziging
from ui.pages.nieuwe_client import CLIENT_VELDEN, client_formulier_in_delen, client_invoer, nieuwe_melding
from ui.tablemodels import Kolom, Tabel, bsn, datum_kort, ja_nee, label_uit, label_van, tijdstip
from ui.widgets import (
    DatumVeld,
    Formulier,
    InStappen,
    StatusPil,
    combo,
    ctrl_enter_bevestigt,
    een_keer_getekend,
    kop,
    laad,
    telt_als_tekenen,
    termijn_pil,
    uitleg,
)

VOORZIENING_STATUS = {"concept": "Concept", "besloten": "Besloten", "actief": "Actief", "beeindigd": "Beëindigd"}
AANVRAAG_STATUS = {"open": "Open, besluit nodig", "besloten": "Besloten", "ingetrokken": "Ingetrokken"}
BESCHIKKING_TYPE = {"aanvraag": "Op aanvraag", "herziening": "Herziening", "beeindiging": "Beëindiging"}
LEVERINGSVORM_KORT = {"zin": "ZIN", "pgb": "PGB"}
ACTIE = {
    AuditActie.LEZEN.value: "Geopend",
    AuditActie.AANMAKEN.value: "Aangemaakt",
    AuditActie.WIJZIGEN.value: "Gewijzigd",
    AuditActie.VERWIJDEREN.value: "Verwijderd",
    AuditActie.AFDRUKKEN.value: "Afgedrukt",
    AuditActie.VERZENDEN.value: "Verzonden",
    AuditActie.EXPORTEREN.value: "Geëxporteerd",
}
OBJECT = {
    "dossier": "Dossier", "client": "Persoonsgegevens", "relatie": "Relatie", "melding": "Melding",
    "onderzoek": "Onderzoek", "aanvraag": "Aanvraag", "voorziening": "Voorziening", "beschikking": "Beschikking",
    "document": "Document", "po": "Periodiek onderzoek", "periodiek_onderzoek": "Periodiek onderzoek",
}


def voorziening_status(v: VoorzieningView) -> str:
    """One word for where a provision stands; a refusal says so instead of its technical status."""
    if v.besluit == Besluit.AFGEWEZEN.label:
        return "Afgewezen"
    return label_uit(VOORZIENING_STATUS)(v.status)


def wat_tekst(wat: str) -> str:
    """'client 12 (voornamen,achternaam)' -> 'Persoonsgegevens (voornamen, achternaam)'."""
    soort, _, rest = wat.partition(" ")
    details = ""
    if "(" in rest:
        details = ", ".join(_detail(d) for d in rest[rest.index("(") + 1:].rstrip(")").split(",") if d.strip())
    naam = OBJECT.get(soort, soort.replace("_", " ").capitalize())
    return f"{naam} ({details})" if details else naam


def _detail(deel: str) -> str:
    """'soort=verslag' -> 'verslag', 'formaat=pdf' -> 'PDF', 'versie=1' -> 'versie 1': no code words on screen."""
    sleutel, is_, waarde = deel.strip().partition("=")
    if not is_:
        return sleutel.replace("_", " ")
    waarde = waarde.replace("_", " ")
    if sleutel == "formaat":
        return waarde.upper()
    if sleutel in ("soort", "status", "type", "wet", "velden"):
        return waarde
    return f"{sleutel.replace('_', ' ')} {waarde}"


class RelatieDialog(QDialog):
    def __init__(self, shell: Shell, client_id: int, parent: QWidget | None = None, *, jeugd: bool = False) -> None:
        """`jeugd`: for a Jeugdwet case the two boxes follow the kind chosen (a parent: with authority and of the
        household; a housemate or partner: of the household; a network member or representative: neither) until
        the consultant ticks one himself."""
        super().__init__(parent)
        self.shell, self.client_id = shell, client_id
        self.relatie_id: int | None = None
        self.setWindowTitle("Relatie toevoegen")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 18)
        f = self.form = Formulier()
        f.voeg_toe("soort", "&Soort", combo([(s.label, s.value) for s in RelatieSoort], leeg="Kies de soort relatie"))
        f.voeg_toe("naam", "&Naam", QLineEdit())
        f.voeg_toe("telefoon", "&Telefoon", QLineEdit())
        f.voeg_toe("email", "&E-mail", QLineEdit())
        self.gezag = QCheckBox("Ouder met gezag (Jeugdwet)")
        self.woont_in = QCheckBox("Hoort bij het huishouden")
        lay.addWidget(f)
        lay.addWidget(self.gezag)
        lay.addWidget(self.woont_in)
        if jeugd:
            aangeraakt: set[QCheckBox] = set()
            for vak in (self.gezag, self.woont_in):
                vak.clicked.connect(lambda _c, v=vak: aangeraakt.add(v))

            def volg_soort(_i: int) -> None:
                soort = f.editor("soort").currentData()  # type: ignore[attr-defined]
                if self.gezag not in aangeraakt:
                    self.gezag.setChecked(soort == RelatieSoort.OUDER.value)
                if self.woont_in not in aangeraakt:
                    self.woont_in.setChecked(soort in (RelatieSoort.OUDER.value, RelatieSoort.PARTNER.value,
                                                       RelatieSoort.HUISGENOOT.value))

            f.editor("soort").currentIndexChanged.connect(volg_soort)  # type: ignore[attr-defined]
        box = QDialogButtonBox()
        ok = box.addButton("Toe&voegen", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        ok.setObjectName("primair")
        box.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.opslaan)
        box.rejected.connect(self.reject)
        ctrl_enter_bevestigt(self, ok)
        lay.addWidget(box)

    def opslaan(self) -> None:
        w = self.form.lees()
        if w is None:
            return
        ctx, actor, cid = self.shell.ctx, self.shell.actor, self.client_id
        gezag, woont_in = self.gezag.isChecked(), self.woont_in.isChecked()

        fout = self.form.schrijffout(w, {"soort": "Kies de soort relatie."})

        def klaar(relatie_id: int) -> None:
            self.relatie_id = relatie_id
            self.accept()

        self.shell.ops.schrijf(self, lambda: dossiers.voeg_relatie_toe(
            ctx, actor, cid, soort=w["soort"] or "", naam=w["naam"] or "", telefoon=w["telefoon"], email=w["email"],
            gezag=gezag, woont_in=woont_in), klaar, fout=fout,
            wijziging=Wijziging.van("client", "relatie", client_id=cid))


#: The tabs, in order (Alt+1..7); each is built when first needed (`DossierPagina._bouw_tab`).
TABS = ("Persoonsgegevens", "Relaties", "Meldingen && onderzoeken", "Aanvragen && beschikkingen", "Voorzieningen",
        "Documenten", "Geschiedenis")
#: Which tab makes which attribute: asking for one before its tab is built builds that tab (`__getattr__`).
_TAB_VAN = {"form": 0, "opslaan_knop": 0, "herstel_knop": 0, "relaties": 1, "meldingen": 2, "onderzoek_knop": 2,
            "aanvraag_knop": 2, "aanvragen": 3, "beschikkingen": 3, "aanbied_knop": 3, "voorzieningen": 4,
            "aanpas_knop": 4, "documenten": 5, "document_knop": 5, "geschiedenis": 6}


def _lege_tab() -> QWidget:
    w = QWidget()
    lay = QVBoxLayout(w)
    lay.setContentsMargins(16, 14, 16, 12)
    lay.setSpacing(10)
    return w


def _tab(w: QWidget, *widgets: QWidget, knoppen: list[QPushButton] | None = None,
         uitlegtekst: str | None = None) -> QWidget:
    """Fill the tab page `w` (from `_lege_tab`, already in the tab widget): explanation and buttons, then `widgets`."""
    lay = w.layout()
    assert isinstance(lay, QVBoxLayout)
    if uitlegtekst or knoppen:
        rij = QHBoxLayout()
        if uitlegtekst:
            rij.addWidget(uitleg(uitlegtekst), 1)
        else:
            rij.addStretch(1)
        for k in knoppen or []:
            rij.addWidget(k)
        lay.addLayout(rij)
    for x in widgets:
        lay.addWidget(x, 1)
    return w


class DossierPagina(QWidget):
    geladen = Signal()

    def __init__(self, shell: Shell) -> None:
        super().__init__(ouder(shell))
        self.shell = shell
        self.client_id: int | None = None
        self.view: DossierView | None = None
        self.versie: int | None = None
        self.bezig = False  # reading, or filling the tabs with what was read
        self._leest = False
        self.mag_wijzigen = shell.actor.rol is Rol.CONSULENT
        self.aanpas_dialoog: QWidget | None = None

        lay = QVBoxLayout(self)
        lay.setContentsMargins(28, 20, 28, 14)
        lay.setSpacing(12)

        # Header: who is this, at a glance.
        kopregel = QHBoxLayout()
        links = QVBoxLayout()
        links.setSpacing(4)
        self.naam = kop("Dossier")
        self.naam.setObjectName("dossiernaam")
        self.gegevens = QLabel()
        self.gegevens.setObjectName("dossiergegevens")
        self.gegevens.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.adres = QLabel()
        self.adres.setObjectName("dossiergegevens")
        links.addWidget(self.naam)
        links.addWidget(self.gegevens)
        links.addWidget(self.adres)
        kopregel.addLayout(links, 1)
        self.communicatie = StatusPil("", "blauw")
        self.communicatie.hide()
        kopregel.addWidget(self.communicatie, 0, Qt.AlignmentFlag.AlignTop)
        self.nieuwe_melding_knop = QPushButton("Nieuwe &melding…")
        self.nieuwe_melding_knop.setObjectName("primair")
        self.nieuwe_melding_knop.clicked.connect(self._nieuwe_melding)
        self.nieuwe_melding_knop.setVisible(shell.actor.rol in (Rol.CONSULENT, Rol.PLANNER))
        kopregel.addWidget(self.nieuwe_melding_knop, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(kopregel)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("dossiertabs")
        self.tabs.setDocumentMode(True)
        lay.addWidget(self.tabs, 1)
        self.setFocusProxy(self.tabs)
        for pijl in self.tabs.tabBar().findChildren(QToolButton):  # its scroll arrows, shown when the tabs are cut off
            pijl.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # are no stop of Tab between the tab bar and the tab shown
        # Alt+1..7 jump to a tab; letters stay free for the form fields' mnemonics.
        self._tab_toetsen: list[QShortcut] = []

        self._tabpaginas: list[QWidget] = []
        for naam in TABS:
            pagina = _lege_tab()
            self._tabpaginas.append(pagina)
            self.tabs.addTab(pagina, naam)
        # Each tab is built when first needed (issue 13: building all seven made the window stand still 60-80 ms):
        # the one shown first, then the others, a part a turn of the event loop (the personal data in five parts,
        # a list tab a list a part and its buttons another), or at once when asked for in code. A tab the user picks
        # is built first, a part a turn from the turn after the click (built in the click's turn, a list tab and its
        # first paint stood the window still 11-17 ms).
        self._gebouwd: set[int] = set()
        self._delen: dict[int, Iterator[None]] = {}  # the parts still to build of a tab begun: one a next()
        self._bouwtimer = Beurten(self, self._bouw_volgende)  # a slice per turn of the event loop
        self._bouwtimer.start()
        # The data that came back fill the tab on screen at once, the other tabs built already a turn each.
        self._te_vullen: set[int] = set()
        self._vulstappen = InStappen(self)
        self.tabs.currentChanged.connect(self._tab_gekozen)
        self._maak_tab_sneltoetsen()

    def __getattr__(self, naam: str) -> Any:
        """A part of a tab not built yet (`self.meldingen`, `self.form`): the tab is built now."""
        tab = _TAB_VAN.get(naam)
        if tab is None or tab in self.__dict__.get("_gebouwd", {tab}):
            raise AttributeError(naam)
        self._bouw_tab(tab)
        return object.__getattribute__(self, naam)

    def _bouw_volgende(self) -> None:
        """One part of a tab per turn of the event loop: the tab shown first, then in order."""
        for i in (self.tabs.currentIndex(), *range(len(TABS))):
            if i not in self._gebouwd:
                self._bouw_tab(i, een_deel=True)
                return
        self._bouwtimer.stop()

    def _tab_delen(self, i: int) -> Iterator[None]:
        """The parts of tab `i` still to build: each next() builds one (a list tab's builder yields between them)."""
        if i not in self._delen:
            tab = self._tabpaginas[i]
            self._delen[i] = ((deel() for deel in self._persoonsgegevens_delen(tab)) if i == 0 else
                              (self._bouw_relaties, self._bouw_meldingen, self._bouw_aanvragen,
                               self._bouw_voorzieningen, self._bouw_documenten, self._bouw_geschiedenis)[i - 1](tab))
        return self._delen[i]

    def _bouw_tab(self, i: int, *, een_deel: bool = False) -> None:
        """Build tab `i` (what is left of it; `een_deel`: its next part only) and, when whole, fill it."""
        if i in self._gebouwd or not 0 <= i < len(TABS):
            return
        delen = self._tab_delen(i)
        for _deel in delen:
            if een_deel:
                return
        self._gebouwd.add(i)
        if len(self._gebouwd) == len(TABS):
            self._bouwtimer.stop()
        if self.view is not None:
            self._vul_nu(i)
        if i == 0:
            self._formblok.show()  # hidden while its fields were made: the form comes on screen whole, filled

    def _tab_gekozen(self, i: int) -> None:
        """The user picked tab `i` (a click, Alt+1..7): a tab not built yet is built a part a turn from the next
        turn on, before the other tabs (the click's turn paints the tab picked); a tab whose data are waiting to be
        filled is filled now."""
        if i in self._gebouwd:
            if i in self._te_vullen:
                self._vul_nu(i)
        else:
            self._bouwtimer.start()

    def _persoonsgegevens_delen(self, tab: QWidget) -> list[Callable[[], None]]:
        """The personal data in parts: the empty form hidden, its fields a few a part, then the buttons; the form
        is shown when whole (`_bouw_tab`)."""
        form, velden = client_formulier_in_delen(self.shell, met_team=False, parent=self._begin_persoonsgegevens(tab))
        self.form = form
        return [*velden, self._eind_persoonsgegevens]

    def _begin_persoonsgegevens(self, tab: QWidget) -> QWidget:
        # Made top-down, each part inside its parent already in the window: Qt styles a widget again each time it
        # moves into another parent.
        lay = tab.layout()
        assert lay is not None
        lay.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(tab)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        lay.addWidget(scroll)
        binnen = QWidget()
        binnen.setObjectName("formulierachtergrond")
        bl = QVBoxLayout(binnen)
        bl.setContentsMargins(16, 18, 16, 12)
        scroll.setWidget(binnen)
        blok = self._formblok = QWidget(binnen)
        blok.setObjectName("formulierachtergrond")
        blok.setMaximumWidth(1000)
        blok.hide()
        blok_lay = QVBoxLayout(blok)
        blok_lay.setContentsMargins(0, 0, 0, 0)
        blok_lay.setSpacing(14)
        bl.addWidget(blok)
        bl.addStretch(1)
        return blok

    def _eind_persoonsgegevens(self) -> None:
        blok_lay = self._formblok.layout()
        assert isinstance(blok_lay, QVBoxLayout)
        blok_lay.addWidget(self.form)
        for naam in CLIENT_VELDEN:
            ed = self.form.editors.get(naam)
            if ed is not None and not self.mag_wijzigen:
                ed.setEnabled(False)
        self.opslaan_knop = QPushButton("Wijzigingen &opslaan")
        self.opslaan_knop.setObjectName("primair")
        self.opslaan_knop.clicked.connect(self.opslaan)
        self.herstel_knop = QPushButton("Herste&llen")
        self.herstel_knop.setToolTip("Zet de velden terug op wat er is opgeslagen")
        self.herstel_knop.clicked.connect(self._vul_formulier)
        knoprij = QHBoxLayout()
        knoprij.addStretch(1)
        knoprij.addWidget(self.herstel_knop)
        knoprij.addWidget(self.opslaan_knop)
        blok_lay.addLayout(knoprij)
        for k in (self.opslaan_knop, self.herstel_knop):
            k.setVisible(self.mag_wijzigen)

    # A list tab's builder yields after each list it made (a part a turn, _tab_delen); its buttons and layout last.
    # Its lists become the page's attributes only then: asked for before (`self.voorzieningen`), the rest of the tab
    # is built at once and filled (__getattr__); never a list made but not filled.

    def _bouw_relaties(self, tab: QWidget) -> Iterator[None]:
        relaties = Tabel([
            Kolom("Soort", lambda r: r.soort, tekst=label_van(RelatieSoort)),
            Kolom("Naam", lambda r: r.naam, rek=True),
            Kolom("Telefoon", lambda r: r.telefoon),
            Kolom("Gezag", lambda r: r.gezag, tekst=ja_nee),
            Kolom("In huishouden", lambda r: r.woont_in, tekst=ja_nee),
        ], tab)
        relaties.setAccessibleName("Relaties")
        telt_als_tekenen(relaties.viewport())  # no step of the dossier's building in the turn of its paint
        yield
        self.relaties = relaties
        relatie_knop = QPushButton("&Relatie toevoegen…")
        relatie_knop.clicked.connect(self._relatie_toevoegen)
        relatie_knop.setVisible(self.mag_wijzigen)
        _tab(tab, self.relaties, knoppen=[relatie_knop], uitlegtekst="Huishouden, vertegenwoordigers en ouders met gezag.")
        self.relaties.zet_leeg_tekst("Nog geen relaties. Voeg hier huisgenoten, vertegenwoordigers en ouders met gezag "
                                     "toe.")

    def _bouw_meldingen(self, tab: QWidget) -> Iterator[None]:
        extra = self.shell.ctx.config.termijnen.gelijkgestelde_dagen

        def melding_pil(me: MeldingView) -> tuple[str, str]:
            if me.status in (MeldingStatus.AFGEROND.value, MeldingStatus.INGETROKKEN.value):
                return ("–", "")
            if me.aanvraag_zonder_onderzoek_id is not None:  # art. 2.3.5 lid 2 Wmo: the decision term runs now
                return ("aanvraag ingediend", "blauw")
            return termijn_pil(me.onderzoekstermijn_einde, None, extra)

        def persoonlijk_plan(me: MeldingView) -> str:
            if me.persoonlijk_plan_ontvangen is not None:
                return f"ontvangen {datum_kort(me.persoonlijk_plan_ontvangen)}"
            return f"kan tot {datum_kort(me.persoonlijk_plan_uiterlijk)}" if me.persoonlijk_plan_uiterlijk else ""

        meldingen = Tabel([
            Kolom("Gemeld op", lambda me: me.datum, tekst=datum_kort),
            Kolom("Wet", lambda me: me.wet, tekst=label_van(Wet)),
            Kolom("Kanaal", lambda me: me.kanaal, tekst=label_van(Kanaal)),
            Kolom("Vraag", lambda me: me.vraag, rek=True, tooltip=lambda me: me.vraag),
            Kolom("Status", lambda me: me.status, tekst=label_van(MeldingStatus)),
            Kolom("Consulent", lambda me: me.consulent),
            Kolom("Uiterlijk", lambda me: me.onderzoekstermijn_einde, tekst=datum_kort),
            Kolom("Termijn", lambda me: melding_pil(me)[0], pil=lambda me: melding_pil(me)[1] or None),
            Kolom("Persoonlijk plan", persoonlijk_plan, min_breedte=130,
                  tooltip=lambda me: PERSOONLIJK_PLAN_GRONDSLAG if me.persoonlijk_plan_uiterlijk else None),
        ], tab)
        meldingen.setAccessibleName("Meldingen")
        telt_als_tekenen(meldingen.viewport())  # no step of the dossier's building in the turn of its paint
        yield
        self.meldingen = meldingen
        self.onderzoek_knop = QPushButton("&Onderzoek openen")
        self.onderzoek_knop.clicked.connect(self._open_onderzoek)
        self.onderzoek_knop.setVisible(self._heeft("onderzoek"))
        self.meldingen.rij_geopend.connect(lambda _me: self._open_onderzoek())
        self.meldingen.selectionModel().currentRowChanged.connect(lambda *_a: self._onderzoek_knop_bijwerken())
        nieuwe = QPushButton("Nieuwe melding…")
        nieuwe.clicked.connect(self._nieuwe_melding)
        nieuwe.setVisible(self.shell.actor.rol in (Rol.CONSULENT, Rol.PLANNER))
        self.aanvraag_knop = QPushButton(KNOP_TEKST)
        self.aanvraag_knop.setToolTip(KNOP_UITLEG)
        self.aanvraag_knop.clicked.connect(self._aanvraag_zonder_onderzoek)
        self.aanvraag_knop.setVisible(self.shell.actor.rol is Rol.CONSULENT)
        self.aanvraag_knop.setEnabled(False)
        _tab(tab, self.meldingen, knoppen=[self.onderzoek_knop, self.aanvraag_knop, nieuwe],
             uitlegtekst=f"Elke melding met haar wettelijke onderzoekstermijn (Wmo: {termijnen.ONDERZOEK_WMO.lengte}).")
        self.meldingen.zet_leeg_tekst("Nog geen meldingen. Met een nieuwe melding start de onderzoekstermijn.")

    def _bouw_aanvragen(self, tab: QWidget) -> Iterator[None]:
        aanvragen = Tabel([
            Kolom("Aanvraag van", lambda a: a.datum, tekst=datum_kort),
            Kolom("Wet", lambda a: a.wet, tekst=label_van(Wet)),
            Kolom("Soort", lambda a: ZONDER_ONDERZOEK_TEKST if a.zonder_onderzoek else "Aanvraag", rek=True,
                  tooltip=lambda a: AANVRAAG_GRONDSLAG if a.zonder_onderzoek else None),
            Kolom("Status", lambda a: a.status, tekst=label_uit(AANVRAAG_STATUS)),
            Kolom("Beslissen uiterlijk", lambda a: a.beslistermijn_einde, tekst=datum_kort),
        ], tab)
        aanvragen.setAccessibleName("Aanvragen")
        telt_als_tekenen(aanvragen.viewport())  # no step of the dossier's building in the turn of its paint
        yield
        beschikkingen = Tabel([
            Kolom("Kenmerk", lambda b: b.kenmerk),
            Kolom("Soort", lambda b: b.type, tekst=label_uit(BESCHIKKING_TYPE)),
            Kolom("Status", lambda b: b.status, tekst=label_van(BeschikkingStatus), rek=True),
            Kolom("Goedgekeurd op", lambda b: b.datum, tekst=datum_kort),
            Kolom("Verzonden op", lambda b: b.verzonden_op, tekst=datum_kort),
            Kolom("Bezwaar mogelijk tot", lambda b: b.bezwaartermijn_einde, tekst=datum_kort),
        ], tab)
        beschikkingen.setAccessibleName("Beschikkingen")
        telt_als_tekenen(beschikkingen.viewport())  # no step of the dossier's building in the turn of its paint
        yield
        self.aanvragen = aanvragen
        self.beschikkingen = beschikkingen
        abl = tab.layout()
        assert isinstance(abl, QVBoxLayout)
        abl.setSpacing(8)
        abl.addWidget(kop("Aanvragen", niveau=2))
        abl.addWidget(self.aanvragen, 1)
        bkop = QHBoxLayout()
        bkop.addWidget(kop("Beschikkingen", niveau=2), 1)
        # Where the consultant is when the documents are ready: offer the selected decision for review here.
        from ui.toetsing_aanbieden import KNOP_TEKST as AANBIED_TEKST
        from ui.toetsing_aanbieden import KNOP_UITLEG as AANBIED_UITLEG

        self.aanbied_knop = QPushButton(AANBIED_TEKST)
        self.aanbied_knop.setToolTip(AANBIED_UITLEG)
        self.aanbied_knop.clicked.connect(self._bied_aan)
        self.aanbied_knop.setVisible(self.shell.actor.rol is Rol.CONSULENT)
        self.aanbied_knop.setEnabled(False)
        bkop.addWidget(self.aanbied_knop)
        abl.addLayout(bkop)
        abl.addWidget(self.beschikkingen, 1)
        self.beschikkingen.selectionModel().currentRowChanged.connect(lambda *_a: self._aanbied_knop_bijwerken())
        self.aanvragen.zet_leeg_tekst("Nog geen aanvragen. Een aanvraag volgt op het verslag van een onderzoek.")
        self.beschikkingen.zet_leeg_tekst("Nog geen beschikkingen.")

    def _bouw_voorzieningen(self, tab: QWidget) -> Iterator[None]:
        voorzieningen = Tabel([
            Kolom("Product", lambda v: v.product, rek=True, tooltip=lambda v: f"{v.product} ({v.productcategorie})"),
            Kolom("Omvang", lambda v: v.omvang),
            Kolom("Start", lambda v: v.startdatum, tekst=datum_kort),
            Kolom("Eind", lambda v: v.einddatum, tekst=lambda d: datum_kort(d) if d else "onbepaald",
                  min_breedte=100),
            Kolom("PO gepland", lambda v: v.po_datum, tekst=datum_kort),
            Kolom("Vorm", lambda v: v.leveringsvorm, tekst=label_uit(LEVERINGSVORM_KORT),
                  tooltip=lambda v: Leveringsvorm(v.leveringsvorm).label if v.leveringsvorm in ("zin", "pgb") else None),
            Kolom("Aanbieder", lambda v: v.aanbieder, tooltip=lambda v: v.aanbieder),
            Kolom("Status", voorziening_status, tooltip=lambda v: f"Besluit: {v.besluit}"),
            Kolom("Zorg volgens aanbieder", lambda v: v.zorg or "–",
                  tooltip=lambda v: "Uit de berichten van de aanbieder (start zorg 305, stop zorg 307)"),
        ], tab)
        voorzieningen.setAccessibleName("Voorzieningen")
        telt_als_tekenen(voorzieningen.viewport())  # no step of the dossier's building in the turn of its paint
        yield
        self.voorzieningen = voorzieningen
        # A provision of an open change request after a PO (status concept) is adjusted in ui/voorziening_dialoog.
        self.aanpas_knop = QPushButton("Voorziening aan&passen…")
        self.aanpas_knop.setToolTip("Voor een voorziening van een nieuwe aanvraag na een periodiek onderzoek.")
        self.aanpas_knop.clicked.connect(self._pas_voorziening_aan)
        self.aanpas_knop.setVisible(self.shell.actor.rol is Rol.CONSULENT)
        self.aanpas_knop.setEnabled(False)
        self.voorzieningen.selectionModel().currentRowChanged.connect(lambda *_a: self._aanpas_knop_bijwerken())
        self.voorzieningen.rij_geopend.connect(lambda _v: self._pas_voorziening_aan())
        _tab(tab, self.voorzieningen, knoppen=[self.aanpas_knop],
             uitlegtekst="Maatwerkvoorzieningen en individuele voorzieningen: wat, hoeveel, hoe lang, in natura (ZIN) "
                         "of als persoonsgebonden budget (PGB).")
        self.voorzieningen.zet_leeg_tekst("Nog geen voorzieningen. Toegekende voorzieningen verschijnen hier.")

    def _bouw_documenten(self, tab: QWidget) -> Iterator[None]:
        documenten = Tabel([
            Kolom("Titel", lambda d: d.titel, rek=True),
            Kolom("Soort", lambda d: d.soort, tekst=lambda s: str(s).capitalize()),
            Kolom("Formaat", lambda d: d.formaat, tekst=lambda s: str(s).upper()),
            Kolom("Versie", lambda d: d.versie_nr, rechts=True),
            Kolom("Datum op de brief", lambda d: d.briefdatum, tekst=datum_kort),
            Kolom("Gemaakt op", lambda d: d.aangemaakt_op, tekst=tijdstip),
        ], tab)
        documenten.setAccessibleName("Documenten")
        telt_als_tekenen(documenten.viewport())  # no step of the dossier's building in the turn of its paint
        yield
        self.documenten = documenten
        self.documenten.rij_geopend.connect(self._toon_document)
        self.document_knop = QPushButton("&Verslag of beschikking maken…")
        self.document_knop.setToolTip("Opent het scherm Documenten voor deze cliënt")
        self.document_knop.clicked.connect(self._open_documenten)
        _tab(tab, self.documenten, knoppen=[self.document_knop],
             uitlegtekst="Verslagen, beschikkingen en bijlagen. Een nieuwe versie vervangt nooit een oude. Dubbelklik "
                         "of Enter opent een voorbeeld.")
        self.documenten.zet_leeg_tekst("Nog geen documenten. Verslagen en beschikkingen die u maakt, verschijnen hier.")

    def _bouw_geschiedenis(self, tab: QWidget) -> Iterator[None]:
        geschiedenis = Tabel([
            Kolom("Wanneer", lambda e: e.tijdstip, tekst=tijdstip),
            Kolom("Wie", lambda e: e.wie),
            Kolom("Wat", lambda e: e.actie, tekst=lambda a: ACTIE.get(a, str(a).replace("_", " ").capitalize()),
                  min_breedte=120),
            Kolom("Onderdeel", lambda e: wat_tekst(e.wat), rek=True),
        ], tab)
        geschiedenis.setAccessibleName("Geschiedenis")
        telt_als_tekenen(geschiedenis.viewport())  # no step of the dossier's building in the turn of its paint
        yield
        self.geschiedenis = geschiedenis
        _tab(tab, self.geschiedenis, uitlegtekst="Wie heeft dit dossier wanneer geopend of gewijzigd. De inhoud van "
                                                 "wijzigingen staat niet in het logboek, alleen welke velden.")
        self.geschiedenis.zet_leeg_tekst("Nog niets vastgelegd. Wie het dossier opent of wijzigt, verschijnt hier.")

    def _maak_tab_sneltoetsen(self) -> None:
        for i in range(self.tabs.count()):
            sc = QShortcut(QKeySequence(f"Alt+{i + 1}"), self)
            sc.activated.connect(functools.partial(self.tabs.setCurrentIndex, i))
            self.tabs.setTabToolTip(i, f"Alt+{i + 1}")
            self._tab_toetsen.append(sc)

    # --- loading -------------------------------------------------------------------------------------------------

    def _heeft(self, key: str) -> bool:
        return bool(getattr(self.shell, "heeft_pagina", lambda _k: False)(key))

    def toon(self, client_id: int | None = None, **_params: Any) -> None:
        if client_id is not None and client_id != self.client_id:
            self.client_id = client_id
            self.tabs.setCurrentIndex(0)
            self._getoond = None  # another client: the form shows his data, whatever it showed before
            if 0 in self._gebouwd:
                self.form.wis_fouten()
        self.vernieuw()

    def bij_wijziging(self, w: Any) -> None:
        """Another screen changed this client's file (a decision sent, a case assigned, a relation): read it again;
        while the personal data have unsaved input, only when the dossier is shown next."""
        if self.client_id is not None:
            volg_wijziging(self, w, ZAKEN | {"client", "relatie", "document"}, client_id=self.client_id,
                           houd_vast=self.formulier_gewijzigd())

    def _getypt_niet_opgeslagen(self) -> bool:
        return getattr(self, "_getoond", None) is not None and self._form_teksten() != self._getoond

    def formulier_gewijzigd(self) -> bool:
        """Is there typed input in the personal data that is not saved?"""
        return self.view is not None and 0 in self._gebouwd and self._form_teksten() != getattr(self, "_getoond", None)

    def _form_teksten(self) -> dict[str, object]:
        uit: dict[str, object] = {}
        for naam in CLIENT_VELDEN:
            ed = self.form.editors.get(naam)
            if isinstance(ed, QLineEdit):
                uit[naam] = ed.text()
            elif isinstance(ed, QPlainTextEdit):
                uit[naam] = ed.toPlainText()
            elif ed is not None:
                uit[naam] = ed.currentData()  # type: ignore[attr-defined]
        return uit

    def vernieuw(self) -> None:
        if self.client_id is None:
            return
        cid = self.client_id
        self._leest = self.bezig = True
        laad(self, lambda: dossiers.open_dossier(self.shell.ctx, self.shell.actor, cid), self._geladen, self._fout)

    def _fout(self, msg: str) -> None:
        self._leest = False
        self._zet_bezig()
        self.shell.melding(msg, fout=True)

    def _zet_bezig(self) -> None:
        self.bezig = self._leest or bool(self._te_vullen)

    def _geladen(self, view: DossierView) -> None:
        self._leest = False
        if view.client_id != self.client_id:
            self._zet_bezig()
            return
        self.view = view
        self.versie = view.versie
        self.naam.setText(view.naam)
        delen = [f"BSN {bsn(view.bsn)}", f"geboren {datum_kort(view.geboortedatum)} ({view.leeftijd} jaar)"]
        if view.team:
            delen.append(view.team)
        self.gegevens.setText("   ·   ".join(delen))
        adres = " ".join(p for p in (view.straat, view.huisnummer) if p)
        plaats = " ".join(p for p in (view.postcode, view.woonplaats) if p)
        contact = "   ·   ".join(p for p in (", ".join(x for x in (adres, plaats) if x), view.telefoon, view.email) if p)
        self.adres.setText(contact or "Geen adres vastgelegd")
        if view.communicatie:
            eerste = view.communicatie.splitlines()[0]
            self.communicatie.zet(eerste if len(eerste) <= 60 else eerste[:58] + "…", "blauw")  # a whole sentence fits
            self.communicatie.setToolTip("Communicatie: " + view.communicatie)
            self.communicatie.show()
        else:
            self.communicatie.hide()
        # The tab on screen (and the personal data, whose shown values say what is unsaved) now; the other tabs built
        # already a turn each after it (issue 13: the six lists and the form in one turn stood the window still), or
        # at once when picked; a tab not built yet is filled when it is.
        self._te_vullen = set(self._gebouwd)
        for i in sorted(self._gebouwd & {0, self.tabs.currentIndex()}):
            self._te_vullen.discard(i)
            self._vul_tab(i, view)
        for i in sorted(self._te_vullen):
            self._vulstappen.voeg_toe(functools.partial(self._vul_later, i, view))
        self._zet_bezig()
        self.tabs.setTabText(1, f"Relaties ({len(view.relaties)})")
        self.tabs.setTabText(2, f"Meldingen && onderzoeken ({len(view.meldingen)})")
        self.tabs.setTabText(3, f"Aanvragen && beschikkingen ({len(view.beschikkingen)})")
        self.tabs.setTabText(4, f"Voorzieningen ({len(view.voorzieningen)})")
        self.tabs.setTabText(5, f"Documenten ({len(view.documenten)})")
        self.geladen.emit()

    def _vul_later(self, i: int, view: DossierView) -> None:
        if i in self._te_vullen and view is self.view:
            self._vul_nu(i)
            InStappen.beurt_vol()

    def _vul_nu(self, i: int) -> None:
        """Fill built tab `i` with the dossier read (a tab whose filling was waiting)."""
        self._te_vullen.discard(i)
        self._zet_bezig()
        if self.view is not None:
            self._vul_tab(i, self.view)

    def _vul_tab(self, i: int, view: DossierView) -> None:
        if i == 0:
            if self._getypt_niet_opgeslagen():
                # Typed and not saved (or refused, with its message at the field): a read coming in meanwhile (a
                # colleague's change, F5) leaves it as typed; saving it then meets the newer version as a
                # conflict, "Herstellen" puts the stored values back. Nothing typed is overwritten.
                return
            self._vul_formulier()
        elif i == 1:
            self._zet_rijen(self.relaties, view.relaties)
        elif i == 2:
            self._zet_rijen(self.meldingen, view.meldingen)
            self._onderzoek_knop_bijwerken()
        elif i == 3:
            self._zet_rijen(self.aanvragen, view.aanvragen)
            self._zet_rijen(self.beschikkingen, view.beschikkingen)
            self._aanbied_knop_bijwerken()
        elif i == 4:
            self._zet_rijen(self.voorzieningen, view.voorzieningen)
            self._aanpas_knop_bijwerken()
        elif i == 5:
            self._zet_rijen(self.documenten, view.documenten)
        elif i == 6:
            self._zet_rijen(self.geschiedenis, view.geschiedenis)

    @staticmethod
    def _zet_rijen(tabel: Tabel, rijen: list[Any]) -> None:
        with een_keer_getekend(tabel):  # a list on screen: its rows and column widths painted once, not twice
            tabel.zet_rijen(rijen)

    def _vul_formulier(self) -> None:
        v = self.view
        if v is None:
            return
        self.form.wis_fouten()
        for naam in CLIENT_VELDEN:
            ed = self.form.editors.get(naam)
            if ed is None:
                continue
            waarde = getattr(v, naam, None)
            if isinstance(ed, DatumVeld):
                ed.zet_datum(waarde)
            elif isinstance(ed, QLineEdit):
                ed.setText(bsn(waarde) if naam == "bsn" and waarde else (waarde or ""))
            elif isinstance(ed, QPlainTextEdit):
                ed.setPlainText(waarde or "")
            else:
                i = ed.findData(waarde)  # type: ignore[attr-defined]
                ed.setCurrentIndex(max(i, 0))  # type: ignore[attr-defined]
        self._getoond = self._form_teksten()

    # --- actions -------------------------------------------------------------------------------------------------

    def opslaan(self) -> None:
        if self.client_id is None or self.versie is None:
            return
        waarden = self.form.lees()
        if waarden is None:
            return
        ctx, actor, cid, versie, invoer = self.shell.ctx, self.shell.actor, self.client_id, self.versie, \
            client_invoer(waarden)

        def fout(exc: BaseException) -> bool:
            if isinstance(exc, ValidatieFout):
                self.form.toon_validatiefout(exc)
                self.shell.melding("Niet opgeslagen: verbeter de velden met een melding.", fout=True)
                return True
            if isinstance(exc, ConflictFout):
                self.form.toon_fouten({"_": str(exc)})
                self.shell.melding("Niet opgeslagen: iemand anders heeft het dossier intussen gewijzigd.", fout=True)
                return True
            if isinstance(exc, ConsulentFout):
                self.form.toon_fouten({"_": str(exc)})
                return True
            return False

        opgeslagen = self._form_teksten()

        def klaar(nieuwe_versie: int) -> None:
            self.versie = nieuwe_versie
            self._getoond = opgeslagen  # what was saved is what is stored now: the read after it shows it
            self.shell.melding("Persoonsgegevens opgeslagen.")
            self.vernieuw()

        # Off the GUI thread, in order with the other writes (ui.ops); the form keeps what was typed on failure.
        self.shell.ops.schrijf(self, lambda: dossiers.wijzig_client(ctx, actor, cid, invoer, versie=versie), klaar,
                               fout=fout, wijziging=Wijziging.van("client", client_id=cid, bron=self))

    def _relatie_toevoegen(self) -> None:
        if self.client_id is None:
            return
        dlg = RelatieDialog(self.shell, self.client_id, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.shell.melding("Relatie toegevoegd.")
            self.vernieuw()

    def _nieuwe_melding(self) -> None:
        if self.client_id is None or self.view is None:
            return
        from consulent_app.rules.wetkeuze import standaard_wet

        wet = standaard_wet(self.view.geboortedatum, dt.date.today(), wet_consulent=self.shell.actor.wet).value
        if nieuwe_melding(self.shell, self.client_id, self.view.naam, self, wet=wet) is not None:
            self.tabs.setCurrentIndex(2)
            self.vernieuw()

    def _onderzoek_knop_bijwerken(self) -> None:
        me = self.meldingen.huidige_rij()
        self.aanvraag_knop.setEnabled(me is not None and me.aanvraag_mogelijk)
        if me is None:
            self.onderzoek_knop.setEnabled(False)
            return
        gesloten = me.status in (MeldingStatus.AFGEROND.value, MeldingStatus.INGETROKKEN.value)
        self.onderzoek_knop.setText("&Onderzoek openen" if me.onderzoek_id else "&Onderzoek starten")
        self.onderzoek_knop.setEnabled(me.onderzoek_id is not None or not gesloten)

    def _aanvraag_zonder_onderzoek(self) -> None:
        """Wmo 2015 art. 2.3.5 lid 2: the client files the aanvraag after the investigation term passed."""
        me = self.meldingen.huidige_rij()
        if me is None or self.view is None or not me.aanvraag_mogelijk or self.shell.actor.rol is not Rol.CONSULENT:
            return
        def klaar(_aanvraag_id: int) -> None:
            self.tabs.setCurrentIndex(3)
            self.vernieuw()

        self.aanvraag_dialoog = aanvraag_dialoog(self.shell, self, melding_id=me.id, client=self.view.naam,
                                                 client_id=self.view.client_id,
                                                 onderzoekstermijn_einde=me.onderzoekstermijn_einde,
                                                 modaal=not getattr(self, "niet_modaal", False), na=klaar)

    def _toon_document(self, doc: object) -> None:
        from ui.document_preview import toon_document

        toon_document(self, doc.id, self.shell.ctx, self.shell.actor)  # type: ignore[attr-defined]  # read off the GUI thread

    def _aanbied_knop_bijwerken(self) -> None:
        b = self.beschikkingen.huidige_rij()
        self.aanbied_knop.setEnabled(b is not None and b.status in (BeschikkingStatus.CONCEPT.value,
                                                                    BeschikkingStatus.TERUGGESTUURD.value))

    def _bied_aan(self) -> None:
        b = self.beschikkingen.huidige_rij()
        if b is None or self.shell.actor.rol is not Rol.CONSULENT:
            return
        from ui.toetsing_aanbieden import bied_aan

        bied_aan(self.shell, self, beschikking_id=b.id, kenmerk=b.kenmerk, na=self.vernieuw)

    def _open_documenten(self) -> None:
        if self.client_id is not None and self._heeft("documenten"):
            self.shell.open_page("documenten", client_id=self.client_id)

    def _aanpas_knop_bijwerken(self) -> None:
        v = self.voorzieningen.huidige_rij()
        self.aanpas_knop.setEnabled(v is not None and v.status == "concept")

    def _pas_voorziening_aan(self) -> None:
        v = self.voorzieningen.huidige_rij()
        if v is None or v.status != "concept" or self.shell.actor.rol is not Rol.CONSULENT:
            return
        from ui.voorziening_dialoog import pas_voorzieningen_aan

        def klaar(dlg: QWidget) -> None:
            self.aanpas_dialoog = dlg

        self.aanpas_dialoog = None
        pas_voorzieningen_aan(self.shell, v.aanvraag_id, self, na=self.vernieuw,
                              modaal=not getattr(self, "niet_modaal", False), klaar=klaar)

    def _open_onderzoek(self) -> None:
        """Hook for the investigation screen (another module): open it when it exists."""
        me = self.meldingen.huidige_rij()
        if me is None or not self._heeft("onderzoek") or not self.onderzoek_knop.isEnabled():
            return
        if me.onderzoek_id is not None:
            self.shell.open_page("onderzoek", onderzoek_id=me.onderzoek_id)
        else:
            self.shell.open_page("onderzoek", melding_id=me.id)


PAGE = PageSpec(key="dossier", titel="Dossier", rollen=DOSSIER_LEZERS, maak=DossierPagina, volgorde=90,
                in_menu=False)
