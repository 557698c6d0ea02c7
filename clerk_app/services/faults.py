"""Storage faults as one Russian line saying what happened and what to do (CLI and window share it)."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

LOCKED = ("Базу данных рабочего места сейчас изменяет другая программа (она занята): повторите через "
          "минуту; если не поможет — закройте другие окна программы")
CORRUPT = ("Файл базы данных рабочего места повреждён или это не база данных: восстановите его из "
           "резервной копии (*.bak в папке данных) или обратитесь к администратору")
READ_ONLY = ("Папка данных рабочего места недоступна для записи: проверьте права на папку и её файлы "
             "или укажите другую (--data-dir)")
FULL = "Диск заполнен: освободите место на диске с папкой данных и повторите"
NOT_A_FOLDER = "Папка данных указана неверно: по этому пути находится файл, а не папка (--data-dir)"
CANNOT_OPEN = ("Не удаётся открыть базу данных рабочего места: проверьте, что папка данных существует и "
               "доступна (--data-dir)")


def _sqlite_text(message: str) -> str | None:
    m = message.lower()
    if "locked" in m or "busy" in m:
        return LOCKED
    if "not a database" in m or "malformed" in m or "disk image" in m or "file is encrypted" in m:
        return CORRUPT
    if "readonly" in m or "read-only" in m or "permission" in m:
        return READ_ONLY
    if "full" in m:
        return FULL
    if "disk i/o" in m:
        return "Ошибка чтения или записи диска с папкой данных: проверьте диск и повторите"
    if "unable to open" in m:
        return CANNOT_OPEN
    return None


def _os_text(exc: OSError) -> str | None:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return FULL
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return READ_ONLY
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) or isinstance(exc, (NotADirectoryError, FileExistsError)):
        return NOT_A_FOLDER
    return None


def storage_fault_text(exc: BaseException, data_dir: Path | None = None) -> str | None:
    """The Russian line for a storage fault anywhere in `exc`'s chain; None if it is not one.
    With `data_dir`, a store that cannot be opened in a folder that cannot be written is called so."""
    text = _fault_text(exc)
    if text == CANNOT_OPEN and data_dir is not None and Path(data_dir).is_dir() \
            and not os.access(data_dir, os.W_OK):
        return READ_ONLY
    return text


def _fault_text(exc: BaseException) -> str | None:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        orig = getattr(cur, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
        if isinstance(orig, sqlite3.Error):
            text = _sqlite_text(str(orig))
            if text:
                return text
        if isinstance(cur, sqlite3.Error):
            text = _sqlite_text(str(cur))
            if text:
                return text
        if isinstance(cur, OSError):
            text = _os_text(cur)
            if text:
                return text
        cur = cur.__cause__ or cur.__context__
    return None
