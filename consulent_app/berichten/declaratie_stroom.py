"""A large 323 (a provider's invoice of a whole month, tens of megabytes) read and answered as a stream.

A month of a city's invoice lines from one provider can be 60 MB of XML; as one tree in memory that is well
over half a gigabyte. This module never holds more than a few hundred clients:

* `open_groot(pad)`: an envelope's base64 payload is decoded while it is parsed (lxml target parser, no tree)
  into a temporary file; the message is then read with `lxml.etree.iterparse` one Client at a time, and each
  block of clients is validated against the XSD of the 323 inside a skeleton of the message (the header and the
  declaration's own fields), so the XSD check is the same one as for a small message, block by block. What
  comes back is a `lees.Ontvangen` whose tree is that skeleton, with the stream attached (`Stroom`), so the
  message traffic's checks (provider, municipality, duplicate, date) run as for any other message;
* `Stroom.clienten()`: the clients again, one at a time, for the invoice check (services/declaraties);
* `Antwoord325`: the 325 written block by block with the same builder as a small one (berichten/declaratie.bouw_325),
  every block validated against the 325's XSD, the blocks joined in a temporary file.

The stored copies (the received 323 and the 325) are gzip-compressed (`GZIP`): a 60 MB message is a few MB.
"""

from __future__ import annotations

import base64
import binascii
import copy
import gzip
import itertools
import os
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree
from lxml.etree import _Element as Element

from consulent_app.berichten import soorten, xsd
from consulent_app.berichten.envelop import GGK, STUF, Envelop, OnleesbaarBestand

#: A 323 may be this large (a month of a large city from one provider); other messages keep lees.MAX_BYTES.
MAX_323_BYTES = 400 * 1024 * 1024
GZIP = b"\x1f\x8b"
BLOK = 250  # clients per XSD check and per written block of the 325
_LEES = 1 << 20


def is_gzip(data: bytes | None) -> bool:
    return bool(data) and bytes(data[:2]) == GZIP  # type: ignore[index]


def uitpakken(data: bytes | None) -> bytes:
    """A stored message as XML: compressed ones (large 323 / 325) are unpacked."""
    raw = bytes(data or b"")
    return gzip.decompress(raw) if is_gzip(raw) else raw


def is_323(pad: Path) -> bool:
    """Does the file start like a 323 (bare, or in a GGk envelope naming a 323)? Reads its first 64 KB only."""
    with open(pad, "rb") as f:
        kop = f.read(65536)
    return any(s.namespace.encode() in kop or f">{s.naam}<".encode() in kop for s in _soorten_323())


# --- the envelope, decoded while parsed ----------------------------------------------------------------------


class _EnvelopDoel:
    """lxml parser target: the stuurgegevens as text, the payload decoded to `uit` as it arrives."""

    VELDEN = {f"{{{STUF}}}functie": "functie", f"{{{STUF}}}referentienummer": "referentienummer",
              f"{{{STUF}}}tijdstipBericht": "tijdstip", f"{{{STUF}}}crossRefnummer": "cross_ref"}

    def __init__(self, uit: BinaryIO) -> None:
        self.uit = uit
        self.pad: list[str] = []
        self.tekst: list[str] = []
        self.velden: dict[str, str] = {}
        self.rest = ""
        self.gezien = False
        self.root: str | None = None

    def start(self, tag: str, _attrib: Any, _nsmap: Any = None) -> None:
        if self.root is None:
            self.root = tag
        self.pad.append(tag)
        self.tekst = []
        if tag == f"{{{GGK}}}bericht":
            self.gezien = True

    def data(self, d: str) -> None:
        if self.pad and self.pad[-1] == f"{{{GGK}}}bericht":
            self.rest += "".join(d.split())
            n = len(self.rest) // 4 * 4
            if n:
                try:
                    self.uit.write(base64.b64decode(self.rest[:n], validate=True))
                except (binascii.Error, ValueError) as exc:
                    raise OnleesbaarBestand("Het bericht in de envelop is niet goed gecodeerd (geen geldige "
                                            "base64).") from exc
                self.rest = self.rest[n:]
        else:
            self.tekst.append(d)

    def end(self, tag: str) -> None:
        tekst = "".join(self.tekst).strip()
        if tag in self.VELDEN:
            self.velden[self.VELDEN[tag]] = tekst
        elif tag == f"{{{STUF}}}organisatie" and len(self.pad) >= 2:
            ouder = self.pad[-2].rsplit("}", 1)[-1]
            if ouder in ("zender", "ontvanger"):
                self.velden[ouder] = tekst
        elif tag == f"{{{GGK}}}bericht" and self.rest:
            raise OnleesbaarBestand("Het bericht in de envelop is niet goed gecodeerd (geen geldige base64).")
        self.pad.pop()
        self.tekst = []

    def comment(self, _t: str) -> None:
        pass

    def close(self) -> dict[str, str]:
        return self.velden


