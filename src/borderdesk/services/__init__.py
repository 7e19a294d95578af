"""Use cases: one transaction each, permissions checked, audited. The only layer with sessions."""
