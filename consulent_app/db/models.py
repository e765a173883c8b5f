"""SQLAlchemy 2 typed models: the storage shape of the domain, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, Decimal: Numeric(12, 2)}


class Versioned:
    """Optimistic locking: every UPDATE checks and bumps `versie`, so a lost update is impossible."""

    versie: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.versie}


gebruiker_team = Table(
    "gebruiker_team",
    Base.metadata,
    Column("gebruiker_id", ForeignKey("gebruiker.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", ForeignKey("team.id", ondelete="CASCADE"), primary_key=True),
)

# The provider register's contracts: which provider delivers which of the municipality's products (step 7 offers
# the contracted providers of the chosen product, and preselects the one when there is one).
aanbieder_product = Table(
    "aanbieder_product",
    Base.metadata,
    Column("aanbieder_id", ForeignKey("aanbieder.id", ondelete="CASCADE"), primary_key=True),
    Column("product_id", ForeignKey("product.id", ondelete="CASCADE"), primary_key=True, index=True),
)

voorziening_behoefte = Table(
    "voorziening_behoefte",
    Base.metadata,
    Column("voorziening_id", ForeignKey("voorziening.id", ondelete="CASCADE"), primary_key=True),
    Column("behoefte_id", ForeignKey("behoefte.id", ondelete="CASCADE"), primary_key=True),
)

voorziening_resultaat = Table(
    "voorziening_resultaat",
    Base.metadata,
    Column("voorziening_id", ForeignKey("voorziening.id", ondelete="CASCADE"), primary_key=True),
    Column("resultaat_id", ForeignKey("gewenst_resultaat.id", ondelete="CASCADE"), primary_key=True),
)


class Team(Base):
    __tablename__ = "team"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    naam: Mapped[str] = mapped_column(String(120))


class Gebruiker(Versioned, Base):
    __tablename__ = "gebruiker"
    id: Mapped[int] = mapped_column(primary_key=True)
    gebruikersnaam: Mapped[str] = mapped_column(String(60), unique=True)
    naam: Mapped[str] = mapped_column(String(120))
    rol: Mapped[str] = mapped_column(String(20), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    contracturen: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    nevenuren: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))
    # The law a consultant works under (Wet), the default of a new melding; None: both laws (Wmo unless a child).
    wet: Mapped[str | None] = mapped_column(String(10))
    wachtwoord_hash: Mapped[str] = mapped_column(String(255))
    moet_wachtwoord_wijzigen: Mapped[bool] = mapped_column(Boolean, default=False)
    mislukte_pogingen: Mapped[int] = mapped_column(Integer, default=0)
    geblokkeerd_tot: Mapped[dt.datetime | None] = mapped_column(DateTime)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)

    team: Mapped[Team | None] = relationship(foreign_keys=[team_id])
    bediende_teams: Mapped[list[Team]] = relationship(secondary=gebruiker_team)


class Aanbieder(Base):
    __tablename__ = "aanbieder"
    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200), index=True)
    agb_code: Mapped[str | None] = mapped_column(String(8), unique=True)
    plaats: Mapped[str | None] = mapped_column(String(100))
    actief: Mapped[bool] = mapped_column(Boolean, default=True)


class Product(Base):
    """The municipality's own product catalogue, below a national product category."""

    __tablename__ = "product"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    wet: Mapped[str] = mapped_column(String(10), index=True)
    productcategorie: Mapped[str] = mapped_column(String(4), index=True)
    niveau: Mapped[str | None] = mapped_column(String(20))  # arrangement level: laag/midden/hoog
    tarief: Mapped[Decimal] = mapped_column(Numeric(10, 2))  # euro per eenheid
    eenheid: Mapped[str] = mapped_column(String(4))  # WJ756
    plan_nodig: Mapped[bool] = mapped_column(Boolean, default=False)  # plan van aanpak / gezinsplan
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    istandaard_code: Mapped[str | None] = mapped_column(String(5))  # Product/Code in iWmo/iJw messages
    # What a letter counts when the unit is pieces (WJ756 82/84): "1 scootmobiel", "1.500 kilometer"
    # (rules/omvang.py); empty: one piece is named after the product, more are "stuks".
    telwoord: Mapped[str | None] = mapped_column(String(60))
    telwoord_meervoud: Mapped[str | None] = mapped_column(String(60))


class Client(Versioned, Base):
    __tablename__ = "client"
    id: Mapped[int] = mapped_column(primary_key=True)
    bsn: Mapped[str] = mapped_column(String(9), unique=True)
    voornamen: Mapped[str] = mapped_column(String(200))
    tussenvoegsel: Mapped[str | None] = mapped_column(String(20))
    achternaam: Mapped[str] = mapped_column(String(200), index=True)
    geboortedatum: Mapped[dt.date] = mapped_column(Date)
    geslacht: Mapped[str | None] = mapped_column(String(1))
    straat: Mapped[str | None] = mapped_column(String(200))
    huisnummer: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str | None] = mapped_column(String(7), index=True)
    woonplaats: Mapped[str | None] = mapped_column(String(100))
    telefoon: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    communicatie: Mapped[str | None] = mapped_column(Text)  # communication needs: tolk, grote letters, ...
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    team: Mapped[Team | None] = relationship()
    relaties: Mapped[list[Relatie]] = relationship(back_populates="client", cascade="all, delete-orphan")


class Relatie(Base):
    __tablename__ = "relatie"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"), index=True)
    soort: Mapped[str] = mapped_column(String(30))
    naam: Mapped[str] = mapped_column(String(200))
    telefoon: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    gezag: Mapped[bool] = mapped_column(Boolean, default=False)  # parent with authority (Jeugdwet)
    woont_in: Mapped[bool] = mapped_column(Boolean, default=False)  # part of the household
    opmerking: Mapped[str | None] = mapped_column(Text)

    client: Mapped[Client] = relationship(back_populates="relaties")


