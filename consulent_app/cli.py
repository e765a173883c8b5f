"""Command line: `consulent-app` starts the desktop client; subcommands for database work and demo data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from consulent_app import config as config_mod
from consulent_app.errors import ConsulentFout


def _cfg(args: argparse.Namespace) -> config_mod.Config:
    cfg = config_mod.load(Path(args.config)) if args.config else config_mod.load()
    if args.database:
        cfg = cfg.with_database(args.database)
    return cfg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="consulent-app", description="Consulent: toegang Wmo en Jeugdwet")
    parser.add_argument("--config", help="pad naar config.toml (standaard: in de gebruikersmap)")
    parser.add_argument("--database", help="database-URL; overschrijft de configuratie")
    # Also accepted without the `run` subcommand: `consulent-app --selftest` starts nothing but the smoke test.
    parser.add_argument("--demo", dest="top_demo", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--selftest", dest="top_selftest", action="store_true", help=argparse.SUPPRESS)
    # The desktop bundle's check that batch letters render in worker processes there too (tests/test_bundle.py).
    parser.add_argument("--selftest-werkprocessen", dest="top_selftest_werkers", action="store_true",
                        help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="cmd")
    run = sub.add_parser("run", help="start de applicatie (standaard)")
    run.add_argument("--demo", action="store_true", help="vul een lege database met demogegevens")
    run.add_argument("--selftest", action="store_true", help="open en sluit het hoofdvenster, exit 0")
    db = sub.add_parser("db", help="databasebeheer")
    db.add_argument("actie", choices=["upgrade", "status"])
    db.add_argument("--applicatierol", help="PostgreSQL: geef deze rol na de upgrade alleen de rechten die de "
                                            "applicatie nodig heeft (draai de upgrade als eigenaar)")
    demo = sub.add_parser("demo", help="vul de database met demogegevens")
    demo.add_argument("--schaal", type=float, default=1.0, help="1 = demo; 60 = benchmark (20.000 cliënten)")
    audit_p = sub.add_parser("audit", help="het logboek (audit log)")
    audit_p.add_argument("actie", choices=["controleer"], help="controleer of het logboek ongewijzigd is")
    backup = sub.add_parser("backup", help="maak een reservekopie van de SQLite-database")
    backup.add_argument("doel")
    restore = sub.add_parser("restore", help="zet een reservekopie terug")
    restore.add_argument("bron")
    sub.add_parser("toetsscores-herbouwen", help="tel de toetsscores per maand opnieuw uit de toetsingen "
                                                "(het overzicht Toetsing leest die telling)")
    ber = sub.add_parser("berichten", help="iWmo/iJw-berichten met aanbieders via het GGk")
    ber_sub = ber.add_subparsers(dest="berichten_actie", required=True)
    ber_exp = ber_sub.add_parser("exporteer", help="schrijf alle klaarstaande berichten als GGk-envelop in MAP")
    ber_exp.add_argument("map", metavar="MAP")
    ber_imp = ber_sub.add_parser("importeer", help="lees ontvangen enveloppen of berichten en zet de retouren klaar")
    ber_imp.add_argument("bestanden", metavar="BESTAND", nargs="+")
    fin = sub.add_parser("financien", help="de samenvattingen van het scherm Financiën")
    fin.add_argument("actie", choices=["herbereken"], help="bereken de samenvattingen opnieuw uit de gegevens")
    args = parser.parse_args(argv)

    from consulent_app import logging_setup

    logging_setup.setup()
    try:
        if args.top_selftest_werkers:
            from consulent_app import app
            from consulent_app.services import documenten

            gevraagd, gelukt = documenten.zelftest_werkprocessen(app.open_context(_cfg(args), demo=True))
            if gevraagd == 0 or gelukt != gevraagd:
                print(f"Fout: {gelukt} van {gevraagd} brieven kwamen uit een werkproces.", file=sys.stderr)
                return 1
            print(f"Zelftest werkprocessen geslaagd: {gelukt} brieven gemaakt in twee werkprocessen.")
            return 0
        if args.cmd in (None, "run"):
            from ui.main import run as run_ui

            return run_ui(_cfg(args), demo=bool(getattr(args, "demo", False) or args.top_demo),
                          selftest=bool(getattr(args, "selftest", False) or args.top_selftest))
        cfg = _cfg(args)
        if args.cmd == "db":
            from consulent_app import app
            from consulent_app.db import migrate
            from consulent_app.db.engine import check_connection, make_engine

            # versleuteld = true: the schema is made in an encrypted file (key from the OS keyring), never a
            # plain one that the application then refuses.
            engine = make_engine(cfg.resolved_database_url(), sqlcipher_key=app.sqlcipher_sleutel(cfg))
            check_connection(engine)
            if args.actie == "upgrade":
                migrate.upgrade(engine)
                print("Database bijgewerkt naar de nieuwste versie.")
                if args.applicatierol:
                    from consulent_app.db import rechten

                    rechten.geef_applicatierechten(engine, args.applicatierol)
                    print(f"Rechten gegeven aan {args.applicatierol}: lezen en wijzigen van de gegevens, "
                          "het logboek alleen toevoegen en lezen.")
            else:
                print(f"Database: {migrate.check_schema(engine)}")
            return 0
        if args.cmd == "audit":
            from consulent_app import app
            from consulent_app.db import auditketen
            from consulent_app.db.engine import check_connection, make_engine

            engine = make_engine(cfg.resolved_database_url(), sqlcipher_key=app.sqlcipher_sleutel(cfg))
            check_connection(engine)
            uitslag = auditketen.controleer(engine)
            print(uitslag.tekst())
            return 0 if uitslag.in_orde else 1
        if args.cmd == "demo":
            from consulent_app import app
            from consulent_app import demo as demo_mod

            ctx = app.open_context(cfg)
            demo_mod.vul_demo(ctx, schaal=args.schaal)
            print("Demogegevens aangemaakt.")
            return 0
        if args.cmd == "berichten":
            return _berichten(cfg, args)
        if args.cmd == "toetsscores-herbouwen":
            from consulent_app import app
            from consulent_app.services import toetstelling

            n = toetstelling.herbouw_toetsscores(app.open_context(cfg), None)
            print(f"Toetsscores opnieuw geteld: {n} tellingen per maand, team, wet, criterium en score.")
            return 0
        if args.cmd == "financien":
            from consulent_app import app
            from consulent_app.services import financien

            ctx = app.open_context(cfg)
            financien.herbereken_samenvatting(ctx)
            print("De samenvattingen van Financiën zijn opnieuw berekend.")
            return 0
        if args.cmd in ("backup", "restore"):
            from consulent_app.db import backup as backup_mod

            if args.cmd == "backup":
                backup_mod.backup(cfg, Path(args.doel))
                print(f"Reservekopie gemaakt: {args.doel}")
            else:
                backup_mod.restore(cfg, Path(args.bron))
                print("Reservekopie teruggezet.")
            return 0
    except ConsulentFout as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    return 0


def _berichten(cfg: config_mod.Config, args: argparse.Namespace) -> int:
    """`berichten exporteer MAP` / `berichten importeer BESTAND...`: used by scripts; output and exit codes are stable.

    Exit 0 when every file was read (a message with errors is answered by a retour with its codes); exit 2 when a
    file could not be read as a message (a Dutch line per file on stderr) or on any other error.
    """
    from consulent_app import app
    from consulent_app.services import berichten

    ctx = app.open_context(cfg)
    if args.berichten_actie == "exporteer":
        res = berichten.exporteer(ctx, None, Path(args.map))
        print(f"{res.aantal} berichten geëxporteerd naar {args.map}.")
        if res.geblokkeerd:
            print(f"{res.geblokkeerd} berichten wachten op een correctie en zijn niet geëxporteerd.")
        return 0
    uitkomsten = berichten.importeer_paden(ctx, None, [Path(b) for b in args.bestanden])
    verwerkt = sum(1 for u in uitkomsten if u.status == "verwerkt")
    afgekeurd = sum(1 for u in uitkomsten if u.status == "afgekeurd")
    onleesbaar = [u for u in uitkomsten if u.status == "onleesbaar"]
    for u in onleesbaar:
        print(f"Fout: {u.bestand}: {u.melding}", file=sys.stderr)
    print(f"{len(uitkomsten) - len(onleesbaar)} berichten ingelezen: {verwerkt} verwerkt, {afgekeurd} afgekeurd "
          f"(retour met foutcode klaargezet), {len(onleesbaar)} onleesbaar.")
    return 2 if onleesbaar else 0


if __name__ == "__main__":
    sys.exit(main())
