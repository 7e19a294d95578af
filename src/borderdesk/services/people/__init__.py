"""Persons and their documents, search in any spelling, watchlists and their import."""