class Melding(Versioned, Base):
    __tablename__ = "melding"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    wet: Mapped[str] = mapped_column(String(10))
    soort: Mapped[str] = mapped_column(String(20), default="nieuw")
    datum: Mapped[dt.date] = mapped_column(Date, index=True)
    kanaal: Mapped[str] = mapped_column(String(40))
    verwijzer: Mapped[str | None] = mapped_column(String(200))
    vraag: Mapped[str] = mapped_column(Text)
    consulent_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="nieuw", index=True)
    onderzoekstermijn_einde: Mapped[dt.date | None] = mapped_column(Date, index=True)
    persoonlijk_plan_ontvangen: Mapped[dt.date | None] = mapped_column(Date)
    # Wmo 2015 art. 2.3.2 lid 3: the client was told, before the investigation, about free cliëntondersteuning.
    clientondersteuning_gewezen: Mapped[bool | None] = mapped_column(Boolean)
    clientondersteuning_gewezen_op: Mapped[dt.date | None] = mapped_column(Date)
    geschatte_uren: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    client: Mapped[Client] = relationship()
    consulent: Mapped[Gebruiker | None] = relationship()
    onderzoek: Mapped[Onderzoek | None] = relationship(back_populates="melding", uselist=False)

    __table_args__ = (Index("ix_melding_team_status", "team_id", "status"),)


class Onderzoek(Versioned, Base):
    __tablename__ = "onderzoek"
    id: Mapped[int] = mapped_column(primary_key=True)
    melding_id: Mapped[int] = mapped_column(ForeignKey("melding.id"), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    wet: Mapped[str] = mapped_column(String(10))
    consulent_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    startdatum: Mapped[dt.date] = mapped_column(Date)
    gesprek_datum: Mapped[dt.date | None] = mapped_column(Date)
    gesprek_plaats: Mapped[str | None] = mapped_column(String(200))
    client_gehoord: Mapped[bool | None] = mapped_column(Boolean)
    vertegenwoordiger_gehoord: Mapped[bool | None] = mapped_column(Boolean)
    jeugdige_gehoord: Mapped[bool | None] = mapped_column(Boolean)
    reden_niet_gehoord: Mapped[str | None] = mapped_column(Text)
    derden_geraadpleegd: Mapped[str | None] = mapped_column(Text)
    persoonlijk_plan: Mapped[str | None] = mapped_column(Text)
    eerdere_hulp_evaluatie: Mapped[str | None] = mapped_column(Text)
    gezinsplan_verwacht: Mapped[bool | None] = mapped_column(Boolean)
    huidige_stap: Mapped[int] = mapped_column(Integer, default=1)
    afgerond_op: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Reopened after completion to amend the report (a file the reviewer returned): when and why; completing
    # again makes the next version of the report (verslag_versie).
    heropend_op: Mapped[dt.datetime | None] = mapped_column(DateTime)
    heropen_reden: Mapped[str | None] = mapped_column(Text)
    verslag_versie: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    melding: Mapped[Melding] = relationship(back_populates="onderzoek")
    stappen: Mapped[list[OnderzoekStap]] = relationship(
        back_populates="onderzoek", cascade="all, delete-orphan", order_by="OnderzoekStap.nummer"
    )
    problemen: Mapped[list[LeefgebiedProbleem]] = relationship(cascade="all, delete-orphan")
    resultaten: Mapped[list[GewenstResultaat]] = relationship(
        cascade="all, delete-orphan", order_by="GewenstResultaat.volgorde"
    )
    behoeften: Mapped[list[Behoefte]] = relationship(
        back_populates="onderzoek", cascade="all, delete-orphan", order_by="Behoefte.volgorde"
    )
    aanvraag: Mapped[Aanvraag | None] = relationship(back_populates="onderzoek", uselist=False)


class OnderzoekStap(Versioned, Base):
    __tablename__ = "onderzoek_stap"
    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(ForeignKey("onderzoek.id", ondelete="CASCADE"), index=True)
    nummer: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="open")
    nvt_reden: Mapped[str | None] = mapped_column(Text)
    velden: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    bijgewerkt_op: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    onderzoek: Mapped[Onderzoek] = relationship(back_populates="stappen")
    __table_args__ = (UniqueConstraint("onderzoek_id", "nummer"),)


class LeefgebiedProbleem(Base):
    __tablename__ = "leefgebied_probleem"
    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(ForeignKey("onderzoek.id", ondelete="CASCADE"), index=True)
    leefgebied: Mapped[str] = mapped_column(String(40))
    beschrijving: Mapped[str] = mapped_column(Text)
    ernst: Mapped[str | None] = mapped_column(String(20))


class GewenstResultaat(Base):
    __tablename__ = "gewenst_resultaat"
    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(ForeignKey("onderzoek.id", ondelete="CASCADE"), index=True)
    omschrijving: Mapped[str] = mapped_column(Text)
    leefgebied: Mapped[str | None] = mapped_column(String(40))
    volgorde: Mapped[int] = mapped_column(Integer, default=0)


class Behoefte(Base):
    """One need of the bruto-hulp (step 4): kind and scope, before asking who provides it."""

    __tablename__ = "behoefte"
    id: Mapped[int] = mapped_column(primary_key=True)
    onderzoek_id: Mapped[int] = mapped_column(ForeignKey("onderzoek.id", ondelete="CASCADE"), index=True)
    omschrijving: Mapped[str] = mapped_column(Text)
    leefgebied: Mapped[str | None] = mapped_column(String(40))
    volume: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    eenheid: Mapped[str] = mapped_column(String(4))  # WJ756
    frequentie: Mapped[str] = mapped_column(String(4))  # WMO757
    volgorde: Mapped[int] = mapped_column(Integer, default=0)

    onderzoek: Mapped[Onderzoek] = relationship(back_populates="behoeften")
    dekkingen: Mapped[list[Dekking]] = relationship(back_populates="behoefte", cascade="all, delete-orphan")


