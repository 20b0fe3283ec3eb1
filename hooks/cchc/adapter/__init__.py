"""Adapter: the MkDocs side: one build's state, the engine (MkDocs or ProperDocs), its log in Vietnamese."""
