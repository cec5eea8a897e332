"""Thin Qt widgets that lay out what the core provides."""
