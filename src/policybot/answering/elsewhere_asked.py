"""Which covered place an asker asks about when it is not simply its own: a place it says it may move to or has a branch
in, and — when its own place has no document — the plan the conversation is reading (its targets, or what it says)."""

from __future__ import annotations

import re

from policybot.answering.answered_place import place_answered
from policybot.answering.aspects import aspects
from policybot.answering.procedure import procedure_asked
from policybot.answering.words import BRANCH
from policybot.text.places import applicable_docs, places_in

# the asker supposes setting up where it is not ("要是我们到昆明设个研发中心", "如果搬到官渡")
_MOVING = re.compile(r"(?:要是|如果|假如|假设|打算|准备|计划|想|考虑)(?:我们|我司|公司)?(?:把[^，,。？?]{0,8})?"
                     r"(?:到|去|在|搬到|搬去|迁到|迁往|落户|落地)"
                     # "那隔壁云岩区呢？我们在考虑搬过去": the place just named is where it would move
                     r"|(?:考虑|打算|准备|计划|想|要)(?:把[^，,。？?]{0,8})?(?:搬|迁)(?:过去|过来|家|址)"
                     # "我们在官渡也有个分公司，官渡每年选多少…": a branch there, whose place's rules are asked
                     r"|" + BRANCH.pattern)
# the plan the conversation reads, pointed at ("方案里说的五个倍增", "这个计划里…"): what it says is asked
_PLAN_POINTED = re.compile(r"(?:方案|计划|文件|措施)(?:里|中|上)(?:面)?(?:说|提|写|讲)?(?:到)?的"
                           r"|(?:这个|这份|该|那个|那份)(?:方案|计划|文件|措施)(?:里|中)")


def moving_to(question: str, earlier_asks: list[str], documents) -> str | None:
    """The covered place this message, or else the asker's latest earlier message naming one, says the asker may move to
    ("那隔壁云岩区呢？我们在考虑搬过去") or has a branch in ("我们在官渡也有个分公司"); None when none says so."""
    covered = [p for p in places_in(question) if applicable_docs(documents, p)]
    if covered:
        return covered[-1] if _MOVING.search(question) else None
    return place_talked_about(earlier_asks, documents)


def place_talked_about(earlier_asks: list[str], documents) -> str | None:
    """The covered place the asker supposed moving to in its latest earlier question that named one ("要是我们到昆明
    设个研发中心呢" from a 大理 company): what its follow-ups ask about when its own place has no document. A place
    only asked about ("昆明的项目库我们能进吗") does not become the asker's: its rules do not apply there (measured:
    answering such follow-ups from the place asked about turned more not-stated and absent asks into answers than
    it answered asks)."""
    for asked in reversed(earlier_asks):
        covered = [p for p in places_in(asked) if applicable_docs(documents, p)]
        if covered:
            return covered[-1] if _MOVING.search(asked) else None
    return None


def targets_followed(core: str, history, documents: list) -> str | None:
    """"人才公寓建多少套？" from a 南明 asker after an answer quoting 云岩's plan: a target of the plan the conversation
    is reading (what a place plans to do is no rule the asker claims), asked of that plan's place."""
    if aspects(core)[:1] != ["target"] or procedure_asked(core):
        return None  # "人才公寓怎么申请，租金多少": how the asker gets it is no target of the plan
    return place_answered(history, documents)


def document_followed(core: str, history, documents: list) -> str | None:
    """"就是方案里说的五个倍增是哪五个" from a 观山湖 asker after an answer quoting 云岩's plan: what the plan the
    conversation is reading says, asked of that plan's place."""
    return place_answered(history, documents) if _PLAN_POINTED.search(core) else None