class Dekking(Base):
    """Part of a need covered by the client, housemates, network or another provision (steps 5-6)."""

    __tablename__ = "dekking"
    id: Mapped[int] = mapped_column(primary_key=True)
    behoefte_id: Mapped[int] = mapped_column(ForeignKey("behoefte.id", ondelete="CASCADE"), index=True)
    bron: Mapped[str] = mapped_column(String(30))
    volume: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    toelichting: Mapped[str | None] = mapped_column(Text)

    behoefte: Mapped[Behoefte] = relationship(back_populates="dekkingen")


class Aanvraag(Versioned, Base):
    __tablename__ = "aanvraag"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    onderzoek_id: Mapped[int | None] = mapped_column(ForeignKey("onderzoek.id"), unique=True)
    melding_id: Mapped[int | None] = mapped_column(ForeignKey("melding.id"), index=True)
    # Wmo 2015 art. 2.3.5 lid 2: filed after the investigation term passed without a completed investigation.
    zonder_onderzoek: Mapped[bool] = mapped_column(Boolean, default=False)
    wet: Mapped[str] = mapped_column(String(10))
    soort: Mapped[str] = mapped_column(String(20), default="nieuw")
    datum: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    consulent_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    beslistermijn_einde: Mapped[dt.date | None] = mapped_column(Date, index=True)
    verslag_uitgereikt_op: Mapped[dt.date | None] = mapped_column(Date)
    reactie_datum: Mapped[dt.date | None] = mapped_column(Date)
    reactie_opmerkingen: Mapped[str | None] = mapped_column(Text)
    verslag_getekend: Mapped[bool | None] = mapped_column(Boolean)
    aanleiding_po_id: Mapped[int | None] = mapped_column(Integer)  # the PO that led here; no FK, avoids a cycle

    onderzoek: Mapped[Onderzoek | None] = relationship(back_populates="aanvraag")
    voorzieningen: Mapped[list[Voorziening]] = relationship(back_populates="aanvraag", cascade="all, delete-orphan")
    beschikking: Mapped[Beschikking | None] = relationship(back_populates="aanvraag", uselist=False)


