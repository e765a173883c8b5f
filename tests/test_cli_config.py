"""Configuration in the user's folder and the command line's database commands, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from consulent_app import cli, config
from consulent_app.errors import ConfiguratieFout


def test_first_start_copies_documented_defaults(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    cfg = config.load(path)
    assert path.exists()
    assert "Edit the copy" in path.read_text(encoding="utf-8")
    assert cfg.gemeente.naam == "Gemeente Maastricht"
    assert cfg.normen.productiviteit == 0.75
    assert cfg.termijnen.po_maximum_maanden == 36
    assert cfg.resolved_database_url().startswith("sqlite:///")


def test_postgresql_url_in_config_is_used(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[database]\nurl = "postgresql+psycopg://u@db.example/consulent"\n', encoding="utf-8")
    assert config.load(path).resolved_database_url() == "postgresql+psycopg://u@db.example/consulent"


@pytest.mark.parametrize(
    ("toml", "woord"),
    [
        ("[normen]\nproductiviteit = 1.5\n", "productiviteit"),
        ("[normen]\nuren_nieuw = -1\n", "uren_nieuw"),
        ("[termijnen]\ngelijkgestelde_dagen = ['2026-13-01']\n", "gelijkgestelde_dagen"),
        ("[database\n", "onleesbaar"),
    ],
)
def test_bad_configuration_gives_dutch_message(tmp_path: Path, toml: str, woord: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfiguratieFout) as exc:
        config.load(path)
    assert woord in str(exc.value)


def test_equated_days_are_read_as_dates(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[termijnen]\ngelijkgestelde_dagen = ['2026-05-15']\n", encoding="utf-8")
    import datetime as dt

    assert config.load(path).termijnen.gelijkgestelde_dagen == (dt.date(2026, 5, 15),)


def _empty_db(db_url: str) -> str:
    """db_url from the fixture is migrated already; give the CLI an empty database instead."""
    if db_url.startswith("sqlite"):
        p = Path(db_url.removeprefix("sqlite:///")).with_name("leeg.sqlite3")
        return f"sqlite:///{p}"
    # Migrations are the owner's work (two-role set-up, docs/beveiliging.md); the tests' own role owns nothing.
    from tests.conftest import PG_EIGENAAR, als_rol

    eigenaar = als_rol(db_url, PG_EIGENAAR)
    eng = create_engine(eigenaar, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text("DROP SCHEMA public CASCADE"))
        c.execute(text("CREATE SCHEMA public"))
    eng.dispose()
    return eigenaar


def test_cli_db_upgrade_creates_schema(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = _empty_db(db_url)
    assert cli.main(["--database", url, "db", "upgrade"]) == 0
    assert "bijgewerkt" in capsys.readouterr().out
    eng = create_engine(url)
    tables = set(inspect(eng).get_table_names())
    eng.dispose()
    assert {"client", "melding", "beschikking", "audit_event", "alembic_version"} <= tables
    assert cli.main(["--database", url, "db", "status"]) == 0
    assert "actueel" in capsys.readouterr().out


def test_cli_reports_unusable_database_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "kapot.sqlite3"
    bad.write_bytes(b"geen database" * 200)
    assert cli.main(["--database", f"sqlite:///{bad}", "db", "upgrade"]) == 2
    assert "Fout:" in capsys.readouterr().err