def _pak_envelop_uit(pad: Path, doel: Path) -> Envelop | None:
    """When `pad` is a GGk envelope: its payload to `doel`, its stuurgegevens back. None: not an envelope."""
    with open(pad, "rb") as f:
        begin = f.read(4096)
    if GGK.encode() not in begin:
        return None
    with open(doel, "wb") as uit:
        doelwit = _EnvelopDoel(uit)
        parser = etree.XMLParser(target=doelwit, resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=True)
        try:
            with open(pad, "rb") as f:
                while blok := f.read(_LEES):
                    parser.feed(blok)
            velden = parser.close()
        except etree.XMLSyntaxError as exc:
            raise OnleesbaarBestand("Het bestand is geen geldige XML.") from exc
    if doelwit.root not in (f"{{{GGK}}}envelopHeenbericht-ggk_Di01", f"{{{GGK}}}envelopRetourbericht-ggk_Du01"):
        return None
    if not doelwit.gezien or os.path.getsize(doel) == 0:
        raise OnleesbaarBestand("De envelop bevat geen bericht.")
    functie = velden.get("functie", "")
    if soorten.per_naam(functie) is None:
        raise OnleesbaarBestand(f"De envelop noemt een onbekend bericht ('{functie[:30]}').")
    return Envelop(functie=functie, referentienummer=velden.get("referentienummer", ""),
                   zender=velden.get("zender", ""), ontvanger=velden.get("ontvanger", ""),
                   tijdstip=velden.get("tijdstip", ""), cross_ref=velden.get("cross_ref") or None, payload=b"")


# --- the message, one client at a time -----------------------------------------------------------------------


def _iter(pad: Path) -> Any:
    return etree.iterparse(str(pad), events=("start", "end"), resolve_entities=False, no_network=True,
                           load_dtd=False, huge_tree=False, remove_blank_text=True)


@dataclass
class Stroom:
    """A large 323 on disk (the payload, unpacked from its envelope when it came in one)."""

    pad: Path
    map: Path  # temporary folder, removed by `opruimen`
    soort: soorten.BerichtSoort
    skelet: Element  # Bericht with Header and Declaratie (its own fields, an empty Clienten)

    def clienten(self) -> Iterator[tuple[Element, str]]:
        """Every Client element with its BSN, in order. The caller detaches or clears it when done with it."""
        m = self.soort.namespace
        client, bsn = f"{{{m}}}Client", f"{{{m}}}Bsn"
        for gebeurtenis, el in _iter(self.pad):
            if gebeurtenis == "end" and el.tag == client:
                yield el, (el.findtext(bsn) or "").strip()

    def opruimen(self) -> None:
        shutil.rmtree(self.map, ignore_errors=True)


def _skelet_en_blokken(pad: Path, soort: soorten.BerichtSoort,
                       ) -> tuple[Element, Iterator[list[Element]]]:
    """First pass: the skeleton (built as soon as Clienten starts) and the clients in blocks of BLOK."""
    m = soort.namespace
    it = _iter(pad)
    root: Element | None = None
    skelet: Element | None = None
    for gebeurtenis, el in it:
        if root is None:
            root = el
            if etree.QName(el).localname != "Bericht" or etree.QName(el).namespace != m:
                raise OnleesbaarBestand("Dit is geen declaratiebericht (323).")
        if gebeurtenis == "start" and el.tag == f"{{{m}}}Clienten":
            skelet = etree.Element(root.tag, nsmap=root.nsmap)
            for kind in root:
                if isinstance(kind.tag, str) and kind.tag != f"{{{m}}}Declaratie":
                    skelet.append(copy.deepcopy(kind))
            d = etree.SubElement(skelet, f"{{{m}}}Declaratie")
            for kind in el.getparent():  # type: ignore[union-attr]
                if kind is el:
                    break
                if isinstance(kind.tag, str):
                    d.append(copy.deepcopy(kind))
            etree.SubElement(d, f"{{{m}}}Clienten")
            break
    if skelet is None or root is None:
        raise OnleesbaarBestand("Het bericht bevat geen declaratie met cliënten.")

    def blokken() -> Iterator[list[Element]]:
        blok: list[Element] = []
        for gebeurtenis, el in it:
            if gebeurtenis == "end" and el.tag == f"{{{m}}}Client":
                el.getparent().remove(el)  # type: ignore[union-attr]
                blok.append(el)
                if len(blok) >= BLOK:
                    yield blok
                    blok = []
        if blok:
            yield blok

    return skelet, blokken()


