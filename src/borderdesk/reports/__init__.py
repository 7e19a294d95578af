"""The monthly figures, computed from a session the caller gives; CSV and XLSX writers.

No session is opened here (``services.returns`` does that); nothing here writes to
the database.
"""
