"""The help-desk workspace: uploads checked, audited and built in the background; feedback, the review queue and the
SQLite helpers they share."""

from policybot.workspace.audit import AuditLog
from policybot.workspace.builds import BuildRunner, Snapshot, change_summary
from policybot.workspace.service import Workspace
from policybot.workspace.uploads import UploadMeta, check_file, clean_name

__all__ = ["AuditLog", "BuildRunner", "Snapshot", "UploadMeta", "Workspace", "change_summary",
           "check_file", "clean_name"]
