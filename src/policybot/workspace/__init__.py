"""The help-desk workspace: document management (uploads checked, audited, built in the background)."""

from .audit import AuditLog
from .builds import BuildRunner, Snapshot, change_summary
from .service import Workspace
from .uploads import UploadMeta, check_file, clean_name

__all__ = ["AuditLog", "BuildRunner", "Snapshot", "UploadMeta", "Workspace", "change_summary",
           "check_file", "clean_name"]
