"""The build's "now": `SOURCE_DATE_EPOCH` when set, so builds are reproducible."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def build_now() -> datetime:
    """An aware UTC datetime for scheduled posts, overdue tasks and feed dates."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC)
