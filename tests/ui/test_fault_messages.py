"""The window's error text for a storage fault is the command line's Russian line."""

from __future__ import annotations

import errno
import sqlite3

from sqlalchemy.exc import DatabaseError, OperationalError

from clerk_app.services import faults
from ui.widgets.messages import error_text


def test_storage_faults_read_as_the_command_line_says():
    assert error_text(OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))) \
        == faults.LOCKED
    assert error_text(DatabaseError("select", {}, sqlite3.DatabaseError("file is not a database"))) == faults.CORRUPT
    assert error_text(OperationalError("insert", {}, sqlite3.OperationalError("database or disk is full"))) \
        == faults.FULL
    assert error_text(OSError(errno.ENOSPC, "No space left on device")) == faults.FULL
    assert error_text(OperationalError("x", {}, sqlite3.OperationalError("attempt to write a readonly database"))) \
        == faults.READ_ONLY
