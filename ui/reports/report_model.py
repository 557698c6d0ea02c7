"""The report as a table: one row per group and a bold «Итого» row; columns are the report's figures."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from clerk_app.services.reports.figures import ALL_KEYS, SHORT_TITLES, TITLES
from clerk_app.services.reports.formats import TOTAL_RU, cell_text
from clerk_app.services.reports.query import GROUP_RU, GroupBy, Report

KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the group key of a row (None on the total row)
FIGURE_ROLE = Qt.ItemDataRole.UserRole + 2  # the figure of a column (None on the name column)
AnyIndex = QModelIndex | QPersistentModelIndex


def wrap_title(text: str, width: int = 14) -> str:
    """A column title on two or three lines, so the columns stay narrow."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


class ReportTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self.report = report
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() or self.report is None:
            return 0
        return len(self.report.rows) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 1 + len(ALL_KEYS)

    def _values(self, row: int) -> tuple[str, str | None, dict[str, Any]]:
        assert self.report is not None
        if row < len(self.report.rows):
            r = self.report.rows[row]
            return r.name, r.key, r.values
        return TOTAL_RU, None, self.report.total

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.report is None:
            return None
        name, key, values = self._values(index.row())
        col = index.column()
        figure = ALL_KEYS[col - 1] if col else None
        if role == Qt.ItemDataRole.DisplayRole:
            return name if figure is None else cell_text(values[figure])
        if role == Qt.ItemDataRole.ToolTipRole:
            return name if figure is None else f"{name}: {TITLES[figure]}. Двойной щелчок — список заявлений"
        if role == Qt.ItemDataRole.TextAlignmentRole and figure is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and key is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == KEY_ROLE:
            return key
        if role == FIGURE_ROLE:
            return figure
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return GROUP_RU[self.report.by if self.report else GroupBy.SERVICE]
            return wrap_title(SHORT_TITLES[ALL_KEYS[section - 1]], 11)
        if role == Qt.ItemDataRole.ToolTipRole and section:
            return TITLES[ALL_KEYS[section - 1]]
        return None
