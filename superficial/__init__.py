"""Superficial Intelligence dashboard: content, benchmark store, queries and charts."""
