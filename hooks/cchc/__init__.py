"""The CCHC section of a public unit's website: content model and build logic.

Each module is one concern; `hooks/cchc_hooks.py` adapts them to MkDocs events.
"""
