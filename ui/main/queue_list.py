"""The work queues beside the application list, each with its count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from clerk_app.services.queries import QueueCounts

ALL = ""
QUEUE_TITLES = (
    ("today", "Сегодня"), ("awaiting", "Ждут ответов"), ("ready", "Готовы к решению"),
    ("to_handover", "Готовы к передаче"), ("handed_over", "Переданы"), ("result_received", "Результат получен"),
    ("to_issue", "К выдаче"), ("unclaimed", "Невостребованные"), ("overdue", "Просрочено"),
    ("attention", "Требуют внимания"),
)
QUEUE_TIPS = {
    "ready": "Услуги, решение по которым принимает МФЦ: ответы получены",
    "to_handover": "Дела для передачи в ведомство, которое принимает решение: ответы получены",
    "handed_over": "Дела в ведомстве: переданы электронно или по реестру, ждут результата",
    "result_received": "Ведомство вернуло результат: выдайте его заявителю или представителю",
    "to_issue": "Решение МФЦ принято: выдайте результат",
    "unclaimed": "Результат не забрали в срок хранения: верните его в ведомство по реестру возврата",
}
BOLD_WHEN_ANY = ("overdue", "attention", "ready", "to_handover", "unclaimed")


class QueueList(QListWidget):
    """«Все заявления» and the work queues; `current_queue()` is the key of the one chosen ("" for all)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queues")
        self.setMaximumWidth(260)
        self.setMinimumWidth(170)
        self.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
        all_item = QListWidgetItem(self.tr("Все заявления"))
        all_item.setData(Qt.ItemDataRole.UserRole, ALL)
        self.addItem(all_item)
        self.queue_items: dict[str, QListWidgetItem] = {}
        for key, title in QUEUE_TITLES:
            item = QListWidgetItem(self.tr(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            if key in QUEUE_TIPS:
                item.setToolTip(self.tr(QUEUE_TIPS[key]))
            self.addItem(item)
            self.queue_items[key] = item
        self.setCurrentRow(0)

    def current_queue(self) -> str:
        item = self.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ALL

    def show_all(self) -> None:
        """Back to «Все заявления» without announcing it (the caller re-reads the list)."""
        self.blockSignals(True)
        self.setCurrentRow(0)
        self.blockSignals(False)

    def set_counts(self, counts: QueueCounts) -> None:
        for key, title in QUEUE_TITLES:
            n = counts.queue(key)
            item = self.queue_items[key]
            item.setText(f"{self.tr(title)} ({n})")
            font = item.font()
            font.setBold(bool(n) and key in BOLD_WHEN_ANY)
            item.setFont(font)
