"""Who may manage: the gate (``policybot.serving.guard``) marks requests made with an admin key or an admin session.

The gate removes any ``x-policybot-admin`` header a client sends and adds its own, holding the admin key's
label, only when the request carries an admin key (``X-API-Key``) or the admin's session cookie. Handlers of
management tabs ask :func:`admin_label` and refuse when it is ``None``.
"""

from __future__ import annotations

from policybot.serving.guard import ADMIN_HEADER

NEED_ADMIN = "需要管理员权限：请先用管理员密钥登录。"


def admin_label(request) -> str | None:
    """The admin key's label behind a Gradio/Starlette request, or None (not an admin, or management off)."""
    if request is None:
        return None
    headers = getattr(request, "headers", None) or {}
    label = headers.get(ADMIN_HEADER) if hasattr(headers, "get") else None
    return label or None


def required(label_of, request, quiet: bool = False) -> str | None:
    """The admin label (``label_of(request)``), or None after telling the user why nothing happens (unless
    ``quiet``: a page load is not the user's doing)."""
    # deferred: loads gradio on first use, not at import
    from policybot.serving.web.common import tip

    label = label_of(request)
    if label is None and not quiet:
        tip(NEED_ADMIN)
    return label
