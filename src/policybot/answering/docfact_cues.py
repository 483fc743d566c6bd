"""What a question asks of a document itself (its title, issuer, 文号, dates, period, status, lead, basis, whether a
newer one followed), read as word classes, and whether it asks nothing else."""

from __future__ import annotations

import re
from typing import Callable

from policybot.index.retrieval import expand
from policybot.text.lexical import jieba_tokenizer
from policybot.text.places import aliases, places_in
from policybot.types import PolicyDocument

_WHICH = r"[哪那]"  # 那 is the usual slip for 哪 ("那年到那年")
_WHEN = rf"(?:什么|啥|甚么)时[候侯间]|何时|{_WHICH}(?:一)?[年天月]|几月几[号日]|几号"
_ISSUE_VERB = r"发(?![放展])|出(?!现)|印发|出台|颁布|签发|发布|下发|公布|制定|成文|制发"
_WHO = rf"谁|{_WHICH}(?:个|家|一个|一级|级)?(?:部门|单位|机关|机构|政府|级)|(?:什么|何)(?:部门|单位|机关|机构)"

# What is asked about a document, as word classes (typos of the common words included).
FACT_CUES: dict[str, re.Pattern[str]] = {
    "title": re.compile(r"叫什么|全称|全名|标题|名称|文件名|题目|名字"),
    "issuer": re.compile(
        rf"(?:{_WHO})(?:来|负责)?(?:{_ISSUE_VERB})|发文(?:机关|单位|部门|机构)|"
        # the verb said once for two asks ("哪个单位、什么时候印发的", "谁、哪年发的")
        rf"(?:{_WHO})[、，,和及与]\s*(?:是|于|在)?(?:{_WHEN})(?:来)?(?:{_ISSUE_VERB})|发布(?:机关|单位|部门|机构)|"
        rf"印发(?:机关|单位|部门)|出台(?:部门|单位)|出自{_WHICH}|(?:政府|办公室|办公厅|党委|区委|市委|县委)(?:来|单独|自己|独自|一起|联合|共同)?(?:{_ISSUE_VERB})的"),
    "number": re.compile(r"文[号好]|发文字号|文件号|字号|文件编号|发文编号"),
    "issued": re.compile(
        rf"(?:{_WHEN})(?:{_ISSUE_VERB})|(?:发布|印发|成文|出台|发文|落款|签发|颁布)的?(?:时间|日期|年份)|落款"
        r"|(?<=单位[和及与、]|机关[和及与、]|部门[和及与、]|机构[和及与、]|文号[和及与、]|字号[和及与、]|编号[和及与、])"
        r"(?:成文|发布|印发)?(?:日期|时间)"  # "印发单位和日期", "文号和日期": the date asked second
        rf"|(?:{_ISSUE_VERB})[^。？?]{{0,6}}[，,、和及还]\s*(?:是)?(?:{_WHEN})(?:的|呢|啊)?(?:[？?。！!]|$)"  # "谁印发的，哪天"
        # "这俩文件哪个先发的", "哪份出得早": which came first is read off their dates
        r"|(?:哪个|哪份|哪一个|哪一份|谁)(?:先|早|后|晚|更早|更晚|最早|最晚)(?:发|出|印发|出台|发布|制定)"
        r"|(?:哪个|哪份|谁)(?:发|出|印发|出台|发布)(?:的|得)?(?:早|晚|更早|更晚)"),
    "period": re.compile(
        rf"{_WHICH}年到{_WHICH}年|几年到几年|(?:{_WHICH}几|哪些|什么|{_WHICH}一?)年(?:份|度)?的(?:政策|方案|文件|计划|措施|规定|办法)|从{_WHICH}年|执行[期其](?!他)|实施期|有[效校][期其]|期限|起止|执行(?:多久|多长|几年)|"
        rf"(?:{_WHEN}|啥时)(?:开始|起|开始实施|开始执行|施行)|"
        # "这些政策到什么时候？": how long the document runs
        rf"(?:政策|文件|方案|计划|措施|办法)(?:能|可以)?(?:用|执行|管|有效)?到(?:{_WHICH}年|{_WHEN}|啥时)|实施(?:多久|多长|几年)|管几年|有效几年|几年有效|(?:执行|有效|实施|管)到(?:{_WHICH}|{_WHEN})|到{_WHICH}年为止|"
        # "这个方案管哪几年的？", "覆盖哪几年"
        rf"(?:管|覆盖|涵盖|包括|针对){_WHICH}(?:几|些)年|{_WHICH}几年的(?:政策|方案|文件|计划|措施)?(?=[？?。！!，,；;]|$)"
        # "这个文件几年", "政策是几年的": how many years the document runs
        r"|(?:文件|方案|计划|政策|措施|办法)(?:是|管|执行)?几年的?(?=[？?。！!，,；;]|$)"),
    "status": re.compile(
        rf"有[效校]吗|还有[效校]|是否有[效校]|仍然有效|有没有效|有效没|过期|过[气其]了|失效|作废|废止|废除|"
        # "这个方案到期了吗", not a recognition's term ("高企三年到期又评过了", "到期后重新认定")
        rf"到期(?![后又再]|了?(?:又|再|重新|复审|后))|"
        rf"(?:还|仍|仍然|还是)在?(?:执行|实施|实行)(?!期)|还算数|还作数|生效|过时|现行|还在用|还有用|还适用|仍适用|仍然适用|还管用|还能用|"
        rf"还能不能(?:用|申请|享受|执行)|还有没有效|(?:{_WHEN}|啥时)(?:结束|截止|到期|失效)"),
    # who leads the whole document's work, asked of the document itself ("这个方案哪个部门牵头？有事找谁")
    "lead": re.compile(r"(?<=方案|计划|文件|措施|政策)[^，,。？?]{0,4}(?:(?:哪个|哪|什么)(?:个)?(?:部门|单位|机构)|谁)"
                       r"(?:来)?(?:牵头|负责|统筹|主管|管|抓)"),
    # the meeting that passed the document ("这个计划是哪个会议审议通过的", "经什么会研究通过")
    "approval": re.compile(r"(?:哪个|哪次|哪一次|什么|啥)(?:会议?|会上)[^，,。？?]{0,6}?(?:审议|研究|讨论|审定)?(?:通过|定)|"
                           r"(?:经|由|在)(?:哪个|哪次|什么|啥)(?:会|会议)|审议(?:通过)?(?:的)?(?:会议|情况)|(?:是否|有没有)(?:经过?)?[^，,。？?]{0,6}审议"),
    # which rule holds when policies differ, or when upper levels issue new ones ("跟以前的规定不一样听哪个的")
    "precedence": re.compile(
        r"(?:不一样|不一致|冲突|矛盾|打架)[^。？?]{0,6}(?:听|按|以|依|执行)(?:哪个|哪份|哪一个|谁|什么)|以(?:哪个|哪份|谁)为准|"
        r"(?:听|按)(?:哪个|谁)的|(?:国家|省|上级)[^，,。？?]{0,8}(?:新政策|新出台|新规定|出了新|又出|后续出台)"),
    # whether a newer document followed ("2021年以后有没有出新的三年计划", "到期后还会出新一轮吗")
    "successor": re.compile(
        r"(?:有没有|有没|会不会|还会|是否|有无|出没出|又|再)(?:再|又)?(?:出台?|发|印发|制定|推出|出来)?(?:了)?(?:新的|新一轮|下一轮|后续的?|接续的?)"
        r"(?:政策|方案|计划|文件|措施|三年|版本)?|新一轮|下一轮|接续(?:文件|政策|方案|计划)|"
        r"(?:之后|以后|后来|到期后|过期后)[^。？?]{0,6}(?:新的|新)(?:政策|方案|计划|文件|措施|三年)"),
    "basis": re.compile(
        rf"(?<![能可以])(?:根据|依据|按照|依照|贯彻|落实|遵照|参照)(?:的是|的|了)?(?:省里|省上|省级|国家|中央|上级|上面|市里|市上|市级|区里|县里)?(?:的)?(?:{_WHICH}(?:个|些|份|一个|一份)|什么|啥)|上级文件|"
        r"上级政策|上位(?:文件|政策|法)|制定依据|出台依据|(?:依据|根据)(?:是|的)|"
        # "抓的是哪个国务院文件的机遇": the upper-level document it names
        r"(?:哪个|哪份)(?:国务院|国家|中央|省里|省委|省政府|上级)(?:的)?文件|"
        # "市里这个措施是照着省里哪个文件搞的"
        r"(?:照着|对照着?|按着|跟着|依着|参照着?)[^，,。？?]{0,4}?(?:哪个|哪份|哪一个|哪一份|什么|啥)(?:文件|精神)|"
        r"(?:省里|省上|省级|国家|中央|上级|上面)的?(?:哪个|哪份|哪一个|哪一份)文件"),
}
# "还能申请吗", "还有吗" ask whether the policy still holds only when they say now or point at a document
_WEAK_STATUS = re.compile(r"还有吗|还能再?申(?:请|报)?|还能再?享受|还能再?办|还在吗|还能再?报|还能再?拿|还能再?领|还有没有[？?。！!\s]*$"
                          r"|还行不行|还行吗|还来得及|来得及吗|还赶得上|还可以(?:再)?(?:申请|申报|拿|领)|还能不能(?:再)?(?:拿|领)"
                          r"|(?:是否|能否)?仍(?:然)?(?:可|能|可以)(?:申请|申报|享受|执行)"
                          # "那现在还能按这个申请吗": by the document pointed at
                          r"|还(?:能|可以)(?:再)?(?:按|照|用)(?:这个|这|它|该|那个)(?:文件|政策|方案|计划)?(?:申请|申报|享受|执行|拿)")
