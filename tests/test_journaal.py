"""The local write journal (consulent_app.journaal): what is typed is on this computer before the database has it,
survives a restart, is never removed by an older commit, and keeps pasted rubbish exactly as it was."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from consulent_app import journaal as jn
from consulent_app.db import encryptie


def _journaal(tmp_path: Path, **kw: object) -> jn.Journaal:
    return jn.Journaal(tmp_path / "j.sqlite3", **kw)  # type: ignore[arg-type]


def test_an_entry_survives_closing_and_reopening(tmp_path: Path) -> None:
    j = _journaal(tmp_path)
    j.zet(7, "onderzoek:1:stap:1:client_woorden", "onderzoek.bewaar_veld", {"waarde": "Mijn woorden", "gezien": None})
    j.sluit()
    j2 = _journaal(tmp_path)
    [item] = j2.wachtend(7)
    assert item.args == {"waarde": "Mijn woorden", "gezien": None} and item.status is jn.Status.WACHTEND
    assert j2.wachtend(8) == []  # another user's entries are not replayed as this one


def test_a_newer_text_replaces_the_waiting_one_and_an_older_commit_does_not_remove_it(tmp_path: Path) -> None:
    j = _journaal(tmp_path)
    j.zet(1, "k", "op", {"waarde": "a", "gezien": "oud"})
    [eerste] = j.wachtend(1)
    j.zet(1, "k", "op", {"waarde": "ab", "gezien": "a"})  # typed on while the first was being written
    assert not j.klaar(eerste)  # the commit of "a" leaves "ab" waiting
    [tweede] = j.wachtend(1)
    assert tweede.args["waarde"] == "ab"
    # Its base is now what was just committed: one's own saves never conflict with each other.
    assert tweede.args["gezien"] == "a"
    assert j.klaar(tweede)
    assert j.aantal(1) == 0


def test_a_waiting_entry_keeps_the_value_the_user_saw_before_typing(tmp_path: Path) -> None:
    j = _journaal(tmp_path)
    j.zet(1, "k", "op", {"waarde": "x", "gezien": "opgeslagen"})
    j.zet(1, "k", "op", {"waarde": "xy", "gezien": "x"})
    assert j.wachtend(1)[0].args["gezien"] == "opgeslagen"
    j.zet(1, "k", "op", {"waarde": "xyz", "gezien": "van de ander"}, nieuwe_basis=True)  # conflict resolved
    assert j.wachtend(1)[0].args["gezien"] == "van de ander"


def test_refused_entries_stay_until_a_newer_text_or_the_user_lets_go(tmp_path: Path) -> None:
    j = _journaal(tmp_path)
    j.zet(1, "k", "op", {"waarde": "te lang"})
    [item] = j.wachtend(1)
    j.weiger(item, jn.Status.GEWEIGERD, "Te lang.")
    assert j.wachtend(1) == [] and j.aantal(1) == 1
    assert j.alle(1, "k")[0].melding == "Te lang."
    j.zet(1, "k", "op", {"waarde": "korter"})
    assert j.wachtend(1)[0].args["waarde"] == "korter"
    j.verwijder(1, "k")
    assert j.aantal(1) == 0


@pytest.mark.parametrize("tekst", ["nul\x00byte", "los \ud800 surrogaat", "x" * 1_000_000, "tab\tbel\x07"])
def test_pasted_rubbish_is_kept_exactly(tmp_path: Path, tekst: str) -> None:
    j = _journaal(tmp_path)
    j.zet(1, "k", "op", {"waarde": tekst, "datum": dt.date(2026, 1, 2), "bedrag": Decimal("12.50")})
    j.sluit()
    [item] = _journaal(tmp_path).wachtend(1)
    assert item.args["waarde"] == tekst
    assert item.args["datum"] == dt.date(2026, 1, 2) and item.args["bedrag"] == Decimal("12.50")


def test_the_journal_of_an_encrypted_database_is_encrypted_with_the_same_key(tmp_path: Path) -> None:
    sleutel = encryptie.nieuwe_sleutel()
    j = _journaal(tmp_path, sleutel=sleutel)
    j.zet(1, "k", "op", {"waarde": "Geheime notitie over de cliënt"})
    j.sluit()
    pad = tmp_path / "j.sqlite3"
    assert encryptie.is_versleuteld(pad)
    assert b"Geheime notitie" not in pad.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(pad).execute("SELECT * FROM schrijf").fetchall()
    assert _journaal(tmp_path, sleutel=sleutel).wachtend(1)[0].args["waarde"] == "Geheime notitie over de cliënt"


def test_one_journal_per_database() -> None:
    a = jn.pad_voor("sqlite:////tmp/a.sqlite3")
    assert a == jn.pad_voor("sqlite:////tmp/a.sqlite3")
    assert a != jn.pad_voor("sqlite:////tmp/b.sqlite3")
    assert jn.pad_voor("postgresql://u:geheim@h/db") == jn.pad_voor("postgresql://u:anders@h/db")


def test_locked_or_lost_connections_are_temporary_and_the_backoff_grows() -> None:
    locked = OperationalError("UPDATE ...", {}, sqlite3.OperationalError("database is locked"))
    assert jn.is_tijdelijk(locked) and jn.reden(locked) == "de database is even bezet"
    weg = OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))
    assert jn.is_tijdelijk(weg) and jn.reden(weg) == "geen verbinding met de database"
    assert not jn.is_tijdelijk(IntegrityError("INSERT", {}, Exception("unique")))
    assert not jn.is_tijdelijk(ValueError("x"))
    assert [jn.wachttijd(n) for n in range(1, 8)] == [1, 2, 5, 10, 20, 30, 30]


def test_a_try_whose_outcome_is_unknown_is_remembered_as_ones_own(tmp_path: Path) -> None:
    """The connection dropped during the commit: the database may hold the text after all. The journal remembers
    the tried values, so finding one of them there at the next attempt is not someone else's change."""
    j = _journaal(tmp_path)
    j.zet(1, "k", "op", {"waarde": "abc", "gezien": None})
    [item] = j.wachtend(1)
    j.mislukt(item, "geen verbinding met de database")
    j.zet(1, "k", "op", {"waarde": "abcd", "gezien": "abc"})  # typed on; the base stays what was seen before
    [item2] = j.wachtend(1)
    assert item2.args["gezien"] is None and item2.args["geprobeerd"] == ["abc"] and item2.pogingen == 1