class Voorziening(Versioned, Base):
    """A custom provision (maatwerkvoorziening / individuele voorziening)."""

    __tablename__ = "voorziening"
    id: Mapped[int] = mapped_column(primary_key=True)
    aanvraag_id: Mapped[int] = mapped_column(ForeignKey("aanvraag.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    wet: Mapped[str] = mapped_column(String(10))
    productcategorie: Mapped[str] = mapped_column(String(4), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"), index=True)
    volume: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    eenheid: Mapped[str] = mapped_column(String(4))
    frequentie: Mapped[str] = mapped_column(String(4))
    startdatum: Mapped[dt.date] = mapped_column(Date)
    einddatum: Mapped[dt.date | None] = mapped_column(Date, index=True)
    po_datum: Mapped[dt.date | None] = mapped_column(Date, index=True)
    leveringsvorm: Mapped[str] = mapped_column(String(4), index=True)
    aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    pgb_bedrag: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    pgb_periode: Mapped[str | None] = mapped_column(String(10))  # week / maand / jaar: what pgb_bedrag is per
    beoogd_resultaat: Mapped[str | None] = mapped_column(Text)
    motivering: Mapped[str | None] = mapped_column(Text)
    besluit: Mapped[str] = mapped_column(String(20), default="toegekend")
    status: Mapped[str] = mapped_column(String(20), default="concept", index=True)
    plan_verwacht: Mapped[bool | None] = mapped_column(Boolean)  # a plan van aanpak / gezinsplan is expected
    plan_verwacht_op: Mapped[dt.date | None] = mapped_column(Date)
    plan_ontvangen_op: Mapped[dt.date | None] = mapped_column(Date)
    toegewezen_op: Mapped[dt.date | None] = mapped_column(Date)
    beeindigd_op: Mapped[dt.date | None] = mapped_column(Date)

    aanvraag: Mapped[Aanvraag] = relationship(back_populates="voorzieningen")
    product: Mapped[Product | None] = relationship()
    aanbieder: Mapped[Aanbieder | None] = relationship()
    behoeften: Mapped[list[Behoefte]] = relationship(secondary=voorziening_behoefte)
    resultaten: Mapped[list[GewenstResultaat]] = relationship(secondary=voorziening_resultaat)


class Beschikking(Versioned, Base):
    __tablename__ = "beschikking"
    id: Mapped[int] = mapped_column(primary_key=True)
    aanvraag_id: Mapped[int] = mapped_column(ForeignKey("aanvraag.id"), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    type: Mapped[str] = mapped_column(String(20), default="aanvraag")
    kenmerk: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="concept", index=True)
    auteur_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    datum: Mapped[dt.date | None] = mapped_column(Date)
    toetser_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    ter_toetsing_op: Mapped[dt.datetime | None] = mapped_column(DateTime)
    goedgekeurd_op: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    verzonden_op: Mapped[dt.date | None] = mapped_column(Date, index=True)
    verzendwijze: Mapped[str | None] = mapped_column(String(20))
    verzonden_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    bezwaartermijn_einde: Mapped[dt.date | None] = mapped_column(Date)
    # The date printed on the produced letter: the planned sending date (Awb 3:41). `datum` is the decision's date.
    briefdatum: Mapped[dt.date | None] = mapped_column(Date)
    bijlagen: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # {"items": ["verslag", ...]}

    aanvraag: Mapped[Aanvraag] = relationship(back_populates="beschikking")
    auteur: Mapped[Gebruiker] = relationship(foreign_keys=[auteur_id])
    toetser: Mapped[Gebruiker | None] = relationship(foreign_keys=[toetser_id])
    regels: Mapped[list[BeschikkingRegel]] = relationship(back_populates="beschikking", cascade="all, delete-orphan")


class BeschikkingRegel(Base):
    __tablename__ = "beschikking_regel"
    id: Mapped[int] = mapped_column(primary_key=True)
    beschikking_id: Mapped[int] = mapped_column(ForeignKey("beschikking.id", ondelete="CASCADE"), index=True)
    voorziening_id: Mapped[int] = mapped_column(ForeignKey("voorziening.id"), index=True)
    besluit: Mapped[str] = mapped_column(String(20))
    motivering: Mapped[str | None] = mapped_column(Text)
    weigeringsgrond: Mapped[str | None] = mapped_column(String(30))  # rules.weigeringsgronden.Weigeringsgrond
    reden_boven_netto: Mapped[str | None] = mapped_column(Text)  # art. 2.3.5 lid 3 Wmo: more than the netto need
    reden_wijziging: Mapped[str | None] = mapped_column(Text)  # herziening: why the provision changes
    # beëindiging: the last day of the provision this decision sets. The provision itself keeps its end date until
    # the decision is sent (verzending: periodiek.sluit_vervangen_af); no retroactive ending (art. 2.3.10 Wmo 2015).
    einddatum: Mapped[dt.date | None] = mapped_column(Date)

    beschikking: Mapped[Beschikking] = relationship(back_populates="regels")
    voorziening: Mapped[Voorziening] = relationship()


class Toetsing(Base):
    __tablename__ = "toetsing"
    id: Mapped[int] = mapped_column(primary_key=True)
    beschikking_id: Mapped[int] = mapped_column(ForeignKey("beschikking.id"), index=True)
    toetser_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)  # toetsscores per period
    uitkomst: Mapped[str] = mapped_column(String(20))  # goedgekeurd / teruggestuurd
    opmerkingen: Mapped[str | None] = mapped_column(Text)
    # sha256 of the report and decision as the reviewer judged them: offering it again unchanged asks first
    inhoud_hash: Mapped[str | None] = mapped_column(String(64))

    scores: Mapped[list[ToetsingScore]] = relationship(cascade="all, delete-orphan")


class ToetsingScore(Base):
    __tablename__ = "toetsing_score"
    id: Mapped[int] = mapped_column(primary_key=True)
    toetsing_id: Mapped[int] = mapped_column(ForeignKey("toetsing.id", ondelete="CASCADE"), index=True)
    criterium: Mapped[int] = mapped_column(Integer)
    score: Mapped[str] = mapped_column(String(20))
    toelichting: Mapped[str | None] = mapped_column(Text)


class ToetsscoreMaand(Base):
    """How many review scores per month, team, law, criterion and score: the toetsscores overview counts full
    months here instead of joining every score row (issue 17). Kept up to date in the transaction of every score
    write by consulent_app.services.toetstelling; `consulent-app toetsscores-herbouwen` rebuilds it from the
    reviews."""

    __tablename__ = "toetsscore_maand"
    maand: Mapped[dt.date] = mapped_column(Date, primary_key=True)  # first day of the month of Toetsing.tijdstip
    team_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # Aanvraag.team_id of the reviewed decision
    wet: Mapped[str] = mapped_column(String(10), primary_key=True)
    criterium: Mapped[int] = mapped_column(Integer, primary_key=True)
    score: Mapped[str] = mapped_column(String(20), primary_key=True)
    aantal: Mapped[int] = mapped_column(Integer, default=0)


class PeriodiekOnderzoek(Versioned, Base):
    __tablename__ = "periodiek_onderzoek"
    id: Mapped[int] = mapped_column(primary_key=True)
    voorziening_id: Mapped[int] = mapped_column(ForeignKey("voorziening.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    geplande_datum: Mapped[dt.date] = mapped_column(Date, index=True)
    consulent_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="gepland", index=True)
    uitkomst: Mapped[str | None] = mapped_column(String(20))
    verslag: Mapped[str | None] = mapped_column(Text)
    afgerond_op: Mapped[dt.date | None] = mapped_column(Date)
    volgende_po_datum: Mapped[dt.date | None] = mapped_column(Date)
    einddatum: Mapped[dt.date | None] = mapped_column(Date)


class Opschorting(Base):
    """A term standing still: suspension of the decision term (Awb 4:15) or an agreed extension of the Wmo
    investigation term. Kind `aanvulling`: `start` is the day the client was invited to complete the request,
    `uiterlijk` the deadline given (Awb 4:5), `aangevuld_op` the day it was completed; other kinds: `start`..`eind`
    are the suspended days. The suspended days themselves follow from termijnen.opgeschorte_periode."""

    __tablename__ = "opschorting"
    id: Mapped[int] = mapped_column(primary_key=True)
    melding_id: Mapped[int | None] = mapped_column(ForeignKey("melding.id"), index=True)
    aanvraag_id: Mapped[int | None] = mapped_column(ForeignKey("aanvraag.id"), index=True)
    soort: Mapped[str] = mapped_column(String(20), default="aanvulling", server_default="onbekend")
    start: Mapped[dt.date] = mapped_column(Date)
    eind: Mapped[dt.date | None] = mapped_column(Date)
    uiterlijk: Mapped[dt.date | None] = mapped_column(Date)
    aangevuld_op: Mapped[dt.date | None] = mapped_column(Date)
    reden: Mapped[str | None] = mapped_column(Text)


class Verdaging(Base):
    """Postponement of the decision term (Awb 4:14)."""

    __tablename__ = "verdaging"
    id: Mapped[int] = mapped_column(primary_key=True)
    aanvraag_id: Mapped[int] = mapped_column(ForeignKey("aanvraag.id"), index=True)
    kennisgeving_datum: Mapped[dt.date] = mapped_column(Date)
    nieuwe_einddatum: Mapped[dt.date] = mapped_column(Date)
    reden: Mapped[str | None] = mapped_column(Text)
    reden_lengte: Mapped[str | None] = mapped_column(Text)  # Awb 4:14: why longer than the original term


class Verzending(Base):
    """Each time a decision left the building: the original or a copy (afschrift)."""

    __tablename__ = "verzending"
    id: Mapped[int] = mapped_column(primary_key=True)
    beschikking_id: Mapped[int] = mapped_column(ForeignKey("beschikking.id"), index=True)
    datum: Mapped[dt.date] = mapped_column(Date)
    wijze: Mapped[str] = mapped_column(String(20))
    door_id: Mapped[int] = mapped_column(ForeignKey("gebruiker.id"))
    afschrift: Mapped[bool] = mapped_column(Boolean, default=False)
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Document(Base):
    """A generated document; never replaced: a new version is a new row."""

    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    soort: Mapped[str] = mapped_column(String(20))
    onderzoek_id: Mapped[int | None] = mapped_column(ForeignKey("onderzoek.id"), index=True)
    beschikking_id: Mapped[int | None] = mapped_column(ForeignKey("beschikking.id"), index=True)
    formaat: Mapped[str] = mapped_column(String(5))
    versie_nr: Mapped[int] = mapped_column(Integer, default=1)
    titel: Mapped[str] = mapped_column(String(200))
    bestandsnaam: Mapped[str] = mapped_column(String(200))
    # Deferred: lists and the dossier never load the bytes (200 versions are megabytes); only showing,
    # printing or saving a document reads them.
    inhoud: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))
    paginas: Mapped[int | None] = mapped_column(Integer)
    briefdatum: Mapped[dt.date | None] = mapped_column(Date)  # the date printed on this version of a letter
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    aangemaakt_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    # An enclosure sent with a decision (soort bijlage): the bytes live once in verzendbijlage, not per letter
    # (a leaflet with 500 letters); `inhoud` is then empty and `sha256` is the enclosure's.
    verzendbijlage_id: Mapped[int | None] = mapped_column(ForeignKey("verzendbijlage.id"))
    # Every column the dossier's list shows: SQLite answers it from the index without walking the content's
    # overflow pages, which lie before aangemaakt_op and briefdatum in the row (migration 0030).
    __table_args__ = (Index("ix_document_client_lijst", "client_id", "aangemaakt_op", "id", "soort", "titel",
                            "formaat", "versie_nr", "briefdatum"),)


class VerzendBijlage(Base):
    """An enclosure that goes with decision letters: a leaflet PDF the mail room chose once for many letters, or
    a generated folder as it was sent. Stored once (by checksum); never changed, so a dossier shows what was sent."""

    __tablename__ = "verzendbijlage"
    id: Mapped[int] = mapped_column(primary_key=True)
    titel: Mapped[str] = mapped_column(String(200))
    bestandsnaam: Mapped[str] = mapped_column(String(200))
    inhoud: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    paginas: Mapped[int] = mapped_column(Integer)
    folder: Mapped[str | None] = mapped_column(String(30))  # a generated folder as sent (folder_bezwaar, ...)
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    aangemaakt_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))