_SUPPOSED = re.compile(r"(?:要是|如果|假如|假设|万一|若是)[^，,。？?]{0,4}(?:我们|我司|公司|企业|咱们)")
_NOW = re.compile(r"现在|目前|如今|当前|眼下|今年|至今|依然|仍然|截至今天")
DOC_REF = re.compile(r"方案|计划|政策|文件|措施|办法|通知|意见|规定|细则|这份|这个|这些|该文|此文|本文|它|上述")
# Words that ask, point or fill, and so are no topic of their own
_FILLER = re.compile(
    r"多少|多长|多久|几年|几号|分别|都|所有|各|市里|区里|县里|咱们|这边|那边|当地|本地|已经|应该|可以|正式|官方|"
    r"是|的|了|吗|呢|吧|啊|呀|么|没|有|还|能|在|到|从|哪|那|个|些|份|一|和|与|及|以及|"
    r"请问|问下|一下|想|知道|告诉|我|我们|你|上级|制定|出台|印发|发布|发|出|什么|啥|时候|时间|日期|年|月|日|天|"
    r"\d{4}|\d{1,2}\s*(?:月份?|日|号)|月底|年底|月初|年初|部门|单位|机关|机构|谁|具体|情况|麻烦|帮|查|看|下|现在|目前|用|享受|申请|执行|期|效|"
    r"国家级|省级|市级|区级|县级|目标|截至|截止|仍|否|搞|弄|整|抓住|机遇|依托|借|"
    # an issuer offered as a choice ("区委还是区政府发的"), a clerk's errand ("窗口需要登记…"), a start ("啥时候开始的")
    r"人民政府|政府|办公室|办公厅|区委|市委|县委|党委|[\u4e00-\u9fff]{0,4}局|还是|或者|或是|您好|你好|窗口|需要|登记|核对|确认|记录|填写|开始|起|不|"
    r"也|给|提供|告知|说说|发我|谢谢|那个|这个|三年|行动|方案|计划|措施|创新|牵头|负责|统筹|主管|管|有事|事|找|"
    # a conflict asked of ("如果跟以前的规定不一样听哪个的", "国家和省后来又出新政策呢")
    r"如果|要是|跟|同|以前|之前|原来|后来|后续|后面|又|新|国家|省|说法|其他|其它|怎么办|的话|咋办|"
    # a clerk's formal wording ("如本市其他现行政策与该措施不一致，以哪个为准", "辖区企业是否适用…其有效期至何时")
    r"本市|本区|本县|我市|我区|我县|为准|如|若|该|其|辖区|企业|适用|至|何时|"
    # whether a newer one followed ("到期后会出新一轮吗")
    r"后|会|轮|再|接续|版本|以后|之后|本身|自身|自己|依据|"
    # a basis asked in 公文 words or with a filler said aloud ("是按省里哪个文件精神出的", "那个 嗯 …")
    r"精神|按|照|根据|按照|嗯|呃|额|哦|啊|"
    # the rules pointed at as such ("这些标准现在还执行吗")
    r"标准|条款|规则|"
    # a clerk filling a form ("请告知…文号，以便填写申报书“政策依据”栏")
    r"请|告知|烦请|以便|填写|填报|申报书|申请书|申报表|申请表|表格|栏|"
    # a clerk quoting it in writing ("我是…政策专员，想在材料里引用…")
    r"引用|引述|材料|专员|报告|稿子|文章|写进|用到|里|"
    r"[\s，,。.？?！!、：:；;“”\"'（）()]")


