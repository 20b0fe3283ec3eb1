"""Cache entries of processed files (images, attachments): whole, and checked when reused.

An entry is a folder `<cache>/<key>/` with the files and a `meta.json` recording
each file's size and SHA-256. It is written to a private folder and renamed into
place, so it is whole or absent; on reuse every file is checked against the
record, so a file truncated or altered on disk is made again instead of being
republished for ever.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from pathlib import Path

META = "meta.json"


def write_entry(cache_dir: Path, key: str, files: dict[str, bytes], meta: dict[str, object]) -> None:
    """Store `files` and `meta` (plus the files' sizes and hashes) as entry `key`.

    Raises OSError when the cache cannot be written (nothing partial is left).
    """
    meta = {**meta, "files": {name: [len(data), hashlib.sha256(data).hexdigest()] for name, data in files.items()}}
    final = cache_dir / key
    work = cache_dir / f".tmp-{key}-{os.getpid()}-{threading.get_ident()}"
    try:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        for name, data in files.items():
            (work / name).write_bytes(data)
        (work / META).write_text(json.dumps(meta), encoding="utf-8")
        shutil.rmtree(final, ignore_errors=True)  # a damaged entry
        os.replace(work, final)
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
        raise


def read_entry(entry: Path) -> dict[str, object] | None:
    """The entry's meta when every file it lists is there with its recorded size and hash."""
    try:
        meta = json.loads((entry / META).read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            return None
        for name, (size, digest) in meta["files"].items():
            path = entry / name
            # The size first: a truncated file is caught without reading it.
            if path.stat().st_size != size:
                return None
            with path.open("rb") as f:
                if hashlib.file_digest(f, "sha256").hexdigest() != digest:
                    return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return meta
