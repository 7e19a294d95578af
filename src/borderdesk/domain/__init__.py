"""Pure-Python rules of the trade: no Qt, no SQL."""
