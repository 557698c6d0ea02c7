"""The centre hub: the gateway server a region runs (PostgreSQL, issued workstation tokens)."""
