"""Files of the site MkDocs copies from our caches (processed photos, cleaned documents).

Copying a thousand posts' photos (four files each) into `site/` at every build cost up to a
second; a hard link costs a directory entry. The link is made under a temporary name and
renamed over the target, so an old file in `site/` (itself perhaps a link to an older cache
entry) is replaced, never written into. Where links cannot be made (another filesystem,
as `serve`'s temporary folder may be), the file is copied as MkDocs does.
"""

from __future__ import annotations

import os
import threading

from mkdocs.structure.files import File


class LinkedFile(File):
    """A `File` with a real source, published as a hard link to it when the filesystem allows."""

    def copy_file(self, dirty: bool = False) -> None:
        if self.abs_src_path is None or (dirty and not self.is_modified()):
            super().copy_file(dirty)
            return
        target = self.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        work = f"{target}.tmp-{os.getpid()}-{threading.get_ident()}"
        try:
            os.link(self.abs_src_path, work)
            os.replace(work, target)
        except OSError:
            if os.path.lexists(work):
                os.unlink(work)
            if os.path.lexists(target):
                os.unlink(target)  # a link into the cache must not be overwritten in place
            super().copy_file(dirty)
