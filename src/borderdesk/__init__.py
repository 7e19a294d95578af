"""BorderDesk: offline readmission case management for border posts, centres and HQ."""

__version__ = "0.1.0"
