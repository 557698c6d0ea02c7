"""The application's style sheet: a focus ring that a clerk sees from a metre away."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

FOCUS = "#1565c0"

APP_QSS = f"""
QPushButton {{ border: 1px solid #8c8c8c; border-radius: 3px; padding: 4px 12px; background: #f6f6f6;
               min-height: 18px; }}
QPushButton:hover {{ background: #e6effb; }}
QPushButton:pressed {{ background: #cfdff5; }}
QPushButton:default {{ border-color: #4a4a4a; }}
QPushButton:disabled {{ color: #9a9a9a; border-color: #c8c8c8; }}
QPushButton:focus {{ border: 2px solid {FOCUS}; padding: 3px 11px; background: #e6effb; }}
QPushButton:flat {{ border: none; background: transparent; }}
QLineEdit {{ border: 1px solid #8c8c8c; border-radius: 2px; padding: 3px 4px; background: #ffffff; }}
QLineEdit:disabled {{ background: #f0f0f0; color: #808080; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 2px solid {FOCUS}; padding: 2px 3px; }}
QPlainTextEdit {{ border: 1px solid #8c8c8c; }}
QComboBox:focus, QSpinBox:focus, QDateEdit:focus {{ border: 2px solid {FOCUS}; }}
QCheckBox:focus, QRadioButton:focus {{ background: #dbe8fa; border-radius: 2px; }}
QTableView:focus, QListView:focus, QTreeView:focus {{ border: 2px solid {FOCUS}; }}
QTabBar::tab:focus {{ border: 2px solid {FOCUS}; }}
"""


def apply_style(app: QApplication) -> None:
    app.setStyleSheet(APP_QSS)
