"""The desktop front (PySide6): the only package that imports Qt.

A thin layer over the same services the command line uses; `app.run_app` starts it.
"""