_OTHERS = re.compile(r"哪些|哪几[项个条]|除了|别的|其他|其它")


def asked_facts(question: str) -> list[str]:
    """The document facts the question asks, in the order it asks them ([] when it asks none)."""
    hits = [(m.start(), kind) for kind, pattern in FACT_CUES.items() if (m := pattern.search(question))]
    if (not hits and _WEAK_STATUS.search(question) and (_NOW.search(question) or DOC_REF.search(question))
            and not _SUPPOSED.search(question)  # "要是我们今年掉到规下了，还能拿吗": the company changed, not the policy
            and not _OTHERS.search(question)):  # "除了这个，我们还能申请哪些？": more benefits, not this one's status
        hits = [(0, "status")]
    facts = [kind for _, kind in sorted(hits)]
    if "period" in facts and "status" in facts:  # the period's line says whether it has ended
        facts.remove("status")
    if "successor" in facts:  # its line says the period and status too; of 国家/省, the document's precedence rule
        facts = [f for f in facts if f not in ("period", "status", "successor" if "precedence" in facts else "")]
    return facts


def without_cues(question: str) -> str:
    """The question without what it asks of a document ("市里这个研发补助的政策到哪年为止？" → "市里这个研发补助的政策？"):
    the rule it names."""
    text = question
    for pattern in (*FACT_CUES.values(), _WEAK_STATUS):
        text = pattern.sub("", text)
    return text.strip() or question


