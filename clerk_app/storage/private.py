"""Files of the data folder readable by their owner only: folder 0700, files 0600, atomic writes."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
POSIX = os.name == "posix"


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) owner-only; tighten it if it is ours and too open."""
    path = Path(path)
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if POSIX:
        st = path.stat()
        if st.st_uid == os.getuid() and st.st_mode & 0o077:
            path.chmod(DIR_MODE)
    return path


def restrict(path: Path) -> None:
    """Make an existing file owner-only (a no-op where POSIX modes do not apply)."""
    if not POSIX:
        return
    try:
        st = os.stat(path)
        if st.st_uid == os.getuid() and st.st_mode & 0o077:
            os.chmod(path, FILE_MODE)
    except FileNotFoundError:
        pass


def open_private(path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> int:
    """A descriptor of `path` created 0600 whatever the umask."""
    fd = os.open(path, flags, FILE_MODE)
    if POSIX:
        os.fchmod(fd, FILE_MODE)
    return fd


def create_private(path: Path) -> None:
    """Create `path` empty and owner-only unless it exists; tighten it if it does."""
    try:
        os.close(open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        restrict(path)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` owner-only and atomically; nothing is left behind when the write fails."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        fd = open_private(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
