"""Mutation check of the law's rules: break one rule at a time and make sure a test notices.

Each mutation below removes or bends one rule of consulent_app/termijnen.py or consulent_app/rules/ (a PO after the
end date, the configured holidays of a term, the exact count of suspended days, ...). For each, the rule's tests run
on SQLite; a mutation that no test notices "survives" and the script exits 1, naming it. The source is restored
after every mutation, also when interrupted.

    .venv/bin/python scripts/mutatiecheck.py          # all mutations
    .venv/bin/python scripts/mutatiecheck.py --lijst  # only list them
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_termijnen.py", "tests/test_duur.py", "tests/test_kosten.py", "tests/test_termijnbewaking.py",
         "tests/test_voorziening_regels.py", "tests/test_periodiek.py", "tests/test_plannen_aanvraag.py",
         "tests/test_stappenplan.py", "tests/test_toetsing.py"]


@dataclass(frozen=True)
class Mutatie:
    naam: str
    bestand: str
    origineel: str
    vervanging: str
    tests: tuple[str, ...] = ()  # the rule's own tests; empty: all of TESTS


MUTATIES = [
    Mutatie("PO na de einddatum toegestaan", "consulent_app/rules/duur.py",
            "elif po_datum is not None and einddatum is not None and startdatum <= einddatum < po_datum:",
            "elif False:"),
    Mutatie("PO vóór de start toegestaan", "consulent_app/rules/duur.py",
            "if po_datum is not None and po_datum < startdatum:", "if False:"),
    Mutatie("Wmo zonder PO onbeperkt lang", "consulent_app/rules/duur.py",
            "return None if met_po else po_uiterlijk(startdatum, grenzen.po_maximum_maanden)", "return None"),
    Mutatie("Jeugd zonder einddatum toegestaan", "consulent_app/rules/duur.py",
            "if jeugd and einddatum is None:", "if False:"),
    Mutatie("PO-maximum niet gecontroleerd", "consulent_app/rules/duur.py",
            "        if po_datum > uiterlijk:", "        if False:"),
    Mutatie("onderzoekstermijn zonder geconfigureerde feestdagen", "consulent_app/services/termijnbewaking.py",
            "return termijnen.onderzoekstermijn_einde(wet, meldingsdatum, opschortingen=opschortingen,\n"
            "                                             extra_feestdagen=_extra(ctx))",
            "return termijnen.onderzoekstermijn_einde(wet, meldingsdatum, opschortingen=opschortingen)"),
    Mutatie("beslistermijn zonder geconfigureerde feestdagen", "consulent_app/services/termijnbewaking.py",
            "verdaging=verdaging,\n                                         extra_feestdagen=_extra(ctx))",
            "verdaging=verdaging)"),
    Mutatie("bezwaartermijn zonder geconfigureerde feestdagen", "consulent_app/services/termijnbewaking.py",
            "return termijnen.bezwaartermijn_einde(verzonden_op, extra_feestdagen=_extra(ctx))",
            "return termijnen.bezwaartermijn_einde(verzonden_op)"),
    Mutatie("KB-dagen tellen niet", "consulent_app/termijnen.py",
            "    kb = kb_gelijkgestelde_dagen()\n", "    kb: frozenset[datetime.date] = frozenset()\n"),
    Mutatie("Atw art. 1: geen verschuiving naar een werkdag", "consulent_app/termijnen.py",
            "    einde = _volgende_werkdag(einde, extra)  # Atw art. 1 lid 1\n", ""),
    Mutatie("opschorting begint op de dag van het verzoek", "consulent_app/termijnen.py",
            "        eerste = start + _EEN_DAG\n", "        eerste = start\n"),
    Mutatie("dag van aanvulling telt als opgeschort", "consulent_app/termijnen.py",
            "(aangevuld_op - _EEN_DAG if aangevuld_op else None, uiterlijk)", "(aangevuld_op, uiterlijk)"),
    Mutatie("opschorting eindigt niet vanzelf na de hersteltermijn", "consulent_app/termijnen.py",
            "    return uiterlijk is None or vandaag <= uiterlijk", "    return True"),
    Mutatie("verdaging mag onbeperkt lang", "consulent_app/termijnen.py",
            "    return (_als_datum(nieuwe_einddatum) - _als_datum(huidig_einde)).days > beslistermijn(wet).weken * 7",
            "    return False"),
    Mutatie("verdaging na het einde van de termijn", "consulent_app/termijnen.py",
            "    return _als_datum(kennisgeving) <= _als_datum(huidig_einde)", "    return True"),
    Mutatie("signaal een werkdag te kort", "consulent_app/termijnen.py",
            "if werkdagen_tussen(vandaag, einde, extra_feestdagen) <= signaal_werkdagen:",
            "if werkdagen_tussen(vandaag, einde, extra_feestdagen) < signaal_werkdagen:"),
    Mutatie("kosten open einde niet tot het PO", "consulent_app/rules/kosten.py",
            "    eind = einddatum or po_datum\n", "    eind = einddatum\n"),
    Mutatie("een antwoord dat leeg wordt laat de statussen staan", "consulent_app/rules/stappenplan.py",
            "return _gevuld(oud) == _gevuld(nieuw)", "return True"),
    Mutatie("stap 7 open terwijl een eerdere stap nog bezig is", "consulent_app/rules/stappenplan.py",
            "for n in range(1, 7))", "for n in range(1, 6))"),
    Mutatie("netto kan negatief worden", "consulent_app/rules/stappenplan.py",
            "max(bruto - gedekt, NUL)", "bruto - gedekt"),
    Mutatie("elke dekkingsregel beantwoordt elke samenvatting van stap 5/6", "consulent_app/rules/stappenplan.py",
            "            if d.bron in bronnen:", "            if True:"),
    Mutatie("aanvraag zonder onderzoek al op de laatste dag van de onderzoekstermijn",
            "consulent_app/rules/aanvraag.py", "    return op > onderzoekstermijn_einde",
            "    return op >= onderzoekstermijn_einde", ("tests/test_plannen_aanvraag.py",)),
    Mutatie("besluit zonder afgerond onderzoek ook zonder aanvraag op grond van art. 2.3.5 lid 2 Wmo",
            "consulent_app/rules/aanvraag.py", "    return Wet(wet) is Wet.WMO and zonder_onderzoek",
            "    return Wet(wet) is Wet.WMO", ("tests/test_plannen_aanvraag.py",)),
    Mutatie("beëindiging bij verzending niet op de laatste dag uit het besluit (art. 2.3.10 Wmo)",
            "consulent_app/services/periodiek.py",
            "            laatste = regel.einddatum or (vz.einddatum if vz is not None else None)",
            "            laatste = vz.einddatum if vz is not None else None", ("tests/test_brieven.py",)),
    Mutatie("plan van aanbieder vóór de start toegestaan", "consulent_app/rules/aanbiederplan.py",
            "    if startdatum is not None and verwacht_op < startdatum:", "    if False:",
            ("tests/test_plannen_aanvraag.py",)),
    Mutatie("persoonlijk plan: twee weken in plaats van zeven dagen", "consulent_app/termijnen.py",
            "return termijn_einde_met(meldingsdatum, 1, extra_feestdagen=extra_feestdagen)",
            "return termijn_einde_met(meldingsdatum, 2, extra_feestdagen=extra_feestdagen)"),
    # iWmo/iJw message traffic (issue 14)
    Mutatie("ketentermijn: een weekend- of feestdag telt als werkdag", "consulent_app/termijnen.py",
            "        dag = _volgende_werkdag(dag + _EEN_DAG, extra)", "        dag = dag + _EEN_DAG",
            ("tests/test_berichten.py",)),
    Mutatie("verwijzing door de jeugdarts geeft geen toegang (art. 2.6 lid 1 onder g Jeugdwet)",
            "consulent_app/rules/verwijzing.py", '    "03": Kanaal.JEUGDARTS,', "", ("tests/test_berichten.py",)),
    Mutatie("BSN zonder elfproef (CS002)", "consulent_app/berichten/regels.py",
            'return bool(bsn) and len(bsn or "") == 9 and stdnum_bsn.is_valid(bsn or "")',
            'return bool(bsn) and len(bsn or "") == 9', ("tests/test_berichten.py",)),
    Mutatie("PO 'ongewijzigd' kort de voorziening in zonder besluit (art. 2.3.10 Wmo 2015)",
            "consulent_app/rules/periodiek.py",
            "elif einddatum is not None and (einddatum_voorziening is None or einddatum < einddatum_voorziening):",
            "elif False:", ("tests/test_periodiek.py",)),
]


_PER_BESTAND = {
    "consulent_app/rules/duur.py": ("tests/test_duur.py",),
    "consulent_app/services/termijnbewaking.py": ("tests/test_termijnbewaking.py",),
    "consulent_app/termijnen.py": ("tests/test_termijnen.py", "tests/test_plannen_aanvraag.py",
                                   "tests/test_termijnbewaking.py"),
    "consulent_app/rules/kosten.py": ("tests/test_kosten.py",),
    "consulent_app/rules/stappenplan.py": ("tests/test_stappenplan.py",),
}


def _draai_tests(mu: Mutatie) -> bool:
    """True when the tests pass (the mutation survived). The rule's own tests first; only if they all pass, the
    other rule tests too (so a survivor really went unnoticed by every rule test)."""
    eigen = list(mu.tests or _PER_BESTAND.get(mu.bestand, ()))
    if eigen and not _pytest(eigen):
        return False
    return _pytest([t for t in TESTS if t not in eigen])


def _pytest(tests: list[str]) -> bool:
    bestaande = [t for t in tests if (ROOT / t).exists()]
    if not bestaande:
        return True
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-k", "not postgresql",
                        "--hypothesis-seed=0", *bestaande], cwd=ROOT, env=env, capture_output=True, text=True)
    return r.returncode == 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--lijst", action="store_true", help="only list the mutations")
    args = p.parse_args(argv)
    if args.lijst:
        for mu in MUTATIES:
            print(f"- {mu.naam} ({mu.bestand})")
        return 0
    overleefd: list[str] = []
    for mu in MUTATIES:
        pad = ROOT / mu.bestand
        bron = pad.read_text(encoding="utf-8")
        if bron.count(mu.origineel) != 1:
            print(f"FOUT  {mu.naam}: de regel staat niet (precies één keer) in {mu.bestand}; pas de mutatie aan.")
            overleefd.append(mu.naam)
            continue
        t0 = time.monotonic()
        try:
            pad.write_text(bron.replace(mu.origineel, mu.vervanging), encoding="utf-8")
            leeft = _draai_tests(mu)
        finally:
            pad.write_text(bron, encoding="utf-8")
        status = "OVERLEEFT" if leeft else "gedood"
        print(f"{status:9} {mu.naam} ({time.monotonic() - t0:.0f} s)")
        if leeft:
            overleefd.append(mu.naam)
    print(f"\n{len(MUTATIES) - len(overleefd)} van {len(MUTATIES)} mutaties opgemerkt door de tests.")
    return 1 if overleefd else 0


if __name__ == "__main__":
    raise SystemExit(main())
