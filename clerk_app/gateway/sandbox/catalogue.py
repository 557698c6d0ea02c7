"""The catalogue the sandbox serves: loaded from a JSON file, reloaded when the file changes."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clerk_app.resources_path import resources_dir

log = logging.getLogger(__name__)

DEMO_CATALOGUE = "demo-volgograd.json"


def default_catalogue_path() -> Path:
    return resources_dir() / "catalogue" / DEMO_CATALOGUE


@dataclass(frozen=True)
class LoadedCatalogue:
    data: dict[str, Any]
    raw: bytes
    etag: str
    kinds: dict[str, dict[str, Any]] = field(default_factory=dict)
    agencies: frozenset[str] = frozenset()


def parse_catalogue(raw_text: str) -> LoadedCatalogue:
    data = json.loads(raw_text)
    if not isinstance(data, dict):
        raise ValueError("catalogue must be a JSON object")
    for key in ("agencies", "request_kinds", "services"):
        if not isinstance(data.get(key), list):
            raise ValueError(f"catalogue misses the list {key!r}")
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    etag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
    kinds = {k["code"]: k for k in data["request_kinds"] if isinstance(k, dict) and isinstance(k.get("code"), str)}
    agencies = frozenset(a["code"] for a in data["agencies"] if isinstance(a, dict) and isinstance(a.get("code"), str))
    return LoadedCatalogue(data=data, raw=raw, etag=etag, kinds=kinds, agencies=agencies)


class CatalogueSource:
    """Holds the current catalogue; a changed file is picked up on the next request."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"catalogue file not found: {self.path}")
        self._lock = threading.Lock()
        self._mtime = self.path.stat().st_mtime_ns
        self._current = parse_catalogue(self.path.read_text(encoding="utf-8"))

    def current(self) -> LoadedCatalogue:
        with self._lock:
            try:
                mtime = self.path.stat().st_mtime_ns
            except OSError:
                return self._current
            if mtime != self._mtime:
                try:
                    self._current = parse_catalogue(self.path.read_text(encoding="utf-8"))
                except (OSError, ValueError) as exc:
                    log.warning("catalogue %s not reloaded: %s", self.path, exc)
                self._mtime = mtime
            return self._current


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison of an If-None-Match header against the current ETag."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in if_none_match.split(","))