class BriefPaginas(Base):
    """Pages of a decision letter rendered without being stored (preview, print, print file), for the decision
    version it was rendered from: the Verzendlijst shows the count without rendering the letter again."""

    __tablename__ = "brief_paginas"
    beschikking_id: Mapped[int] = mapped_column(ForeignKey("beschikking.id", ondelete="CASCADE"), primary_key=True)
    beschikking_versie: Mapped[int] = mapped_column(Integer)
    paginas: Mapped[int] = mapped_column(Integer)


class AuditEvent(Base):
    """Who saw or changed what, when. Never the content of free-text fields."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    tijdstip: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    gebruiker_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    actie: Mapped[str] = mapped_column(String(30))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(Integer)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"), index=True)
    details: Mapped[str | None] = mapped_column(String(500))
    # A list or search shown to the user: the ids of the clients in it, ",12,45,78," (one row per load, so a
    # client's AVG art. 15 overview shows who saw him in a list). Never names or the search term.
    client_ids: Mapped[str | None] = mapped_column(Text)
    # SQLite: a hash chain over the rows (consulent_app.db.auditketen), set by a trigger at insert.
    keten_hash: Mapped[str | None] = mapped_column(String(64))



# ---------------------------------------------------------------------------------------------------------
# Financial grip (issue 18): tariff history, budgets, providers' invoices (declaraties, iWmo/iJw 323) and answers


class ProductTarief(Base):
    """One tariff of a product with its validity: valid from `geldig_van` through `geldig_tot` (empty: open).

    A tariff change is a new row; the previous row gets `geldig_tot` = the day before. `product.tarief` stays the
    tariff in force today (what the screens show); obligations use this history (rules/verplichting)."""

    __tablename__ = "product_tarief"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    geldig_van: Mapped[dt.date] = mapped_column(Date)
    geldig_tot: Mapped[dt.date | None] = mapped_column(Date)
    tarief: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    ingevoerd_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    ingevoerd_op: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("product_id", "geldig_van"),)


class Budget(Base):
    """A budget per year, law and product category. Never updated: every change is a new row (the history);
    the newest row per (jaar, wet, productcategorie) is the budget in force."""

    __tablename__ = "budget"
    id: Mapped[int] = mapped_column(primary_key=True)
    jaar: Mapped[int] = mapped_column(Integer)
    wet: Mapped[str] = mapped_column(String(10))
    productcategorie: Mapped[str] = mapped_column(String(4))
    bedrag: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    toelichting: Mapped[str | None] = mapped_column(String(200))
    bron: Mapped[str] = mapped_column(String(20), default="invoer")  # invoer / import
    ingevoerd_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    ingevoerd_op: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_budget_sleutel", "jaar", "wet", "productcategorie"),)


class Declaratie(Base):
    """A provider's invoice message (WMO323 / JW323) as received, with the totals of our answer (325)."""

    __tablename__ = "declaratie"
    id: Mapped[int] = mapped_column(primary_key=True)
    aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    agb_code: Mapped[str] = mapped_column(String(8))
    wet: Mapped[str] = mapped_column(String(10))
    nummer: Mapped[str] = mapped_column(String(12))
    bericht_identificatie: Mapped[str | None] = mapped_column(String(20))
    periode_van: Mapped[dt.date] = mapped_column(Date)
    periode_tot: Mapped[dt.date] = mapped_column(Date)
    dagtekening: Mapped[dt.date] = mapped_column(Date)
    ontvangen_op: Mapped[dt.date] = mapped_column(Date, index=True)
    aantal: Mapped[int] = mapped_column(Integer, default=0)
    aantal_afgekeurd: Mapped[int] = mapped_column(Integer, default=0)
    totaal_ingediend: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    totaal_toegekend: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    verwerkt_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    verwerkt_op: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_declaratie_nummer", "agb_code", "wet", "nummer"),)


