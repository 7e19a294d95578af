"""This site: identity and calendar day, settings, reference data, set-up, database, backups."""
