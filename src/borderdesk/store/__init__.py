"""Storage: SQLModel tables, the engine (SQLite / PostgreSQL), Alembic migrations."""
