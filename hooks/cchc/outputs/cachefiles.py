"""Cache entries of processed files (images, attachments): whole, and checked when reused.

An entry is a folder `<cache>/<key>/` with the files and a `meta.json` recording
each file's size and SHA-256. It is written to a private folder and renamed into
place, so it is whole or absent; on reuse every file is checked against the
record, so a file truncated or altered on disk is made again instead of being
republished for ever.

Hashing every file on every build cost more than the rest of reading a warm cache, so a
`DigestMemo` remembers each digest with the file's size, mtime (ns) and inode, and hashes
again whenever one of them differs: any write to a file (a disk error, a hand, an
optimiser working in `site/` on a hard-linked copy) changes its mtime.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
from pathlib import Path

META = "meta.json"
MEMO = "digests.json"  # a cache folder's DigestMemo


def file_sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


class DigestMemo:
    """SHA-256 of files, remembered across builds by (size, mtime_ns, inode); saved atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._changed = False
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        self._known: dict[str, list[object]] = loaded if isinstance(loaded, dict) else {}

    def digest(self, path: Path) -> str:
        """The file's SHA-256, read again unless its size, mtime and inode are those remembered."""
        stat = path.stat()
        stamp: list[object] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        key = str(path)
        with self._lock:
            known = self._known.get(key)
        if isinstance(known, list) and len(known) == 4 and known[:3] == stamp and isinstance(known[3], str):
            return known[3]
        digest = file_sha256(path)
        self.remember(path, digest, stamp)
        return digest

    def remember(self, path: Path, digest: str, stamp: list[object] | None = None) -> None:
        """`digest` is the file's now (hashed, or just written from those bytes)."""
        if stamp is None:
            stat = path.stat()
            stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        with self._lock:
            self._known[str(path)] = [*stamp, digest]
            self._changed = True

    def save(self) -> None:
        """Written only when something was hashed; a cache that cannot be written is hashed again next time."""
        if not self._changed:
            return
        work = self.path.with_name(f".tmp-{self.path.name}-{os.getpid()}-{threading.get_ident()}")
        kept = {name: known for name, known in self._known.items() if os.path.isfile(name)}  # not deleted entries
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            work.write_text(json.dumps(kept, sort_keys=True), encoding="utf-8")
            os.replace(work, self.path)
            self._changed = False
        except OSError:
            with contextlib.suppress(OSError):  # the folder itself may be what cannot be written
                work.unlink()


def write_entry(
    cache_dir: Path, key: str, files: dict[str, bytes], meta: dict[str, object], memo: DigestMemo | None = None
) -> None:
    """Store `files` and `meta` (plus the files' sizes and hashes) as entry `key`; `memo` learns the hashes.

    Raises OSError when the cache cannot be written (nothing partial is left).
    """
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    meta = {**meta, "files": {name: [len(files[name]), digest] for name, digest in digests.items()}}
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
    if memo is not None:
        for name, digest in digests.items():
            memo.remember(final / name, digest)


def read_entry(entry: Path, memo: DigestMemo | None = None) -> dict[str, object] | None:
    """The entry's meta when every file it lists is there with its recorded size and hash.

    With a `memo`, a file unchanged since it was last hashed is not read again.
    """
    try:
        meta = json.loads((entry / META).read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            return None
        for name, (size, digest) in meta["files"].items():
            path = entry / name
            # The size first: a truncated file is caught without reading it.
            if path.stat().st_size != size:
                return None
            if (memo.digest(path) if memo else file_sha256(path)) != digest:
                return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return meta