class Prestatie(Base):
    """One invoice line (prestatie) and the municipality's judgement of it (approved, or rejected with codes).

    `bedrag` and `toegekend` are signed: a credit line is negative. Approved amounts count as realised cost
    of the year of the product period (services/financien)."""

    __tablename__ = "prestatie"
    id: Mapped[int] = mapped_column(primary_key=True)
    declaratie_id: Mapped[int] = mapped_column(ForeignKey("declaratie.id", ondelete="CASCADE"), index=True)
    aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"))
    wet: Mapped[str] = mapped_column(String(10))
    referentie: Mapped[str] = mapped_column(String(40))
    vorige_referentie: Mapped[str | None] = mapped_column(String(40))  # a credit: the debit it cancels
    toewijzing_nummer: Mapped[str] = mapped_column(String(20))
    voorziening_id: Mapped[int | None] = mapped_column(ForeignKey("voorziening.id"))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"), index=True)
    bsn: Mapped[str] = mapped_column(String(9))
    productcategorie: Mapped[str] = mapped_column(String(4))
    productcode: Mapped[str | None] = mapped_column(String(20))
    periode_van: Mapped[dt.date] = mapped_column(Date, index=True)
    periode_tot: Mapped[dt.date] = mapped_column(Date)
    volume: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    eenheid: Mapped[str] = mapped_column(String(4))
    tarief: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    bedrag: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    goedgekeurd: Mapped[bool] = mapped_column(Boolean, index=True)
    retourcodes: Mapped[str] = mapped_column(String(60))  # "0200" or the codes of the rejection, comma-separated
    twijfel: Mapped[str | None] = mapped_column(String(60))  # doubtful but approved: codes of rules/declaratie
    toegekend: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    afgehandeld_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"))
    afgehandeld_op: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # copies for the sums at scale (migration 0019): the declaration's reception day, the client's team
    ontvangen_op: Mapped[dt.date | None] = mapped_column(Date)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"))

    __table_args__ = (Index("ix_prestatie_referentie", "aanbieder_id", "wet", "referentie"),
                      Index("ix_prestatie_team_periode", "team_id", "periode_van"),
                      Index("ix_prestatie_afgekeurd", "goedgekeurd", "periode_van"),
                      # migration 0028: the invoice check's lookups, chosen by the planner whatever it knows
                      Index("ix_prestatie_voorziening", "voorziening_id", "goedgekeurd", "periode_van"),
                      Index("ix_prestatie_vorige", "aanbieder_id", "wet", "vorige_referentie"))


# --- Financiën summaries (consulent_app/financien/stand.py, migration 0023) -----------------------------------------
#
# Kept up to date in the same transaction as every change to provisions, assignments, tariffs and invoices, so the
# Financiën screen reads a few thousand rows instead of summing 500,000 invoice lines. A key column that has no
# value holds 0 / '' (NULLs would make the upsert keys of the sums ambiguous).

class FinStand(Base):
    """One row: the reference day the summaries were computed for, the indexation used, the years they cover."""

    __tablename__ = "fin_stand"
    id: Mapped[int] = mapped_column(primary_key=True)
    peildatum: Mapped[dt.date] = mapped_column(Date)
    indexatie: Mapped[str] = mapped_column(String(200))
    jaar_van: Mapped[int] = mapped_column(Integer)
    jaar_tot: Mapped[int] = mapped_column(Integer)
    bijgewerkt_op: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class _TwaalfMaanden:
    """An amount per calendar month of the year: the columns m1 (January) .. m12 (December)."""

    m1: Mapped[float] = mapped_column(Float, default=0)
    m2: Mapped[float] = mapped_column(Float, default=0)
    m3: Mapped[float] = mapped_column(Float, default=0)
    m4: Mapped[float] = mapped_column(Float, default=0)
    m5: Mapped[float] = mapped_column(Float, default=0)
    m6: Mapped[float] = mapped_column(Float, default=0)
    m7: Mapped[float] = mapped_column(Float, default=0)
    m8: Mapped[float] = mapped_column(Float, default=0)
    m9: Mapped[float] = mapped_column(Float, default=0)
    m10: Mapped[float] = mapped_column(Float, default=0)
    m11: Mapped[float] = mapped_column(Float, default=0)
    m12: Mapped[float] = mapped_column(Float, default=0)


