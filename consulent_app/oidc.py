"""Sign-in with the municipality's identity provider: OpenID Connect, authorization code flow with PKCE, as a
native desktop client (RFC 8252): the system browser does the login at the IdP, the answer comes back to a one-off
HTTP listener on 127.0.0.1, the code is exchanged for tokens with the PKCE verifier (no client secret on a laptop),
and the ID token is checked (signature against the IdP's keys, issuer, audience, nonce, expiry) before any claim is
believed. authlib builds the request and the token exchange; joserfc (authlib's JOSE library) checks the token.

Which Gebruiker the claims belong to is decided by services.auth.inloggen_oidc; this module knows no database.
"""

from __future__ import annotations

import functools
import logging
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

from consulent_app.config import Oidc
from consulent_app.errors import AuthenticatieFout

log = logging.getLogger(__name__)

CALLBACK = "/callback"
ALGORITMEN = ["RS256", "PS256", "ES256", "EdDSA"]
_AFGEBROKEN = "Het inloggen bij de gemeente is afgebroken of duurde te lang. Probeer het opnieuw."

_KLAAR_HTML = (b"<!doctype html><html lang='nl'><meta charset='utf-8'><title>Consulent</title>"
               b"<body style='font-family:sans-serif;margin:3em'><h1>U bent ingelogd</h1>"
               b"<p>Ga terug naar Consulent. U kunt dit venster sluiten.</p></body></html>")


class OidcFout(AuthenticatieFout):
    """Signing in at the identity provider did not succeed; the message says why, in Dutch."""


def _http() -> Any:
    import requests

    return requests


def ontdek(issuer: str) -> dict[str, Any]:
    """The IdP's metadata (.well-known/openid-configuration); its issuer must be the configured one."""
    try:
        antwoord = _http().get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=10)
        antwoord.raise_for_status()
        meta: dict[str, Any] = antwoord.json()
    except Exception as exc:  # noqa: BLE001 - network, TLS, JSON: one Dutch sentence
        raise OidcFout("De identity provider van de gemeente is niet bereikbaar. Controleer de verbinding of log "
                       "in met uw wachtwoord.") from exc
    if meta.get("issuer") != issuer.rstrip("/") and meta.get("issuer") != issuer:
        raise OidcFout("De identity provider meldt zich met een ander adres dan ingesteld; inloggen is geweigerd.")
    return meta


@functools.cache
def _ontvanger() -> type:
    """The handler of the loopback redirect (http.server is imported only when someone signs in this way)."""
    import http.server

    class _Ontvanger(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            deel = urllib.parse.urlsplit(self.path)
            if deel.path != CALLBACK:
                self.send_response(404)
                self.end_headers()
                return
            self.server.antwoord = dict(urllib.parse.parse_qsl(deel.query))  # type: ignore[attr-defined]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(_KLAAR_HTML)))
            self.end_headers()
            self.wfile.write(_KLAAR_HTML)

        def log_message(self, *_args: Any) -> None:  # the query holds the code: never into a log
            pass

    return _Ontvanger


class Loopback:
    """A one-off listener on 127.0.0.1 (a free port) for the IdP's redirect."""

    def __init__(self) -> None:
        import http.server

        self.server = http.server.HTTPServer(("127.0.0.1", 0), _ontvanger())
        self.server.antwoord = None  # type: ignore[attr-defined]
        self.server.timeout = 0.2
        self.poort = int(self.server.server_address[1])

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.poort}{CALLBACK}"

    def wacht(self, seconden: float, afgebroken: Callable[[], bool]) -> dict[str, str]:
        einde = time.monotonic() + seconden
        while self.server.antwoord is None:  # type: ignore[attr-defined]
            if time.monotonic() > einde or afgebroken():
                raise OidcFout(_AFGEBROKEN)
            self.server.handle_request()
        return dict(self.server.antwoord)  # type: ignore[attr-defined]

    def sluit(self) -> None:
        self.server.server_close()


