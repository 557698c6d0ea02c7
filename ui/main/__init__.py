"""The main window's parts: the work queues, the search and filter bar, the application list, the menus,
the other screens it opens, and the screen lock."""
