"""Files reach the page's events only as uploads: written by Gradio's upload route for the admin who uses them.

A page event's input may carry a FileData whose ``path`` the client chose. Gradio checks it only for an app it
launched itself (``processing_utils._check_allowed`` returns early while ``Blocks.has_launched`` is False, and
``gr.mount_gradio_app`` never sets it), so ``/dev/zero`` or a FIFO was hashed in the event loop (the server froze)
and a readable file was copied into the cache, where ``/gradio_api/file=`` serves it — all before the handler's
admin check. Here, before Gradio touches any input (a wrapper around ``Blocks.process_api``, the one seam every
event passes): a file is accepted only in an input of a file component, from an admin, and only a path the upload
route wrote for that admin's key (:class:`RecordUploads`), a regular file in the upload folder within the size
limit — checked with ``lstat``, nothing is opened. Handlers then read it with :func:`read_upload` (in Gradio's
worker threads, never in the event loop).
"""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from pathlib import Path

from policybot.errors import PolicybotError
from policybot.serving.guard import ADMIN_HEADER
from policybot.serving.web.admin import NEED_ADMIN, admin_label

UPLOAD_PATHS = ("/gradio_api/upload", "/upload")
NOT_UPLOADED = "只接受在本页面刚上传的文件：请重新选择文件上传。"
NO_FILES_HERE = "这个操作不接受文件。"


class UploadLedger:
    """The files Gradio's upload route wrote, and for which admin (key label): each for ``ttl_s`` seconds."""
    def __init__(self, ttl_s: float = 3600.0, most: int = 2000):
        self.ttl_s, self.most = ttl_s, most
        self._files: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def add(self, label: str, paths: list[str]) -> None:
        now = time.monotonic()
        with self._lock:
            self._files = {p: v for p, v in self._files.items() if now - v[1] < self.ttl_s}
            for p in paths:
                self._files[os.path.realpath(p)] = (label, now)
            while len(self._files) > self.most:  # oldest first
                self._files.pop(next(iter(self._files)))

    def holds(self, label: str, path: str) -> bool:
        entry = self._files.get(os.path.realpath(path))
        return entry is not None and entry[0] == label and time.monotonic() - entry[1] < self.ttl_s


class RecordUploads:
    """ASGI middleware: notes the paths each admin's upload returns (the gate has marked admin requests)."""
    def __init__(self, app, ledger: UploadLedger):
        self.app, self.ledger = app, ledger

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "POST" or scope.get("path") not in UPLOAD_PATHS:
            return await self.app(scope, receive, send)
        label = dict(scope.get("headers") or []).get(ADMIN_HEADER.encode(), b"").decode("utf-8", "replace")
        status, body = {"code": 0}, []

        async def noting(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            elif message["type"] == "http.response.body" and status["code"] == 200 and label:
                body.append(message.get("body", b""))
                if not message.get("more_body"):
                    try:
                        paths = json.loads(b"".join(body))
                    except ValueError:
                        paths = []
                    self.ledger.add(label, [p for p in paths if isinstance(p, str)])
            await send(message)

        await self.app(scope, receive, noting)


def _file_dicts(value) -> list[dict]:
    """Every FileData-like dict (a ``path`` string) in an input value, however deep."""
    if isinstance(value, dict):
        if isinstance(value.get("path"), str):
            return [value]
        return [d for v in value.values() for d in _file_dicts(v)]
    if isinstance(value, (list, tuple)):
        return [d for v in value for d in _file_dicts(v)]
    return []


def upload_problem(path: str, folder: str, max_bytes: int) -> str | None:
    """None for a regular file (not a link, FIFO or device) inside ``folder`` of at most ``max_bytes``, else why
    not; nothing is opened."""
    try:
        st = os.lstat(path)
    except (OSError, ValueError):
        return NOT_UPLOADED
    real, root = os.path.realpath(path), os.path.realpath(folder)
    if not stat.S_ISREG(st.st_mode) or os.path.commonpath([real, root]) != root:
        return NOT_UPLOADED
    if st.st_size > max_bytes:
        return f"文件大小 {st.st_size / 1048576:.1f} MB，超过 {max_bytes / 1048576:.0f} MB 的上限"
    return None


def refusal(block_fn, inputs: list, request, ledger: UploadLedger, folder: str, max_bytes: int) -> str | None:
    """Why this event may not go on with the files in ``inputs`` (None: no file, or every file fine)."""
    from gradio.components import File, UploadButton

    found = [(i, d) for i, value in enumerate(inputs or []) for d in _file_dicts(value)]
    if not found:
        return None
    takes = {i for i, block in enumerate(block_fn.inputs) if isinstance(block, (File, UploadButton))}
    if any(i not in takes for i, _ in found):
        return NO_FILES_HERE
    label = admin_label(request)
    if label is None:
        return NEED_ADMIN
    for _, d in found:
        if not ledger.holds(label, d["path"]):
            return NOT_UPLOADED
        problem = upload_problem(d["path"], folder, max_bytes)
        if problem:
            return problem
    return None


def guard_file_inputs(blocks, ledger: UploadLedger, max_bytes: int) -> None:
    """Check every event's files before Gradio processes its inputs (see the module docstring), and turn on
    Gradio's own check for the mounted page (inputs only from the upload folder). Call after mounting."""
    import gradio as gr

    original = blocks.process_api
    folder = blocks.GRADIO_CACHE
    blocks.has_launched = True  # mount_gradio_app leaves it False, and Gradio then checks no path at all

    async def process_api(block_fn, inputs, state=None, request=None, *args, **kwargs):
        fn = blocks.fns[block_fn] if isinstance(block_fn, int) else block_fn
        why = refusal(fn, inputs, request, ledger, folder, max_bytes)
        if why is not None:
            raise gr.Error(why, title="提示", print_exception=False)
        return await original(block_fn, inputs, state, request, *args, **kwargs)

    blocks.process_api = process_api


def read_upload(path: str, max_bytes: int) -> bytes:
    """An uploaded file's bytes, read without following a link or waiting on a FIFO, refused past ``max_bytes``;
    the upload's temporary copy is removed (an accepted file lives in corpus/). Call it from a worker thread."""

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise PolicybotError(NOT_UPLOADED) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise PolicybotError(NOT_UPLOADED)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(max_bytes + 1)
    finally:
        os.close(fd)
    Path(path).unlink(missing_ok=True)
    return data