def test_the_counts_for_the_save_status_are_kept_without_a_query_and_follow_every_change(tmp_path: Path) -> None:
    """The window reports its save status at every read and write; reading the entries (texts and all) there stood
    it still. The counts follow this journal's own changes without a query; `vers` counts the file itself."""
    j = jn.Journaal(tmp_path / "j.sqlite3")
    ander = jn.Journaal(tmp_path / "j.sqlite3")
    assert j.telling(1) == (0, 0)
    a, _ = j.zet(1, "veld:a", "bewaar_veld", {"waarde": "x"})
    j.zet(1, "veld:b", "bewaar_veld", {"waarde": "y"})
    j.zet(2, "veld:a", "bewaar_veld", {"waarde": "z"})
    statements: list[str] = []
    j._conn.set_trace_callback(statements.append)
    assert j.telling(1) == (2, 0) and j.telling(2) == (1, 0)
    assert statements == []  # no query for the status line
    j._conn.set_trace_callback(None)
    [item_a] = [i for i in j.wachtend(1) if i.id == a]
    j.weiger(item_a, jn.Status.GEWEIGERD, "te lang")
    assert j.telling(1) == (1, 1)
    [item_b] = j.wachtend(1)
    assert j.klaar(item_b)
    assert j.telling(1) == (0, 1)
    ander.verwijder(1, "veld:a")  # another Journaal on the same file
    assert j.telling(1, vers=True) == (0, 0)
