"""Рабочее место оператора МФЦ: the Qt-free core of the clerk application."""

__version__ = "0.1.0"