def _clienten_van(skelet: Element, soort: soorten.BerichtSoort) -> Element:
    m = soort.namespace
    c = skelet.find(f"{{{m}}}Declaratie/{{{m}}}Clienten")
    assert c is not None
    return c


def _xsd_blok(soort: soorten.BerichtSoort, skelet: Element, blok: Sequence[Element]) -> list[str]:
    """The XSD errors of the skeleton holding this block of clients (the block is moved in and out again)."""
    cl = _clienten_van(skelet, soort)
    for c in blok:
        cl.append(c)
    try:
        return xsd.fouten(soort, skelet)
    finally:
        for c in list(cl):
            cl.remove(c)


def open_groot(pad: Path) -> tuple[Stroom, Envelop | None, list[str], int]:
    """Unpack, check against the XSD block by block, and give the stream back with its envelope (if any), the
    XSD errors (the first five, with the BSN of the client they are in) and the number of prestaties."""
    map_ = Path(tempfile.mkdtemp(prefix="consulent-323-"))
    try:
        payload = map_ / "bericht.xml"
        env = _pak_envelop_uit(pad, payload)
        if env is None:
            payload = pad
        with open(payload, "rb") as f:
            begin = f.read(4096)
        soort = next((s for s in _soorten_323() if s.namespace.encode() in begin), None)
        if soort is None:
            raise OnleesbaarBestand("Dit is geen declaratiebericht (WMO323 of JW323) van release 3.2.")
        if env is not None and env.functie.upper() != soort.naam:
            raise OnleesbaarBestand(f"De envelop zegt {env.functie}, maar het bericht is een {soort.naam}.")
        skelet, blokken = _skelet_en_blokken(payload, soort)
        fouten: list[str] = []
        n = 0
        m = soort.namespace
        for blok in blokken:
            n += sum(len(c.findall(f"{{{m}}}Prestaties/{{{m}}}Prestatie")) for c in blok)
            if len(fouten) < 5:
                for fout in _xsd_blok(soort, skelet, blok):
                    bsn = (blok[0].findtext(f"{{{m}}}Bsn") or "").strip()
                    fouten.append(f"cliëntblok vanaf BSN {bsn[:9]}: {fout.split(': ', 1)[-1]}")
        if not n and not fouten:
            fouten = ["het bericht bevat geen prestaties"]
        return Stroom(payload, map_, soort, skelet), env, fouten[:5], n
    except etree.XMLSyntaxError as exc:  # iterparse raises it while reading
        shutil.rmtree(map_, ignore_errors=True)
        regel = f" (regel {exc.lineno})" if getattr(exc, "lineno", None) else ""
        raise OnleesbaarBestand(f"Het bestand is geen geldige XML{regel}.") from exc
    except BaseException:
        shutil.rmtree(map_, ignore_errors=True)
        raise


def _soorten_323() -> list[soorten.BerichtSoort]:
    uit = []
    for naam in ("WMO323", "JW323"):
        s = soorten.per_naam(naam)
        if s is not None:
            uit.append(s)
    return uit


def ontvangen(pad: Path) -> Any:
    """The large 323 as a received message (lees.Ontvangen): its tree the skeleton, its stored copy compressed,
    its XSD errors those of the blocks, and the stream attached for the invoice check."""
    import dataclasses

    from consulent_app.berichten import lees

    stroom, env, fouten, _n = open_groot(pad)
    try:
        o = lees.lees_bestand(etree.tostring(stroom.skelet, xml_declaration=True, encoding="UTF-8"))
        stroom.skelet = o.root
        return dataclasses.replace(o, xml=gecomprimeerd(stroom.pad), xsd_fouten=fouten, envelop=env, stroom=stroom)
    except BaseException:
        stroom.opruimen()
        raise


def gecomprimeerd(pad: Path) -> bytes:
    """The file gzip-compressed, read in blocks (what is stored of a large message)."""
    z = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: a gzip header
    delen = []
    with open(pad, "rb") as f:
        while blok := f.read(_LEES):
            delen.append(z.compress(blok))
    delen.append(z.flush())
    return b"".join(delen)


# --- the answer, block by block ------------------------------------------------------------------------------


