"""The demo builder: a client of the other services that fills a database with realistic data."""