class FinVerplichting(_TwaalfMaanden, Base):
    """The obligation of one provision in one year, per calendar month (rules/verplichting), with its keys."""

    __tablename__ = "fin_verplichting"
    voorziening_id: Mapped[int] = mapped_column(ForeignKey("voorziening.id", ondelete="CASCADE"), primary_key=True)
    jaar: Mapped[int] = mapped_column(Integer, primary_key=True)
    lv: Mapped[str] = mapped_column(String(4))
    team_id: Mapped[int] = mapped_column(Integer)
    wet: Mapped[str] = mapped_column(String(10))
    productcategorie: Mapped[str] = mapped_column(String(4))
    product_id: Mapped[int] = mapped_column(Integer)
    niveau: Mapped[str] = mapped_column(String(20))
    aanbieder_id: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_fin_verplichting_jaar_team", "jaar", "team_id"),)


class FinVerplichtingTotaal(_TwaalfMaanden, Base):
    """`fin_verplichting` summed per year and per key of each grouping of the screen (`dimensie`: wet,
    productcategorie, product, niveau, aanbieder, team; `sleutel` spelled as the screen's keys), law, team and
    zin/pgb: what the screen reads. Kept by adding each change's difference."""

    __tablename__ = "fin_verplichting_totaal"
    id: Mapped[int] = mapped_column(primary_key=True)
    jaar: Mapped[int] = mapped_column(Integer)
    dimensie: Mapped[str] = mapped_column(String(20))
    sleutel: Mapped[str] = mapped_column(String(30))
    wet: Mapped[str] = mapped_column(String(10))
    team_id: Mapped[int] = mapped_column(Integer)
    lv: Mapped[str] = mapped_column(String(4))

    __table_args__ = (UniqueConstraint("dimensie", "jaar", "sleutel", "wet", "team_id", "lv",
                                       name="uq_fin_verplichting_totaal_sleutel"),)


class FinGedeclareerd(Base):
    """Approved invoice amounts per year and month of the product period, per key of each grouping (as
    `fin_verplichting_totaal`), law and team."""

    __tablename__ = "fin_gedeclareerd"
    id: Mapped[int] = mapped_column(primary_key=True)
    jaar: Mapped[int] = mapped_column(Integer)
    maand: Mapped[int] = mapped_column(Integer)
    dimensie: Mapped[str] = mapped_column(String(20))
    sleutel: Mapped[str] = mapped_column(String(30))
    wet: Mapped[str] = mapped_column(String(10))
    team_id: Mapped[int] = mapped_column(Integer)
    bedrag: Mapped[float] = mapped_column(Float, default=0)

    __table_args__ = (UniqueConstraint("dimensie", "jaar", "maand", "sleutel", "wet", "team_id",
                                       name="uq_fin_gedeclareerd_sleutel"),)


class FinStart(Base):
    """Per counted provision the month it started, its keys and its yearly cost (what the inflow sums)."""

    __tablename__ = "fin_start"
    voorziening_id: Mapped[int] = mapped_column(ForeignKey("voorziening.id", ondelete="CASCADE"), primary_key=True)
    maand: Mapped[dt.date] = mapped_column(Date)
    wet: Mapped[str] = mapped_column(String(10))
    productcategorie: Mapped[str] = mapped_column(String(4))
    product_id: Mapped[int] = mapped_column(Integer)
    niveau: Mapped[str] = mapped_column(String(20))
    aanbieder_id: Mapped[int] = mapped_column(Integer)
    team_id: Mapped[int] = mapped_column(Integer)
    kosten: Mapped[float] = mapped_column(Float, default=0)


class FinInstroom(Base):
    """New provisions per month of their start and key of each grouping: count and yearly cost."""

    __tablename__ = "fin_instroom"
    id: Mapped[int] = mapped_column(primary_key=True)
    maand: Mapped[dt.date] = mapped_column(Date)
    dimensie: Mapped[str] = mapped_column(String(20))
    sleutel: Mapped[str] = mapped_column(String(30))
    wet: Mapped[str] = mapped_column(String(10))
    team_id: Mapped[int] = mapped_column(Integer)
    aantal: Mapped[int] = mapped_column(Integer, default=0)
    kosten: Mapped[float] = mapped_column(Float, default=0)

    __table_args__ = (UniqueConstraint("dimensie", "maand", "sleutel", "wet", "team_id",
                                       name="uq_fin_instroom_sleutel"),)


class FinOntvangst(Base):
    """Approved invoice amounts per month of the product period and day received (what the prognosis learns)."""

    __tablename__ = "fin_ontvangst"
    id: Mapped[int] = mapped_column(primary_key=True)
    maand: Mapped[dt.date] = mapped_column(Date)  # first day of the product period's month
    ontvangen_op: Mapped[dt.date] = mapped_column(Date)
    team_id: Mapped[int] = mapped_column(Integer)
    wet: Mapped[str] = mapped_column(String(10))
    bedrag: Mapped[float] = mapped_column(Float, default=0)

    __table_args__ = (UniqueConstraint("maand", "ontvangen_op", "team_id", "wet", name="uq_fin_ontvangst_sleutel"),)


# --- iWmo / iJw message traffic (consulent_app.berichten, services.berichten) ------------------------------------


