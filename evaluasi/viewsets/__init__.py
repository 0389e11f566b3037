"""Wagtail admin, one module per admin menu (being split: see the next commit)."""
