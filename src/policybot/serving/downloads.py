"""Files the page offers for download: everyone's (a conversation, the 政策清单, a match) and admins' only.

Everyone's are written in a fresh folder under one root (``<tmp>/policybot-downloads``); Gradio copies a
returned file into its own cache, so a folder left there for ten minutes is swept away on the next download
(a server answering for weeks does not fill its disk with exports).

Admins' files (audit CSV, 👎 export) are fetched once, by an admin.

They are written inside Gradio's upload folder, in a folder named ``policybot-admin-download-*``, so Gradio
serves them from where they are (it copies files from elsewhere into a folder named by their hash, and
the name that marks them would be lost). The gate answers their ``/gradio_api/file=`` URL only to an
admin, deletes the file once it has been served, and sweeps away any left for ten minutes.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

ADMIN_PREFIX = "policybot-admin-download-"
MAX_AGE_S = 600.0
FILE_ROUTES = ("/gradio_api/file=", "/gradio_api/file/", "/file=", "/file/")


def upload_root() -> Path:
    """Gradio's upload folder (``GRADIO_TEMP_DIR``, else ``<tmp>/gradio``): files in it are served as they are."""
    return Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio").resolve()


PUBLIC_ROOT = "policybot-downloads"


def public_root() -> Path:
    return Path(tempfile.gettempdir()) / PUBLIC_ROOT


def download_path(name: str, now: float | None = None) -> Path:
    """Where a file offered to everyone is written: a fresh folder each time (names never clash); older ones go."""
    root = public_root()
    root.mkdir(parents=True, exist_ok=True)
    _sweep(root.glob("*"), MAX_AGE_S, time.time() if now is None else now)
    return Path(tempfile.mkdtemp(dir=root)) / name


def admin_download_path(name: str) -> Path:
    """Where an admin-only download is written: a fresh folder each time, served once and only to an admin."""
    root = upload_root()
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=ADMIN_PREFIX, dir=root)) / name


def is_admin_download(path: str) -> bool:
    """Whether a request path is a file URL naming an admin-only download (any spelling of the folder)."""
    return path.startswith(FILE_ROUTES) and ADMIN_PREFIX in path


def served_file(path: str) -> Path | None:
    """The admin download a file URL names, when it really lies in one of the admin folders (else None)."""
    for route in FILE_ROUTES:
        if path.startswith(route):
            target = Path(os.path.realpath(path[len(route):]))
            folder = target.parent
            if folder.name.startswith(ADMIN_PREFIX) and folder.parent == upload_root():
                return target
    return None


def discard(target: Path) -> None:
    """Delete a served admin download and its folder."""
    shutil.rmtree(target.parent, ignore_errors=True)


def sweep(max_age_s: float = MAX_AGE_S, now: float | None = None) -> int:
    """Delete admin downloads older than ``max_age_s``; how many folders went."""
    gone = _sweep(upload_root().glob(ADMIN_PREFIX + "*"), max_age_s, time.time() if now is None else now)
    if gone:
        log.info("removed %d admin download(s) older than %d s", gone, max_age_s)
    return gone


def _sweep(found, max_age_s: float, now: float) -> int:
    """Delete the folders ``found`` (a glob) not changed for ``max_age_s``; how many went."""
    gone = 0
    try:
        folders = list(found)
    except OSError:
        return 0
    for folder in folders:
        try:
            if now - folder.stat().st_mtime > max_age_s:
                shutil.rmtree(folder, ignore_errors=True)
                gone += 1
        except OSError:
            continue
    return gone
