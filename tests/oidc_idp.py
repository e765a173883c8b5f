"""A real OpenID Provider for the tests (tests/oidc/server.mjs: the certified npm `oidc-provider`), started on
loopback, and a small 'browser' that does what a user does on its development login page: type a user name,
confirm, and follow the redirects back to Consulent's loopback listener."""

from __future__ import annotations

import html.parser
import os
import shutil
import socket
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

MAP = Path(__file__).resolve().parent / "oidc"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def idp() -> Iterator[str]:
    """Start the provider; yields its issuer URL."""
    node = shutil.which("node")
    if node is None or not (MAP / "node_modules" / "oidc-provider").exists():
        if os.environ.get("CI"):
            pytest.fail("oidc-provider ontbreekt: scripts/test.sh installeert het met npm ci in tests/oidc")
        pytest.skip("node of oidc-provider (npm ci in tests/oidc) ontbreekt")
    poort = _vrije_poort()
    proces = subprocess.Popen([node, str(MAP / "server.mjs"), str(poort)], cwd=MAP, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        assert proces.stdout is not None
        for regel in proces.stdout:
            if regel.startswith("KLAAR "):
                yield regel.split(" ", 1)[1].strip()
                break
        else:
            raise RuntimeError("oidc-provider is niet gestart")
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()


class _Formulier(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.actie: str | None = None
        self.velden: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.actie is None:
            self.actie = a.get("action", "")
        elif tag == "input" and a.get("name") and self.actie is not None:
            self.velden[a["name"]] = a.get("value", "")


class Browser:
    """Logs in at the IdP's development login as `gebruiker`; `knoei` may change the final redirect."""

    def __init__(self, gebruiker: str, *, knoei=None) -> None:  # type: ignore[no-untyped-def]
        self.gebruiker = gebruiker
        self.knoei = knoei
        self.sessie = requests.Session()
        self.bezocht: list[str] = []

    def __call__(self, url: str) -> bool:
        """Like a real browser, it runs beside Consulent (which waits for the redirect meanwhile)."""
        self.bezocht.append(url)
        self.fout: BaseException | None = None

        def loop() -> None:
            try:
                self._doorloop(url)
            except BaseException as exc:  # noqa: BLE001 - reported by the test through self.fout
                self.fout = exc

        threading.Thread(target=loop, daemon=True).start()
        return True

    def _doorloop(self, url: str) -> bool:
        antwoord = self.sessie.get(url, allow_redirects=False, timeout=10)
        for _ in range(20):
            if antwoord.is_redirect:
                doel = urllib.parse.urljoin(antwoord.url, antwoord.headers["Location"])
                if doel.startswith("http://127.0.0.1") and "/callback" in doel:
                    if self.knoei:
                        doel = self.knoei(doel)
                    requests.get(doel, timeout=10)  # the redirect reaches Consulent's listener
                    return True
                antwoord = self.sessie.get(doel, allow_redirects=False, timeout=10)
                continue
            formulier = _Formulier()
            formulier.feed(antwoord.text)
            if formulier.actie is None:
                raise AssertionError(f"geen formulier op {antwoord.url}: {antwoord.text[:200]}")
            velden = dict(formulier.velden)
            if "login" in velden or "login" in antwoord.text:
                velden.update(login=self.gebruiker, password="wat-dan-ook")
            antwoord = self.sessie.post(urllib.parse.urljoin(antwoord.url, formulier.actie), data=velden,
                                        allow_redirects=False, timeout=10)
        raise AssertionError("de IdP bleef doorverwijzen")
