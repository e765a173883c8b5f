"""The use cases: one function per thing a user does, each in one transaction, each checking the caller's role."""
