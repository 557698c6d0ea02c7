"""The application window's parts: what is read for it, its tabs, and its action buttons."""