class Bericht(Base):
    """One iWmo/iJw message, sent or received, with its payload (the XML) and where it stands in the chain."""

    __tablename__ = "bericht"
    id: Mapped[int] = mapped_column(primary_key=True)
    richting: Mapped[str] = mapped_column(String(3))  # uit / in
    soort: Mapped[str] = mapped_column(String(8), index=True)  # WMO301, JW305, ...
    wet: Mapped[str] = mapped_column(String(10))
    nummer: Mapped[int] = mapped_column(Integer)  # 301, 305, ...
    status: Mapped[str] = mapped_column(String(20))  # BerichtStatus
    aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    agb_code: Mapped[str | None] = mapped_column(String(8))
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"), index=True)
    beschikking_id: Mapped[int | None] = mapped_column(ForeignKey("beschikking.id"), index=True)
    heen_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"), index=True)  # a retour: what it answers
    identificatie: Mapped[str | None] = mapped_column(String(12))  # BerichtIdentificatie (or IdentificatieRetour)
    dagtekening: Mapped[dt.date | None] = mapped_column(Date)
    referentienummer: Mapped[str | None] = mapped_column(String(40), unique=True)  # our envelope's number
    envelop_referentie: Mapped[str | None] = mapped_column(String(40))  # the sender's envelope number (received)
    inhoud: Mapped[bytes | None] = mapped_column(LargeBinary)
    retourcodes: Mapped[str | None] = mapped_column(String(500))  # codes other than 0200, comma separated
    fouttekst: Mapped[str | None] = mapped_column(Text)  # Dutch: why it was blocked or rejected
    retour_uiterlijk: Mapped[dt.date | None] = mapped_column(Date)  # received: answer with a retour by then
    bestandsnaam: Mapped[str | None] = mapped_column(String(200))
    aangemaakt_op: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    geexporteerd_op: Mapped[dt.datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_bericht_richting_status", "richting", "status"),
        Index("ix_bericht_afzender_ident", "richting", "soort", "agb_code", "identificatie"),
    )


class Toewijzing(Versioned, Base):
    """One assignment (ToegewezenProduct) of a provision in kind to a provider; its number is never reused."""

    __tablename__ = "toewijzing"
    id: Mapped[int] = mapped_column(primary_key=True)
    wet: Mapped[str] = mapped_column(String(10))
    nummer: Mapped[int] = mapped_column(Integer)  # ToewijzingNummer: unique within the law (TR332)
    voorziening_id: Mapped[int] = mapped_column(ForeignKey("voorziening.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    aanbieder_id: Mapped[int] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    productcategorie: Mapped[str] = mapped_column(String(4))
    productcode: Mapped[str | None] = mapped_column(String(5))
    ingangsdatum: Mapped[dt.date] = mapped_column(Date)
    einddatum: Mapped[dt.date | None] = mapped_column(Date)
    volume: Mapped[int | None] = mapped_column(Integer)
    eenheid: Mapped[str | None] = mapped_column(String(4))
    frequentie: Mapped[str | None] = mapped_column(String(4))
    budget: Mapped[int | None] = mapped_column(Integer)
    toegewezen_op: Mapped[dt.datetime] = mapped_column(DateTime)  # Toewijzingsdatum and -tijd
    reden_wijziging: Mapped[str | None] = mapped_column(String(2))
    referentie_aanbieder: Mapped[str | None] = mapped_column(String(36))
    commentaar: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="actueel", index=True)
    zorg_start: Mapped[dt.date | None] = mapped_column(Date)  # last 305: care started on
    zorg_stop: Mapped[dt.date | None] = mapped_column(Date)  # last 307: care stopped on
    reden_beeindiging: Mapped[str | None] = mapped_column(String(2))

    __table_args__ = (UniqueConstraint("wet", "nummer", name="uq_toewijzing_wet_nummer"),)


class Zorglevering(Base):
    """A period of care a provider reported: a 305 opens it, a 307 closes it (keyed on assignment and start)."""

    __tablename__ = "zorglevering"
    id: Mapped[int] = mapped_column(primary_key=True)
    toewijzing_id: Mapped[int] = mapped_column(ForeignKey("toewijzing.id"), index=True)
    begindatum: Mapped[dt.date] = mapped_column(Date)
    einddatum: Mapped[dt.date | None] = mapped_column(Date)
    reden_beeindiging: Mapped[str | None] = mapped_column(String(2))
    start_bericht_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"))
    stop_bericht_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"))
    verwijderd: Mapped[bool] = mapped_column(Boolean, default=False)


class Verzoek(Versioned, Base):
    """A provider's request received: 315 (verzoek om toewijzing, one per product) or 317 (verzoek om wijziging)."""

    __tablename__ = "verzoek"
    id: Mapped[int] = mapped_column(primary_key=True)
    bericht_id: Mapped[int] = mapped_column(ForeignKey("bericht.id"), index=True)
    nummer: Mapped[int] = mapped_column(Integer)  # 315 / 317
    wet: Mapped[str] = mapped_column(String(10))
    aanbieder_id: Mapped[int | None] = mapped_column(ForeignKey("aanbieder.id"), index=True)
    client_id: Mapped[int | None] = mapped_column(ForeignKey("client.id"), index=True)
    bsn: Mapped[str] = mapped_column(String(9))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    referentie_aanbieder: Mapped[str] = mapped_column(String(36), index=True)
    ontvangen_op: Mapped[dt.date] = mapped_column(Date)
    antwoord_uiterlijk: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # VerzoekStatus
    verwijzer_type: Mapped[str | None] = mapped_column(String(2))
    verwijzer_naam: Mapped[str | None] = mapped_column(String(64))
    verwijzer_agb: Mapped[str | None] = mapped_column(String(8))
    productcategorie: Mapped[str | None] = mapped_column(String(4))
    productcode: Mapped[str | None] = mapped_column(String(5))
    ingangsdatum: Mapped[dt.date | None] = mapped_column(Date)
    einddatum: Mapped[dt.date | None] = mapped_column(Date)
    volume: Mapped[int | None] = mapped_column(Integer)
    eenheid: Mapped[str | None] = mapped_column(String(4))
    frequentie: Mapped[str | None] = mapped_column(String(4))
    budget: Mapped[int | None] = mapped_column(Integer)
    gegevens: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # 317: products unchanged / to change / new
    consulent_id: Mapped[int | None] = mapped_column(ForeignKey("gebruiker.id"), index=True)
    afgehandeld_op: Mapped[dt.date | None] = mapped_column(Date)
    antwoord_bericht_id: Mapped[int | None] = mapped_column(ForeignKey("bericht.id"))
    reden_afwijzing: Mapped[str | None] = mapped_column(String(1))
    voorziening_id: Mapped[int | None] = mapped_column(ForeignKey("voorziening.id"))  # what honouring it created
