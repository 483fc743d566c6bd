"""One chat message as the page shows it: the answer with its own sources, warnings and copy button.

Everything from a question or a document is escaped; the Chatbot's sanitizer runs on top. ``[n]`` markers
become links to this message's card ``#pb-<turn>-c<n>`` (the page script opens the 来源 block and scrolls);
a hidden ``.pb-plain`` span holds the plain text that "复制回答" copies."""

from __future__ import annotations

import html
import re

from policybot.serving.web.render import citation_card
from policybot.serving.web.transcript import OUTCOME_TAGS, plain_answer, shown
from policybot.types import Answer

e = html.escape
_MARKER = re.compile(r"\[(\d{1,2})\]")


def bubble(answer: Answer, turn: str) -> str:
    """The assistant message for ``answer``; ``turn`` makes its anchors unique on the page."""
    known = {c.n for c in answer.all_citations}
    parts = [_notice(answer), _head(answer), _body(answer, turn, known), _warnings(answer), _sources(answer, turn)]
    if answer.all_citations:
        parts.append('<div class="pb-actions"><button type="button" class="pb-copy" title="复制回答和来源（纯文本）">'
                     "复制回答</button></div>")
    parts.append(f'<span class="pb-plain" style="display:none">{e(plain_answer(answer))}</span>')
    return f'<div class="pb-msg">{"".join(p for p in parts if p)}</div>'


def _notice(answer: Answer) -> str:
    return f'<div class="pb-notice" role="note">ⓘ {e(answer.notice)}</div>' if answer.notice else ""


def _head(answer: Answer) -> str:
    tag = OUTCOME_TAGS.get(answer.outcome)
    kind = {"elsewhere": "pb-tag-elsewhere", "curated": "pb-tag-curated"}.get(answer.outcome, "pb-tag-none")
    return f'<div class="pb-tag {kind}">{e(tag)}</div>' if tag else ""


def _linked(text: str, turn: str, known: set[int]) -> str:
    """Escaped text whose ``[n]`` markers link to the message's own cards."""
    def link(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in known:
            return m.group(0)
        return f'<a class="pb-ref" href="#pb-{turn}-c{n}" title="查看来源{n}">[{n}]</a>'

    return _MARKER.sub(link, e(text))


def _body(answer: Answer, turn: str, known: set[int]) -> str:
    """The bold line, then the quotes with their [n] links; a bold line that is part of the only quote is bolded there."""
    view = shown(answer)
    expired = any(c.expired for c in answer.citations)
    badge = ' <span class="pb-badge pb-expired">已过期</span>' if expired else ""
    out = [f"<p><b>{_linked(line, turn, known)}</b>{badge if i == 0 else ''}</p>" for i, line in enumerate(view.bold)]
    for i, line in enumerate(view.lines):
        if view.bold_in and view.bold_in[0] == i:
            _, a, b = view.bold_in
            out.append(f"<p>{_linked(line[:a], turn, known)}<b>{_linked(line[a:b], turn, known)}</b>"
                       f"{_linked(line[b:], turn, known)}{badge}</p>")
        else:
            out.append(f"<p>{_linked(line, turn, known)}</p>")
    return "".join(out)


def _warnings(answer: Answer) -> str:
    return "".join(f'<div class="pb-warn pb-inforce" role="note">✓ {e(w)}</div>' if w.endswith("目前仍在执行期内。")
                   else f'<div class="pb-warn" role="note">⚠ {e(w)}</div>' for w in answer.warnings)


def _sources(answer: Answer, turn: str) -> str:
    cites = answer.all_citations
    if not cites:
        return ""
    gone = sum(1 for c in cites if c.expired)
    label = f"来源（{len(cites)}）" + (f" · 其中{gone}份已过期" if gone else "")
    cards = "".join(citation_card(c, anchor=f"pb-{turn}-c{c.n}") for c in cites)
    return f'<details class="pb-src"><summary>{label}</summary>{cards}</details>'