def meld_aan(cfg: Oidc, open_browser: Callable[[str], object], *, opnieuw: bool = False,
             afgebroken: Callable[[], bool] = lambda: False) -> dict[str, Any]:
    """Run the whole sign-in and return the verified ID token's claims. `opnieuw`: the IdP must ask for the login
    again even if its session is still open (prompt=login, max_age=0), e.g. to unlock an idle-locked window."""
    from authlib.common.security import generate_token
    from authlib.integrations.requests_client import OAuth2Session

    if not cfg.aan:
        raise OidcFout("Inloggen via de gemeente is niet ingesteld.")
    meta = ontdek(cfg.issuer)
    ontvanger = Loopback()
    try:
        sessie = OAuth2Session(cfg.client_id, scope=cfg.scope, redirect_uri=ontvanger.redirect_uri,
                               code_challenge_method="S256", token_endpoint_auth_method="none")
        verifier, nonce = generate_token(64), generate_token(32)
        extra: dict[str, Any] = {"nonce": nonce}
        if opnieuw:
            extra.update(prompt="login", max_age=0)
        url, state = sessie.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier,
                                                     **extra)
        open_browser(url)
        antwoord = ontvanger.wacht(cfg.wachttijd_seconden, afgebroken)
    finally:
        ontvanger.sluit()
    if "error" in antwoord:
        log.info("identity provider weigerde: %s", antwoord.get("error"))
        raise OidcFout("De identity provider van de gemeente heeft het inloggen geweigerd.")
    if antwoord.get("state") != state:
        raise OidcFout("Het antwoord van de identity provider hoort niet bij deze inlogpoging; geweigerd.")
    if "iss" in antwoord and antwoord["iss"] != meta["issuer"]:  # RFC 9207: no mix-up with another IdP
        raise OidcFout("Het antwoord komt van een andere identity provider dan ingesteld; geweigerd.")
    try:
        token = sessie.fetch_token(meta["token_endpoint"], code=antwoord.get("code", ""), code_verifier=verifier)
    except Exception as exc:  # noqa: BLE001 - an IdP refusal or a network error: one Dutch sentence
        raise OidcFout("De identity provider gaf geen toegang (de code werd niet geaccepteerd).") from exc
    if "id_token" not in token:
        raise OidcFout("De identity provider stuurde geen ID-token; inloggen is geweigerd.")
    claims = controleer_id_token(str(token["id_token"]), meta, cfg.client_id, nonce)
    if cfg.claim not in claims and meta.get("userinfo_endpoint"):
        # Many IdPs put profile claims only in the UserInfo answer (OIDC Core 5.4); it must be about the same
        # subject as the verified ID token (OIDC Core 5.3.2).
        try:
            info = sessie.get(meta["userinfo_endpoint"], timeout=10)
            info.raise_for_status()
            extra = info.json()
        except Exception as exc:  # noqa: BLE001
            raise OidcFout("De identity provider gaf de gegevens van het account niet.") from exc
        if extra.get("sub") != claims.get("sub"):
            raise OidcFout("De gegevens van de identity provider horen bij een ander account; geweigerd.")
        claims = {**extra, **claims}
    sessie.close()
    return claims


def controleer_id_token(id_token: str, meta: dict[str, Any], client_id: str, nonce: str) -> dict[str, Any]:
    """Signature against the IdP's published keys, then issuer, audience, nonce and times."""
    from joserfc import jwt
    from joserfc.errors import JoseError
    from joserfc.jwk import KeySet

    try:
        sleutels = _http().get(meta["jwks_uri"], timeout=10).json()
        token = jwt.decode(id_token, KeySet.import_key_set(sleutels), algorithms=ALGORITMEN)
        regels = jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": meta["issuer"]},
            aud={"essential": True, "value": client_id},
            nonce={"essential": True, "value": nonce},
            sub={"essential": True},
            exp={"essential": True},
            leeway=60,
        )
        regels.validate(token.claims)
    except (JoseError, ValueError, KeyError) as exc:
        log.info("ID-token afgekeurd: %s", type(exc).__name__)
        raise OidcFout("Het bewijs van de identity provider (ID-token) klopt niet; inloggen is geweigerd.") from exc
    return dict(token.claims)


def open_in_browser(url: str) -> bool:
    """The system browser (a separate program: the IdP's login page never runs inside Consulent)."""
    import webbrowser

    return webbrowser.open(url)

