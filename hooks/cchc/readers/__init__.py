"""Readers: editors' files (posts, plans, hand-written pages, the files they link) into content."""
