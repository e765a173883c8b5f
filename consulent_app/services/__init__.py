"""The use cases: one function per thing a user does, each in one transaction, each checking the caller's role."""

# Registers, for every ORM flush whichever service makes it: the guard that refuses any change to a sent decision,
# and the hook that keeps the monthly review counts (toetsscore_maand) in step with the score writes.
from consulent_app.services import _verzonden, toetstelling  # noqa: E402, F401
