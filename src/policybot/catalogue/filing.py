"""Whether a company says a filing a rule requires (经省级备案认定) is done, under way, or says nothing of it.

"研发中心已通过省科技厅备案认定" is done; "2024年设立的研发中心正在走省级备案认定，还没批下来" is under way: the item is
something the company can claim once the filing passes (计划中), not one to confirm and not one it can claim now.
"""

from __future__ import annotations

import re

# what a description says of the filing around the word, in its clause and the one after
_UNDER_WAY = re.compile(r"正在|在走|办理中|申请中|审核中|审批中|评审中|受理中|还没|尚未|未获|没批|待审|待批|等待|准备")
_AROUND = re.compile(r"[^，,。；;！!？?／\n]*备案[^，,。；;！!？?／\n]*(?:[，,][^，,。；;！!？?／\n]{0,8})?")


def filing(texts: list[str], word: str = "备案") -> str:
    """"done", "under_way" or "" (unsaid), from the company's own texts."""
    said = [m.group(0) for t in texts if word in t for m in _AROUND.finditer(t)]
    if not said:
        return ""
    return "done" if any(not _UNDER_WAY.search(s) for s in said) else "under_way"
