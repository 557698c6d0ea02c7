"""The Qt layer of the clerk application."""