@dataclass
class Antwoord325:
    """Writes the 325's clients in blocks as their prestaties are judged; `klaar` joins header and blocks."""

    retour: soorten.BerichtSoort
    stroom: Stroom
    bouw: Callable[..., bytes]  # berichten.declaratie.bouw_325
    kop: Any  # bouw.RetourKop
    gemeente: str
    fouten: list[str] = field(default_factory=list)
    _wachtend: list[tuple[Element, list[Element]]] = field(default_factory=list)
    _klaar: list[Element] = field(default_factory=list)
    _codes: dict[Element, list[str]] = field(default_factory=dict)
    _body: Any = None

    def __post_init__(self) -> None:
        self._body = open(self.stroom.map / "antwoord-clienten.xml", "wb")  # noqa: SIM115 - closed in klaar()

    def client(self, el: Element) -> None:
        """A client of the 323 was read: its prestaties will be judged next."""
        m = self.stroom.soort.namespace
        self._wachtend.append((el, el.findall(f"{{{m}}}Prestaties/{{{m}}}Prestatie")))

    def oordeel(self, prestatie: Element, codes: Sequence[str]) -> None:
        self._codes[prestatie] = list(codes)
        while self._wachtend and all(p in self._codes for p in self._wachtend[0][1]):
            self._klaar.append(self._wachtend.pop(0)[0])
        if len(self._klaar) >= BLOK:
            self._schrijf()

    def _schrijf(self) -> None:
        if not self._klaar:
            return
        skelet = self.stroom.skelet
        cl = _clienten_van(skelet, self.stroom.soort)
        for c in self._klaar:
            cl.append(c)
        try:
            xml = self.bouw(self.retour, skelet, self.kop, gemeente=self.gemeente, header_codes=("0200",),
                            codes=self._codes, totaal_ingediend=Decimal(0), totaal_toegekend=Decimal(0))
        finally:
            for c in list(cl):
                cl.remove(c)
        doc = etree.fromstring(xml, parser=xsd.VEILIGE_PARSER)
        if len(self.fouten) < 5:
            self.fouten += [f"Het bericht voldoet niet aan het XSD van {self.retour.naam}: {e}"
                            for e in xsd.fouten(self.retour, doc)[:5 - len(self.fouten)]]
        m = self.retour.namespace
        for c in doc.iterfind(f"{{{m}}}DeclaratieAntwoord/{{{m}}}Clienten/{{{m}}}Client"):
            self._body.write(etree.tostring(c, encoding="UTF-8"))
        for c in self._klaar:
            for p in c.iterfind(f".//{{{self.stroom.soort.namespace}}}Prestatie"):
                self._codes.pop(p, None)
            c.clear()
        self._klaar = []

    def klaar(self, retour_kop: Any, *, header_codes: Sequence[str], totaal_ingediend: Decimal,
              totaal_toegekend: Decimal) -> bytes:
        """The whole 325, gzip-compressed: header and totals from the builder, the clients from the blocks. A block
        that fails the 325's XSD is a fault of this program: ValueError, and nothing of the message is stored."""
        while self._wachtend:
            self._klaar.append(self._wachtend.pop(0)[0])
        self._schrijf()
        self._body.close()
        if self.fouten:
            raise ValueError("; ".join(self.fouten))
        kop = self.bouw(self.retour, self.stroom.skelet, retour_kop, gemeente=self.gemeente,
                        header_codes=header_codes, codes={}, totaal_ingediend=totaal_ingediend,
                        totaal_toegekend=totaal_toegekend)
        leeg = b"<Clienten/>"
        i = kop.find(leeg)
        if i < 0:
            raise ValueError("het 325-sjabloon heeft geen lege Clienten")
        pad = self.stroom.map / "antwoord.xml"
        with open(pad, "wb") as uit:
            uit.write(kop[:i] + b"<Clienten>")
            with open(self.stroom.map / "antwoord-clienten.xml", "rb") as body:
                shutil.copyfileobj(body, uit, _LEES)
            uit.write(b"</Clienten>" + kop[i + len(leeg):])
        return gecomprimeerd(pad)


def codes_zonder_elementen(codes: Mapping[Any, Sequence[str]]) -> dict[int, list[str]]:
    """Rejected lines' codes keyed by position, so no element of a large message stays in memory."""
    return {i: list(c) for i, c in enumerate(codes.values())}


# --- the export: a large stored message leaves in its envelope as a stream ---------------------------------------

_MERKTEKEN = b"\x00consulent: hier komt het bericht\x00"  # the stand-in payload the envelope is built around


def _uitgepakt(gz: bytes) -> Iterator[bytes]:
    """A stored (gzip) message unpacked in pieces of at most a megabyte."""
    d = zlib.decompressobj(31)
    for i in range(0, len(gz), _LEES):
        stuk = d.decompress(gz[i:i + _LEES], _LEES)
        while stuk:
            yield stuk
            stuk = d.decompress(d.unconsumed_tail, _LEES) if d.unconsumed_tail else b""
    if rest := d.flush():
        yield rest


