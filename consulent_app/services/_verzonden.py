"""The guard on every ORM flush: a sent decision is immutable (Awb: a sent decision can only be revoked by a new one).

Registered when the services package is imported (consulent_app/services/__init__.py), whichever service touches a
decision. Kept apart from services.verzending so registering it imports only the models.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from consulent_app.db import models as m
from consulent_app.domain import BeschikkingStatus
from consulent_app.errors import RegelFout


def _oorspronkelijke_status(b: m.Beschikking) -> str | None:
    hist = inspect(b).attrs.status.history
    if hist.deleted:
        return str(hist.deleted[0])
    return b.status


def _bewaak_verzonden(session: Session, _ctx: Any, _instances: Any) -> None:
    """Refuse any change to a decision that has been sent (Awb: a sent decision can only be revoked by a new one)."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, m.Beschikking):
            if _oorspronkelijke_status(obj) == BeschikkingStatus.VERZONDEN.value and (
                obj in session.deleted or session.is_modified(obj, include_collections=True)
            ):
                raise RegelFout(
                    f"Beschikking {obj.kenmerk} is al verzonden en kan niet meer worden gewijzigd. "
                    "Wilt u iets veranderen, maak dan een nieuwe beschikking (herziening)."
                )
        elif isinstance(obj, m.BeschikkingRegel):
            _bewaak_regel(session, obj)
    for obj in session.new:
        if isinstance(obj, m.BeschikkingRegel):
            _bewaak_regel(session, obj)


def _bewaak_regel(session: Session, regel: m.BeschikkingRegel) -> None:
    if regel.beschikking_id is None and regel.beschikking is None:
        return
    b = regel.beschikking if regel.beschikking is not None else session.get(m.Beschikking, regel.beschikking_id)
    if b is not None and _oorspronkelijke_status(b) == BeschikkingStatus.VERZONDEN.value:
        raise RegelFout(f"Beschikking {b.kenmerk} is al verzonden; de besluiten erin kunnen niet meer veranderen.")


if not event.contains(Session, "before_flush", _bewaak_verzonden):
    event.listen(Session, "before_flush", _bewaak_verzonden)
