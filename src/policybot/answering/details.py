"""Details a question asks of a rule that a rule's text may or may not state: whether two benefits can be stacked,
the rate of a 贴息 or subsidy, what decides between the ends of an amount range, whether a service is charged for.

Each detail is a pair of signals over plain 公文 wording: the question's cue that it asks the detail, and the
evidence's cue that the text states it. When the question asks a detail and the quoted rule has no sign of it,
the honest reply says the documents do not state it (and quotes what they do say), instead of passing the
rule's amount off as the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# levels of government a stacking question may pair ("区里和市里的能叠加吗", "省市两级能同时拿吗")
_LEVEL = r"(?:国家|省|市|区|县|州)(?:里|级|上|一级|两级|财政)?"


@dataclass(frozen=True)
class Detail:
    """One detail: how a question asks it, how a rule states it, and how the reply names it when unstated.
    ``between_levels``: how a rule states it when the question pairs two levels of government; ``shown_by``: what the
    rule must hold for the question to be asking this of it at all."""
    name: str
    asked: re.Pattern[str]
    stated: re.Pattern[str]
    said: str
    between_levels: re.Pattern[str] | None = None
    shown_by: re.Pattern[str] | None = None


_TWO_LEVELS = re.compile(rf"{_LEVEL}.{{0,6}}(?:和|与|跟|及|、){_LEVEL}|{_LEVEL}.{{0,4}}{_LEVEL}(?:的)?(?:能|可以|可)?(?:叠加|同时|一起)|"
                         rf"省市|市区|区市|市县|国家和省|两级")
# "两项叠加激励政策" stacks a rule's own two parts: stacking between levels is said beside a level
_LEVEL_STACKING = re.compile(rf"{_LEVEL}.{{0,20}}(?:叠加|累加|兼得|同时享受|不重复|重复|就高|从高)|"
                             rf"(?:叠加|累加|兼得|同时享受|不重复|重复|就高|从高).{{0,20}}{_LEVEL}")
# an amount range ("3万元—5万元")
_RANGE = re.compile(r"[—\-~～至到]\s*\d+(?:\.\d+)?\s*万|万元?[—\-~～至到]")

DETAILS: tuple[Detail, ...] = (
    Detail("stacking",
           re.compile(r"叠加|累加|兼得|同时(?:享受|申请|申报|拿|领|获得)|重复(?:享受|申请|申报|拿|领|获得)|"
                      r"(?:一起|都)(?:能|可以)?(?:拿|领|享受)(?:吗|么|嘛)?[？?]?$|一起拿|同时拿|"
                      r"(?:一块儿?|一并)(?:能|可以)?(?:拿|领|享受|申请|申报)|"  # "跟增量奖励能一块拿吗"
                      # "已经拿过市里领军人才的5万，还能再拿吗": a second benefit beside one had
                      r"(?:拿过|领过|享受过|获得过|已经?(?:拿|领|享受|获得)了?).{0,30}(?:还|又)(?:能|可以)?再?(?:拿|领|享受|申请)|"
                      r"还(?:能|可以)再(?:拿|领|享受)(?:吗|么|嘛|不)?[？?]?$|"  # "他后来又被评为…，还能再拿吗？"
                      r"两(?:份|项|笔|样)[^，,。？?]{0,10}都(?:能|可以)"),  # "两份10万都能拿吗"
           re.compile(r"叠加|累加|兼得|同时享受|重复(?:享受|支持|补助|奖励|申报|申请)|不重复|就高|从高|累计不超过"),
           "能否叠加（同时）享受", between_levels=_LEVEL_STACKING),
    Detail("rate",
           re.compile(r"几个点|百分之几|利率|贴息率|几成|(?:贴息|补贴|补助|奖补|奖励|资助)(?:的)?(?:比例|比率|费率)|"
                      r"按(?:多少|什么|啥)比例(?!配套)"),
           re.compile(r"\d+(?:\.\d+)?\s*[%％]|百分之[零一二三四五六七八九十点]+|[一二三四五六七八九]成"),
           "具体的比例（利率、贴息比例）"),
    # how much the asker must put in beside the grant: a ratio states it ("不低于申请财政资金额度的1:1配套"); a
    # city matching the province 1∶1 does not state an interest rate
    Detail("matching",
           re.compile(r"配套(?:的)?(?:比例|比率|要求|多少)|自筹.{0,8}(?:比例|多少|几成)|按(?:多少|什么|啥)比例配套"),
           re.compile(r"\d+\s*[:：∶比]\s*\d+|\d+(?:\.\d+)?\s*[%％]"),
           "配套比例"),
    Detail("range",
           re.compile(r"(?:啥|什么|哪种|哪些|怎样的?)(?:情况|条件|标准)(?:下)?(?:给|拿|是|算|按)|"
                      r"按(?:啥|什么|哪个)(?:标准|条件)(?:定|给|算|区分|来)|怎么(?:区分|定档|分档)|区分(?:标准|依据)|"
                      r"(?:给|拿|是)[一二三四五六七八九十两\d]+万.{0,6}还是[一二三四五六七八九十两\d]+万"),
           re.compile(r"优秀|合格|良好|等次|档次|分档|分级|排名|名次|根据.{1,16}(?:确定|核定|给予)|视.{1,10}(?:情况|规模|效果)|"
                      r"按照?.{1,12}(?:比例|等级|评价结果|考核结果)"),
           "同一奖补中不同金额的区分标准", shown_by=_RANGE),
    # a cap asked ("单笔贷款有没有上限"): stated by a 最高 / 不超过 of the rule (an amount asked as 最高多少 is no cap asked)
    Detail("cap",
           re.compile(r"(?:有没有|有无|是否有|有)(?:个)?(?:上限|封顶)|上限是?(?:多少|多高|几)|封不封顶|封顶吗"),
           re.compile(r"上限|封顶|最高|不超过|不高于|最多"),
           "上限"),
    # how often it is paid ("这个补贴每年都有吗还是就给一次", "是一次性的吗"): stated only by the rule's own 一次性 / 每年
    Detail("frequency",
           re.compile(r"每年都(?:有|给|能|发|补|可以)|是不是每年|年年(?:都)?(?:有|给|发)|一次性的?(?:吗|么|嘛|还是)|"
                      r"还是(?:就|只)?(?:给|发|补|拿)?一次|只给一次|就给一次|给几次|发几次"),
           re.compile(r"一次性|每年|每一年|逐年|按年度|分年度|年度(?:给予|安排|兑现)|连续\d+年"),
           "是每年给予还是一次性给予"),
    Detail("fee",
           re.compile(r"收不收费|收费吗|收钱吗|要不要钱|要钱吗|免费吗|是否免费|是否收费|收费标准|要交(?:钱|费)|花钱吗|付费"),
           re.compile(r"免费|收费|无偿|费用|不收取|有偿"),
           "是否收费"),
)


STACKING = next(d for d in DETAILS if d.name == "stacking")  # the rule's own word on both benefits


def asked_details(question: str) -> list[Detail]:
    """The details the question asks, in the order of ``DETAILS``."""
    return [d for d in DETAILS if d.asked.search(question)]


def unstated(detail: Detail, question: str, evidence: str) -> bool:
    """Does ``evidence`` (the rule's quoted text) leave the asked detail unstated? Stacking asked between levels of
    government ("区里和市里的能叠加吗") is stated only by a sentence that names a level beside its stacking word
    ("两项叠加激励政策" stacks a rule's own two parts, not a district's and a city's)."""
    if detail.shown_by is not None and not detail.shown_by.search(evidence):
        return False  # the rule has nothing it could be asked of (no range): the question asks something else
    stated = detail.between_levels if detail.between_levels is not None and _TWO_LEVELS.search(question) else detail.stated
    return not stated.search(evidence)
