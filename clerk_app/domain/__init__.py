"""Entities, value objects, state machines and identifier checks; no I/O."""
