"""The rules of the law and of good practice, in one place, free of storage and of Qt."""