def _strip_known(question: str, documents: list[PolicyDocument]) -> str:
    """The question without its cues, pointers, places and words of the documents' titles: what is left is a topic."""
    text = question
    for pattern in (*FACT_CUES.values(), _WEAK_STATUS, _NOW, DOC_REF):
        text = pattern.sub(" ", text)
    for place in places_in(question):
        for name in _place_names(place):
            text = text.replace(name, " ")
    names = [n for d in documents for n in (d.title, d.display_title, d.doc_number) if n]
    out, i = [], 0
    while i < len(text):
        n = max((k for k in range(2, len(text) - i + 1) if any(text[i:i + k] in t for t in names)), default=0)
        out.append(" " if n else text[i])
        i += n or 1
    return _FILLER.sub(" ", "".join(out))


def is_document_question(question: str, documents: list[PolicyDocument], known: Callable[[str], bool] | None = None) -> bool:
    """A fact about a document is asked and no other topic is named (高企认定有效期几年 asks about 高企). ``known``: the
    corpus's words — a word left over that no document uses nor stands for ("以便填写申报书…栏") names no topic."""
    if not asked_facts(question):
        return False
    left = re.findall(r"[\u4e00-\u9fffA-Za-z0-9]{2,}", _strip_known(question, documents))
    if known is None:
        return not left
    words = [w for run in left for _, a, b in jieba_tokenizer().tokenize(run) if len(w := run[a:b]) >= 2]
    return not any(known(w) or expand(w) for w in words)


# --- which documents -----------------------------------------------------------------------------------


def _place_names(place: str) -> list[str]:
    """A place and its aliases, longest first."""
    return sorted({place, *aliases(place)} - {""}, key=len, reverse=True)
