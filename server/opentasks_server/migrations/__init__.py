"""Alembic migrations of the server's database (run by `opentasks_server.db.upgrade`)."""