def _gebeurtenissen(parser: Any, stuk: bytes | None) -> Iterator[tuple[str, Element]]:
    if stuk is None:
        parser.close()
    else:
        parser.feed(stuk)
    yield from parser.read_events()


def _trekparser(client: str) -> Any:
    """A feed parser that reports only the end of each Client (the rest of the tree is built in C, unreported)."""
    return etree.XMLPullParser(events=("end",), tag=client, resolve_entities=False, no_network=True,
                               load_dtd=False, huge_tree=False, remove_blank_text=True)


def _skelet_zonder_clienten(gz: bytes, soort: soorten.BerichtSoort) -> Element:
    """First pass over the stored message: the whole tree without its Client elements (each dropped as it ends)."""
    parser = _trekparser(f"{{{soort.namespace}}}Client")
    for stuk in _uitgepakt(gz):
        parser.feed(stuk)
        for _ev, el in parser.read_events():
            el.getparent().remove(el)  # type: ignore[union-attr]
    root = parser.close()
    for _ev, el in parser.read_events():
        el.getparent().remove(el)  # type: ignore[union-attr]
    return root  # type: ignore[no-any-return]


def schrijf_envelop(uit: BinaryIO, gz: bytes, soort: soorten.BerichtSoort, **envelop_kw: Any) -> list[str]:
    """Write the GGk envelope around a large stored (gzip) message to `uit` without holding it: the envelope
    (`envelop.maak`, the same builder as for every message) around a stand-in, split there, and the message's
    base64 streamed in between. Checked as it leaves, as every message is: the envelope against the StUF-GGk XSD,
    the message against its own XSD block by block (BLOK clients inside the message's skeleton, as a large 323 is
    read). Returns the errors (at most five); the caller discards what was written when there are any."""
    try:
        return _schrijf_envelop(uit, gz, soort, envelop_kw)
    except etree.XMLSyntaxError as exc:  # never from this program's own 325; a damaged stored copy
        return [f"Het opgeslagen bericht is geen geldige XML: {exc}"]
    except zlib.error as exc:
        return [f"Het opgeslagen bericht is beschadigd (gzip): {exc}"]


def _schrijf_envelop(uit: BinaryIO, gz: bytes, soort: soorten.BerichtSoort, envelop_kw: dict[str, Any]) -> list[str]:
    from consulent_app.berichten import envelop

    kop = envelop.maak(_MERKTEKEN, soort, **envelop_kw)
    fouten = [f"De GGk-envelop voldoet niet aan het XSD van StUF-GGk 0310: {e}" for e in envelop.fouten(kop)[:3]]
    voor, na = kop.split(base64.b64encode(_MERKTEKEN))
    m = soort.namespace
    skelet = _skelet_zonder_clienten(gz, soort) if xsd.heeft_xsd(soort) else None
    clienten = skelet.find(f".//{{{m}}}Clienten") if skelet is not None else None

    def controleer(blok: list[Element]) -> None:
        if skelet is None or len(fouten) >= 5:
            return
        if clienten is None:
            fout = xsd.fouten(soort, skelet)
        else:
            for c in blok:
                clienten.append(c)
            try:
                fout = xsd.fouten(soort, skelet)
            finally:
                for c in list(clienten):
                    clienten.remove(c)
        bsn = (blok[0].findtext(f"{{{m}}}Bsn") or "").strip() if blok else ""
        waar = f"cliëntblok vanaf BSN {bsn[:9]}: " if bsn else ""
        fouten.extend(f"Het bericht voldoet niet aan het XSD van {soort.naam}: {waar}{f.split(': ', 1)[-1]}"
                      for f in fout[:5 - len(fouten)])

    uit.write(voor)
    client = f"{{{m}}}Client"
    parser = _trekparser(client)
    rest = b""
    blok: list[Element] = []
    gezien = False
    for stuk in itertools.chain(_uitgepakt(gz), [None]):
        if stuk is not None:
            data = rest + stuk
            n = len(data) // 3 * 3  # whole groups of three bytes: the pieces' base64 joins up to the whole's
            uit.write(base64.b64encode(data[:n]))
            rest = data[n:]
        for _ev, el in _gebeurtenissen(parser, stuk):
            if el.getparent() is not None:
                el.getparent().remove(el)  # type: ignore[union-attr]
                blok.append(el)
                gezien = True
                if len(blok) >= BLOK:
                    controleer(blok)
                    blok = []
    if blok or not gezien:
        controleer(blok)
    uit.write(base64.b64encode(rest))
    uit.write(na)
    return fouten
