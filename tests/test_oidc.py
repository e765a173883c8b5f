"""Login with the municipality's identity provider (issue 15 point 11): OpenID Connect, authorization code with
PKCE, against a real OpenID Provider started on loopback (tests/oidc_idp.py). The IdP's user is mapped to a
Gebruiker by the configured claim; unknown and switched-off users are refused; a tampered answer is refused."""

from __future__ import annotations

import dataclasses
import urllib.parse
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from consulent_app import oidc
from consulent_app.config import Config, Oidc
from consulent_app.db import models as m
from consulent_app.errors import AuthenticatieFout
from consulent_app.services import auth, beheer
from consulent_app.services.base import AppContext
from tests.factories import Basis
from tests.oidc_idp import Browser, idp


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    with idp() as url:
        yield url


def _met_oidc(ctx: AppContext, issuer: str) -> AppContext:
    cfg: Config = dataclasses.replace(ctx.config, oidc=Oidc(aan=True, issuer=issuer, client_id="consulent",
                                                            wachttijd_seconden=30))
    return AppContext(config=cfg, engine=ctx.engine)


def test_a_known_user_signs_in_at_the_idp_with_pkce(basis: Basis, issuer: str) -> None:
    ctx = _met_oidc(basis.ctx, issuer)
    browser = Browser("consulent")
    claims = oidc.meld_aan(ctx.config.oidc, browser)
    actor = auth.inloggen_oidc(ctx, claims)
    assert actor.gebruikersnaam == "consulent" and actor.aanmelding == "oidc"
    assert actor.teams == basis["consulent"].teams
    vraag = urllib.parse.parse_qs(urllib.parse.urlsplit(browser.bezocht[0]).query)
    assert vraag["response_type"] == ["code"] and vraag["code_challenge_method"] == ["S256"]
    assert len(vraag["code_challenge"][0]) >= 43 and "nonce" in vraag and "state" in vraag
    assert vraag["redirect_uri"][0].startswith("http://127.0.0.1:")
    with ctx.session_factory() as s:
        laatste = s.scalars(select(m.AuditEvent).order_by(m.AuditEvent.id.desc())).first()
    assert laatste is not None and (laatste.actie, laatste.details) == ("inloggen", "oidc")


def test_an_unknown_user_of_the_idp_is_refused(basis: Basis, issuer: str) -> None:
    ctx = _met_oidc(basis.ctx, issuer)
    claims = oidc.meld_aan(ctx.config.oidc, Browser("iemand.anders"))
    assert claims["preferred_username"] == "iemand.anders"  # the IdP did sign him in
    with pytest.raises(AuthenticatieFout, match="niet bekend of is uitgeschakeld"):
        auth.inloggen_oidc(ctx, claims)


def test_a_switched_off_user_is_refused_even_with_a_valid_idp_login(basis: Basis, issuer: str) -> None:
    ctx = _met_oidc(basis.ctx, issuer)
    gid = basis["consulent2"].gebruiker_id
    beheer.deactiveer_gebruiker(basis.ctx, basis["beheerder"], gid)
    claims = oidc.meld_aan(ctx.config.oidc, Browser("consulent2"))
    with pytest.raises(AuthenticatieFout, match="uitgeschakeld"):
        auth.inloggen_oidc(ctx, claims)


def test_a_tampered_answer_is_refused(basis: Basis, issuer: str) -> None:
    ctx = _met_oidc(basis.ctx, issuer)

    def andere_state(url: str) -> str:
        deel = urllib.parse.urlsplit(url)
        vraag = dict(urllib.parse.parse_qsl(deel.query))
        vraag["state"] = "vervalst"
        return urllib.parse.urlunsplit(deel._replace(query=urllib.parse.urlencode(vraag)))

    with pytest.raises(oidc.OidcFout, match="hoort niet bij deze inlogpoging"):
        oidc.meld_aan(ctx.config.oidc, Browser("consulent", knoei=andere_state))


def test_an_id_token_for_another_client_or_nonce_is_refused(basis: Basis, issuer: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = _met_oidc(basis.ctx, issuer)
    vast: dict[str, object] = {}
    echt = oidc.controleer_id_token

    def bewaar(id_token, meta, client_id, nonce):  # type: ignore[no-untyped-def]
        vast.update(id_token=id_token, meta=meta, client_id=client_id, nonce=nonce)
        return echt(id_token, meta, client_id, nonce)

    monkeypatch.setattr(oidc, "controleer_id_token", bewaar)
    oidc.meld_aan(ctx.config.oidc, Browser("consulent"))
    with pytest.raises(oidc.OidcFout, match="ID-token"):
        echt(vast["id_token"], vast["meta"], "een-andere-app", vast["nonce"])  # type: ignore[arg-type]
    with pytest.raises(oidc.OidcFout, match="ID-token"):
        echt(vast["id_token"], vast["meta"], "consulent", "andere-nonce")  # type: ignore[arg-type]
    stuk = str(vast["id_token"])[:-4] + ("AAAA" if not str(vast["id_token"]).endswith("AAAA") else "BBBB")
    with pytest.raises(oidc.OidcFout, match="ID-token"):
        echt(stuk, vast["meta"], "consulent", vast["nonce"])  # type: ignore[arg-type]


def test_unlocking_after_idle_needs_the_same_user_at_the_idp(basis: Basis, issuer: str) -> None:
    ctx = _met_oidc(basis.ctx, issuer)
    actor = auth.inloggen_oidc(ctx, oidc.meld_aan(ctx.config.oidc, Browser("consulent")))
    opnieuw = Browser("consulent")
    auth.controleer_ontgrendeling_oidc(ctx, actor, oidc.meld_aan(ctx.config.oidc, opnieuw, opnieuw=True))
    vraag = urllib.parse.parse_qs(urllib.parse.urlsplit(opnieuw.bezocht[0]).query)
    assert vraag["prompt"] == ["login"] and vraag["max_age"] == ["0"]  # the IdP asks again
    with pytest.raises(AuthenticatieFout, match="ander account"):
        auth.controleer_ontgrendeling_oidc(ctx, actor, oidc.meld_aan(ctx.config.oidc, Browser("planner"),
                                                                     opnieuw=True))
