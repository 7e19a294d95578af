"""Sync by file: the package format, its envelope, export from and merge into a session.

Nothing here opens a database session: services hand one in (DESIGN.md, layers).
"""
