"""Reading a page of items (answers, events) so that one item too deep to parse spoils only itself.

`json.loads` raises RecursionError on a body nested thousands of levels deep. Then the page is cut
into its items with a flat scan (strings and brackets only), each item is parsed alone, and an item
that still cannot be parsed comes back as an *unreadable* marker with the ids found at its top level,
so that the caller can set it aside and move on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

UNREADABLE = "__unreadable__"
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)
_VALUE = re.compile(r'\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)', re.S)
_IDS = ("response_id", "event_id", "message_id", "case_id", "seq", "workstation", "type")
RAW_KEPT = 4096


def loads_page(raw: bytes, key: str) -> Any:
    """The decoded page; on excessive nesting, the page with its `key` array parsed item by item."""
    text = raw.decode("utf-8")
    try:
        return json.loads(text)
    except RecursionError:
        return _split(text, key)


def _unreadable(text: str, ids: dict[str, Any]) -> dict[str, Any]:
    return {**ids, UNREADABLE: "вложенность данных слишком глубокая", "raw": text[:RAW_KEPT]}


def _split(text: str, key: str) -> Any:
    depth, expect, start, end = 0, False, -1, -1
    items: list[tuple[int, int, dict[str, Any]]] = []
    item_start, ids = -1, {}
    wanted = json.dumps(key)
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0] == '"':
            if depth == 1 and start < 0 and tok == wanted:
                expect = True
            elif depth == 3 and item_start >= 0 and end < 0:
                value = _VALUE.match(text, m.end())
                name = json.loads(tok)
                if value and name in _IDS and name not in ids:
                    ids[name] = json.loads(value.group(1))
            continue
        if tok in "[{":
            depth += 1
            if expect and depth == 2:
                expect = False
                if tok == "[":
                    start = m.start()
            elif start >= 0 and end < 0 and depth == 3 and tok == "{":
                item_start, ids = m.start(), {}
        else:
            if start >= 0 and end < 0:
                if depth == 3 and tok == "}" and item_start >= 0:
                    items.append((item_start, m.end(), ids))
                    item_start = -1
                elif depth == 2 and tok == "]":
                    end = m.end()
            depth -= 1
    if start < 0 or end < 0:
        raise ValueError("no item array in the page")
    page = json.loads(text[:start] + "[]" + text[end:])  # RecursionError here: the envelope itself is bad
    parsed = []
    for s, e, found in items:
        try:
            parsed.append(json.loads(text[s:e]))
        except RecursionError:
            parsed.append(_unreadable(text[s:e], found))
    if isinstance(page, dict):
        page[key] = parsed
    return page


def too_deep(value: Any, limit: int) -> bool:
    """True when `value` nests dicts and lists deeper than `limit` (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if level > limit:
            return True
        stack.extend((child, level + 1) for child in children)
    return False
