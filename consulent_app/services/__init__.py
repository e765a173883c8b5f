"""The use cases: one function per thing a user does, each in one transaction, each checking the caller's role."""

# Registers the guard that refuses any change to a sent decision, whichever service touches it.
from consulent_app.services import _verzonden  # noqa: E402, F401
