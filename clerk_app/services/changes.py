"""What a mutating call changed, in the spirit of Anki's `OpChanges`: the applications it touched,
whether the catalogue or the workstation's settings changed, and whether the outbox moved.

Services record into `ctx.changes` as they write; whoever ran the call (the window's operation
runner, a sync pass) takes the record and passes it on, so every screen and cache can follow.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    applications: frozenset[str] = frozenset()  # ids of applications whose state changed
    catalogue: bool = False
    settings: bool = False
    outbox: bool = False  # items queued, sent or resolved: the counts of waiting items moved

    @property
    def empty(self) -> bool:
        return not (self.applications or self.catalogue or self.settings or self.outbox)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.applications | other.applications, self.catalogue or other.catalogue,
                       self.settings or other.settings, self.outbox or other.outbox)

    def touches(self, application_id: str | None) -> bool:
        """Whether a screen showing `application_id` must read it again."""
        return self.catalogue or application_id is None or application_id in self.applications


NO_CHANGES = Changes()


class ChangeRecorder:
    """Collects changes made through one context, from any thread, until they are taken."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending = NO_CHANGES

    def record(self, changes: Changes) -> None:
        with self._lock:
            self._pending = self._pending | changes

    def application(self, *ids: str) -> None:
        self.record(Changes(applications=frozenset(ids), outbox=True))

    def applications(self, ids: Iterable[str]) -> None:
        self.record(Changes(applications=frozenset(ids)))

    def catalogue(self) -> None:
        self.record(Changes(catalogue=True))

    def settings(self) -> None:
        self.record(Changes(settings=True))

    def outbox(self) -> None:
        self.record(Changes(outbox=True))

    def take(self) -> Changes:
        with self._lock:
            taken, self._pending = self._pending, NO_CHANGES
            return taken
