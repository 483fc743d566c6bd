"""The words of a question before any reading of it: intent cues, aspect words, greetings, topic words.

Lowest module of answering: questions, focus and conversation all read these, so they live here once.
"""

from __future__ import annotations

import re

from policybot.text.concepts import concepts_in
from policybot.text.lexical import alts, generic_words, word_tokens
from policybot.text.places import aliases, places_in, without_places

# Intent cues. Strong cues are question words that say what is asked ("哪个部门", "多长时间", "补多少");
# weak cues are topic words that only suggest it (补助 suggests an amount, 部门 a department). A question
# carries several; the strong ones lead, in the order they appear.
INTENTS: list[tuple[str, re.Pattern[str]]] = [
    ("department", re.compile(
        r"哪个部门|什么部门|哪些部门|哪个单位|什么单位|哪些单位|哪家单位|哪个局|哪个机构|谁负责|谁牵头|由谁|谁来|找谁|归谁|"
        r"归哪(?:个(?:局|部门|单位|机构)?)?(?:管|负责)?|"  # "这块具体归哪个局管": 局管 is no topic
        r"(?:跟|和|找|与)(?:谁|哪个|哪家|哪里)对接|(?:能|可以|好)对接|对接(?:谁|哪|的部门|的单位)|"  # "有没有园区管委会能对接"
        r"哪里办|向谁|联系谁|谁管|有人管|有没有人管|归哪个|找哪个|牵头部门|责任部门|负责部门|负责单位|牵头单位|责任单位|主管部门|落实单位|实施单位|承办单位|配合单位|落实部门|实施部门|召集|设在哪|部门是|单位是|[局委办]管还是|[局委办]负责还是|还是[^，,。？?]{0,8}[局委办](?:管|负责)")),
    ("validity", re.compile(r"有效期|有效吗|还有效|过期|失效|执行期|期限|到哪年|适用到|到期了|还能用|几年有效|施行")),
    ("deadline", re.compile(r"什么时候|何时|截止|时限|几月|多久|多长时间|时间要求|期限要求|几个月内|多少天内|几个月|多少天|哪一年|哪年|哪天|最晚|最迟|之前要")),
    ("condition", re.compile(r"条件|门槛|资格(?![^，,。？?]{0,3}(?:没|未|到期|过期|续|被取消|取消|丢))|什么样的|哪些企业|哪类企业|需要具备|怎么才能|(?<!人)才能|(?<!人)才行|(?<!人)才可以|前提|要求(?![^，,。？?]{0,10}(?:多少|几|何时|什么时候|啥时候|哪天))|符合|满足|申报标准|认定标准|哪些材料"
                              r"|(?:什么|啥|哪个|哪些)范围|范围(?:是|有哪些|包括)"  # "这个排名是在啥范围里排的"
                              # "什么企业能参加", "排名是怎么排的": who takes part, and on what the ranking goes
                              r"|(?:什么|啥|哪种|哪一类)(?:样的?|类型的?)?(?:企业|单位|公司)(?:能|可以|才能|可|才)[\u4e00-\u9fff]{0,3}(?=[？?。！!，,]|$)"
                              r"|(?:怎么|怎样|如何|按什么|按啥)(?:来)?排"
                              # "我们够格吗", "有啥硬性规定", "什么情况下能拿", "谁能申请", "怎么才算", "得是规上企业吗"
                              r"|够格|够条件|够不够格|硬性|限制条件|有什么限制|什么情况下|(?:谁|什么人)(?:能|可以|才能)(?:申请|申报|报|享受|拿)"
                              r"|才算|得是|必须是|必须要|一定要是|(?:什么|啥)标准(?!是多少)"
                              # "大型仪器必须对外开放吗": an obligation the rule sets is its condition
                              r"|必须[\u4e00-\u9fff]{1,8}(?:吗|么|嘛)|是否必须|是不是必须|有没有要求|要求[^，,。？?]{0,10}吗")),
    ("amount", re.compile(
        r"多少钱|多少万|补多少|奖多少|给多少|拿多少|能拿多少|能补多少|能有多少|能得多少|能领多少|金额|额度|多少经费|多少资金|多少补助|多少奖励|多少扶持|多少补贴|"
        r"多少奖补|按多少(?:算|给|补|奖|计)|比例|上限|封顶|几个点|几个百分点|百分之几|几成|(?:怎么|咋|怎样|如何)(?:个)?(?:补|奖补|补助|补贴|扶持|支持)|(?<!排名)(?:按|照)(?:啥|什么|哪个)(?:标准)?(?:来)?(?:给|补|奖|算|计算|核算|发)|(?:怎么|咋|怎样)(?:给钱|奖励|奖)|补贴标准|奖补标准|补助标准|给钱|拿钱|标准是多少|标准为多少|标准多少|多少标准"
        r"|(?:给|补|奖)(?:点|些)?(?:啥|什么)(?:钱)?(?=[？?。！!，,\s]|$)"  # "想搞研发中心 市里给啥"
        r"|(?:给|能)(?:补|奖)(?:点|些|一点|一些)(?:钱)?(?:不|吗|么|没)"  # "流片的费用区里能给补点不"
        r"|给(?:得|的)(?:多|少)|(?:补|奖)(?:得|的)(?:多|少)")),  # "昆明那边高企是不是给得多一点？": amounts compared
    ("target", re.compile(
        r"目标(?!(?:是|定在|在)?(?:哪一?年|什么时候|何时|啥时候))|指标|要达到|达到多少|预期|力争|多少家|多少个|多少件|多少人|多少项|多少场|多少套|多少名|多少户|几家|几个|几项|几名|几套|几场|几户|"
        r"几件|占比|比重|强度|增长多少|涨多少|贡献率|增速|增幅|增长率|多不多|做(?:到)?多大|多大规模|规模(?:要|能)?(?:多大|多少)|"
        r"(?:培育|新增|选拔|引进|认定|建设|实施)(?:的)?(?:数量|规模|人数|家数|个数)|数量(?:为|是)")),  # "年度拟培育数量为？"
]


# Procedure questions: how, with what, when and where to apply, and under which rules (answered by what the
# documents say of it, then what they do not state). "哪一年申报成为…" asks a target year, not an application time.
_APPLY = r"(?:申请|申报|报名|申领|办理|领取|兑现|拨付)"
PROCEDURE_CUES: dict[str, re.Pattern[str]] = {
    "rules": re.compile(r"(?:什么|哪些|哪个|有没有|啥)(?:具体的?)?(?:管理办法|实施办法|实施细则|配套办法|细则|申报指南|办法)|"
                        r"(?:实施细则|申报指南|申报通知|申请指南)(?:在哪|去哪|哪里|从哪)|"
                        r"(?:管理办法|实施办法|实施细则|申报指南)(?:是|有|叫)|(?:依据|根据|按照?)(?:啥|什么|哪个|哪份)(?:文件|办法|规定)"),
    "how": re.compile(rf"(?:怎么|怎样|如何|咋)(?:去|来|才能)?{_APPLY}|(?:申请|申报|办理)(?:流程|程序|步骤|手续|方式)|"
                      r"走什么流程|要走哪些|需要什么手续|"
                      # "那培育库怎么进": how the company gets into a 库 or list
                      r"(?:怎么|怎样|如何|咋)(?:才能)?(?:进入|入库|纳入|加入)|(?:怎么|怎样|如何|咋)(?:才能)?进(?:库|去)?(?=$|[？?。，,！!吗呢])|"
                      # "这个怎么报", "要走什么程序", "需要哪些手续", "流程复杂吗", "备案怎么弄"
                      r"(?:怎么|怎样|如何|咋)(?:报|弄|操作|办理)|(?:什么|哪些|啥)(?:流程|程序|手续|步骤)|(?:流程|手续|程序)(?:复杂|麻烦|多|简单)|"
                      # "是自动发还是得自己申请", "要自己去报吗": whether the company applies at all
                      rf"自动(?:发|给|拨|兑现|到账|享受)|(?:要|得|需要|必须)(?:企业)?(?:自己|主动)(?:去)?(?:{_APPLY}|报)"),
    "materials": re.compile(r"(?:什么|哪些|啥)(?:申报|申请)?(?:材料|资料|附件)|(?:材料|资料)(?:要|需要)?(?:交|提交|报|送)|"
                            r"(?:交|提交|准备|提供)(?:哪些|什么|啥)|"
                            r"(?:申请|申报)[^，,。？?]{0,6}(?:材料|资料)|"  # "申请条件和材料"
                            r"[和及与](?:申报|申请)?(?:材料|资料)(?=$|[？?。，,！!吗呢])"),  # "要什么条件和材料"
    "when": re.compile(rf"{_APPLY}?截止(?:时间|日期)?(?:是|到|于|在)?(?:什么时候|何时|哪天|几号|几月份?|啥时候?)|(?:什么时候|何时|哪天|啥时候?)截止|"
                       rf"几月份?{_APPLY}?报?|(?:什么时候|何时|啥时候?|几时)(?:可以|能)?(?:开始)?{_APPLY}|"
                       rf"{_APPLY}(?:时间|期|期限|截止|窗口期)|截止(?:时间|日期)|受理时间|(?:什么时候|何时|啥时候?|几时|几月份?)(?:开始)?受理"),
    # when the money comes: "一般多久能到账", "什么时候拨到账"
    "payment": re.compile(r"(?:多久|什么时候|何时|啥时候?|几月份?|多长时间)(?:能|会|可以|才能|才)?(?:拨|发|批|审批)?"
                          r"(?:[到倒]账|拨付|拨下来|发放|兑现|到位|打款|下来)|(?:[到倒]账|拨付|兑现|发放)(?:时间|周期)|"
                          r"(?:多久|多长时间)(?:能|会|才能)?(?:审批|审核|批)|钱(?:什么时候|多久|啥时候)(?:能)?到"),
    "where": re.compile(rf"(?:去|到|在|往)?(?:哪里|哪儿|哪|何处)(?:去)?{_APPLY}|(?:去|到|在|往)(?:哪里|哪儿|哪)(?:报|交|办)|(?:交|报|送|递)到哪|"
                        rf"(?:找谁|向谁|跟谁|找哪个部门|向哪个部门){_APPLY}|(?:去|找|到)哪个(?:部门|单位|窗口)办|受理(?:部门|单位|窗口|地点)|{_APPLY}(?:渠道|入口|网址|平台|窗口)|"
                        rf"找谁(?:报|办)|(?:哪个|什么|啥)(?:平台|窗口|网站|系统)(?:上)?(?:{_APPLY}|报|办)|"
                        rf"(?:线上|线下|网上)(?:还是[^，,。？?]{{0,4}})?(?:能|可以)?(?:{_APPLY}|报|办)"),
    # where a named rule or document itself can be read: "孵化器管理办法在哪能下载到", "那个管理办法在哪儿能看到"
    "source": re.compile(r"(?:办法|细则|指南|通知|文件|原文|全文)[^，,。？?]{0,4}?(?:在|去|到|从)?(?:哪里|哪儿|哪)(?:能|可以|才能)?"
                         r"(?:下载|看到|查到|找到|获取|查看|查询|看)|(?:下载|查看|获取)(?:地址|链接|渠道|入口)"),
}


WEAK_INTENTS: list[tuple[str, re.Pattern[str]]] = [
    ("amount", re.compile(r"补助|补贴|奖励|奖补|扶持|资助|经费|资金|万元|能拿|能补|支持|配套|贴息|钱|奖金")),
    ("target", re.compile(r"达到|增长|到20\d\d|计划|多少")),
    ("deadline", re.compile(r"每年|每季度|每半年|之前|时间")),
    ("department", re.compile(r"负责|牵头|部门|(?:哪个|哪家|哪一个|什么|啥)单位|单位(?=[？?。！!]|$)|主管")),  # not "单位绩效工资"
    # "哪些企业" asks who qualifies; "哪些措施", "做了哪些事" ask what is done
    # ("还有哪些区一起搞", "跟哪些高校": the places or partners a plan lists, no condition)
    ("condition", re.compile(r"标准|哪些(?!措施|举措|事|工作|安排|做法|内容|方面|政策|支持|扶持|补|奖|行动|任务|重点"
                             r"|区|县|地方|地区|城市|高校|学校|院校|大学|园区|领域|产业|行业)|哪类")),
]


# what a rule says, asked as such ("有什么规定", "是怎么规定的", "有啥说法")
RULE_ASKED = re.compile(r"(?:有|是)?(?:什么|啥|哪些|何)(?:具体)?(?:规定|说法)|(?:怎么|如何|怎样)规定|规定(?:是什么|是啥|了什么|了啥)")


# Words that ask about an aspect (who, how much, which conditions) rather than name a topic.
_ASPECT = set(
    "条件 要求 门槛 标准 资格 满足 具备 部门 单位 负责 牵头 管 归 找 多少 金额 期限 有效期 时间 几 哪些 哪个 什么 怎么 "
    "如何 吗 呢 需要 能 可以 是否 分别 各 具体 情况 规定 政策 办法 一下 请问 还有 那 这个 那个 这 该 此 其 哪 到底 究竟".split()
)


ASKING_WORDS = frozenset(_ASPECT)


def topic_words(question: str) -> list[str]:
    places = {a for p in places_in(question) for a in aliases(p)}
    generic = generic_words()
    words = word_tokens(_RATE_ASKED.sub("，", question))  # "按几个点算": no 点算 to ask about
    asking = [w for w in words if w in generic and len(w) > 2]  # "前提条件": its sub-word "提条件" is no topic
    return [
        w for w in words
        if w not in _ASPECT and w not in generic and not any(w in p for p in places) and not places_in(w) and not w.isdigit()
        and not any(w in a for a in asking)
        and w not in PEOPLE and not _SOME.fullmatch(w)  # "我们有个客户在官渡": whom it asks for, no topic
    ]


_SOME = re.compile(r"(?:有|一|这|那|几|某|每)(?:个|家|位|些|项|种|名)")
_RATE_ASKED = re.compile(r"(?:几|多少)个(?:百分)?点|百分之几|几成")  # a share asked for, read as no words


# salutations ("您好", "在吗"): a clause of them asks nothing and says nothing of the asker
HELLO = r"你好|您好|hi|hello|hey|嗨|哈喽|哈啰|在吗|在么|在嘛|在不|在不在|有人吗|有人在吗|早上好|上午好|中午好|下午好|晚上好|早安"
# what the build covers, asked ("你这边都能查哪些地方的政策"): the covered places are the answer
COVERAGE_ASKED = r"(?:查|管|收录了?|收了|有|回答|答|覆盖|包括|包含)(?:哪些|哪几个|什么|啥)(?:地方|地区|城市|区县|文件)"
# a request to look up the asker's own case, which no policy text holds ("你能查到我们企业的申报进度吗？")
CASE_LOOKUP = (r"(?:那|请问)?(?:你|您)?(?:这边|这里)?(?:能|可以|能不能|可不可以|会)?(?:帮我们?|帮忙|给我们?)?(?:查|看)(?:到|一下|下|询|得到)?"
               r"[^，,。？?！!]{0,10}?(?:申报|审批|审核|评审|拨付|补贴|资金|项目)?(?:的)?(?:进度|结果|状态|到没到账|批没批)"
               r"(?:吗|么|嘛|不|没)?")
_GREETING_WORD = (HELLO + "|" + CASE_LOOKUP + "|"
                  r"你是谁|你能做什么|"
                  # "等下，你是人工客服还是机器人？", "是真人吗": asked what it is
                  r"(?:等下|等一下|请问)?(?:你|您)?是(?:不是)?(?:人工|真人|机器人|AI|ai|智能|自动)(?:客服|回复|助手|在回)?(?:还是(?:人工|真人|机器人|AI|ai)(?:客服)?)?(?:吗|么|嘛|呢)?|你可以做什么|你会什么|怎么用|(?:你|您)?(?:能|可以)(?:帮我|帮忙)?查(?:一下|下)?(?:政策|文件)吗?|"
                  # "那你这能查哪些地方的": what it covers
                  # "那请问你这边收录了哪些地区的政策文件？", "知识库里有哪些文件"
                  r"(?:那个|那)?[，,\s]*(?:请问)?(?:(?:你|您)(?:们)?(?:这|这边|这里)?|(?:你|您)?(?:的)?(?:知识库|资料库|库)(?:里|中)?)"
                  r"(?:都|一共|目前|现在)?(?:能|可以)?" + COVERAGE_ASKED
                  + r"的?(?:政策|文件){0,2}(?:呢|啊|呀)?|谢谢|多谢|感谢|谢了|thanks|thank\s*you|辛苦了|"
                  r"好的|好吧|好滴|好嘞|好|行吧|行|嗯嗯|嗯|明白了|明白|懂了|了解|清楚了|知道了|收到|可以|没问题|ok|okay|thx|3q|"
                  r"再见|拜拜|bye|"
                  # where the asker goes to ask instead ("那我直接打12345问吧")
                  r"那?我(?:们)?(?:直接|还是|就|再)?(?:打|拨|去|找)[^，,。？?！!]{0,10}?(?:问问|问|咨询)(?:吧|一下|下|了)?|"
                  # an opener that asks nothing yet: "在吗？想咨询点政策", "请教个问题"
                  r"(?:我|我们)?想?(?:咨询|请教|问问|问|了解)(?:一下|下|点|个|些|几个)?(?:(?:科技|创新|企业|产业|相关|这方面|方面|一些|几个)的?)*"
                  r"(?:(?:政策|问题|事情?|情况)(?:的?(?:事情?|问题|情况))?)?|有(?:个|点|些|几个)?问题|"
                  # who is writing, said in passing ("我是新来的窗口工作人员")
                  r"我是[^，,。？?！!]{0,8}?(?:街道|社区|窗口|政务|工作人员|人员|同事|员工|负责人|会计|财务|专员|老师|学生|研究生)(?:上的|的)?|"
                  r"想?(?:核对|确认|查|问)(?:一下|下)?(?:几个|一些|点)?(?:文件|政策)?(?:上的)?(?:信息|问题|情况)")


_FILLER = (r"[\s,，.。!！?？~～、]|你|您|啦|了|呀|啊|哈|哦|喔|哟|嘛|的|大家|老师|助手|小助手|机器人|policybot|等下|等一下|"
           r"兄弟|老铁|亲|朋友|哥|姐|非常|十分|太|真是|真")


_GREETING = re.compile(rf"(?:{_FILLER})*(?:(?:{_GREETING_WORD})(?:{_FILLER})*)+", re.IGNORECASE)


def is_greeting(question: str) -> bool:
    """A message that is only a greeting, thanks or "who are you" (not "你好，临沧补多少？"), or a closing that thanks
    or acknowledges and asks nothing ("行，我再研究研究，谢了", "懂了，谢谢，论文有素材了")."""
    q = question.strip()
    return bool(q) and len(q) <= 30 and bool(_GREETING.fullmatch(q) or is_closing(q))


def placeless_opener(q: str) -> str:
    """An opener naming where its policies are ("想了解一下云南这边的政策") without the place; else ""."""
    if not re.search(r"咨询|了解|请教|问问", q) or not (found := places_in(q)):
        return ""
    return without_places(q, found, after=r"(?:这边|那边|这块|当地|地区)?的?")


# thanks and acknowledgements that end a conversation
_THANKS = re.compile(r"谢|辛苦|感谢|多谢|明白|懂了|晓得|收到|了解了|知道了|学到了|清楚了|先这样|回头再|再研究|再打听|再看看|再问|"
                     r"商量|回去(?:跟|和|给)?[^，,。]{0,4}(?:汇报|说|讲)|"  # "好，我回去跟老板商量下"
                     r"再联系|好的|好嘞|好滴|行吧|ok|OK|Ok|"
                     r"(?<![帮给替])我[^，,。你]{0,3}(?:整理|转发|转给|转告|发给|记下|记一下|截图|截个图|收藏|汇总|抄)|"  # "好，我整理下发给客人"
                     r"(?<![帮给替请])我[^，,。你]{0,3}(?:跟|和|给|同)[^，,。你]{1,6}(?:说|讲|转达|反馈)(?:一下|下|一声|说)?$")  # "行 我跟企业说一下"
# what a closing never holds: a question, a figure, or a word of policy
_NOT_CLOSING = re.compile(r"[？?]|吗|呢|多少|哪|什么|啥|怎么|如何|能不能|可不可以|是否|有没有|几|\d|"
                          r"补贴|补助|奖励|奖补|扶持|资金|经费|政策|申报|申请|认定|条件|部门|文件|方案|措施|计划|目标")


def is_closing(question: str) -> bool:
    """Thanks or an acknowledgement that asks nothing and names no policy matter."""
    q = question.strip()
    return len(q) <= 25 and bool(_THANKS.search(q)) and not _NOT_CLOSING.search(q) and (
        not places_in(q) or bool(_GO_ASK.search(q)))


# "那我们再去问问观山湖区科技局": where the asker will go and ask next (a place named in a closing)
_GO_ASK = re.compile(r"(?:再|还是|就|先|去|找)[^，,。！!]{0,3}(?:问问|问一下|咨询|打听|联系|找找)")


# what the asker says it is working toward ("我们准备报市级企业科技创新中心", "想冲独角兽"): the thing it asks
# about, not a description of itself
# going public or above scale as a plan's verb ("打算上科创板", "准备上规")
LISTING = r"上(?=市|科创板|创业板|主板|北交所|新三板|港股|规)"
# the city level asked as such ("市里管科技的是哪个局", "市里的…基金怎么申请")
CITY_ASKED = re.compile(r"市里|市级|市一级|市上|全市")
# asking words both readers of a message share: "算哪种", and a message ending in 不 ("…要配套出钱不")
WHICH_KIND = r"哪[种类样家项条所位年一]"
ENDS_IN_BU = r"(?<=[\u4e00-\u9fff])不[。！!\s]*$"


PLANNED = re.compile(r"(?:准备|计划|打算|想要|想|拟|正在|争取|要|在)(?:今年|明年|年内|马上|尽快)?(?:去|来)?"
                     rf"(?:报|申报|申请|冲|建|建设|组建|创建|自建|共建|新建|新设|设立|设|成立|认定|评|参评|争创|搞|弄|办|引进|{LISTING})"
                     r"[^，,。？?；;！!]*"
                     # "打算跟研究所合建实验室", "考虑把一家知名高校的研发中心引进过来": with whom, or what, before the act
                     r"|(?:准备|计划|打算|考虑|想)(?:要)?(?:跟|和|与|同|把|将)[^，,。？?；;！!]{1,20}?"
                     r"(?:合建|共建|建|设立|引进|落地|申报|申请)[^，,。？?；;！!]*")


# what a question leaves aside ("除了工作站，还有啥…", "除高企奖补外，…还可以申请哪些支持？"): not what it asks about
BESIDES = re.compile(r"除(?:了(?P<what>[^，,。？?！!]{1,16}?)(?:以外|之外|外)?|(?P<bare>[^，,。？?！!了]{1,16}?)(?:以外|之外|外))"
                     r"(?:[，,\s]+|(?=还))")


def left_aside(text: str) -> str:
    """What ``text`` leaves aside with 除了…/除…外 ("除高企奖补外" → "高企奖补"); "" when it leaves nothing aside."""
    m = BESIDES.search(text)
    return (m.group("what") or m.group("bare")) if m else ""


# a level said alone ("市级", "省级以上"): which tier or whose list, never what is asked about
LEVEL_WORD = re.compile(r"(?:国家|省|市|区|县)级(?:以上)?")
# a branch the asker has elsewhere ("我们在官渡也有个分公司"): not where the asker is, but a place whose rules it asks about
BRANCH = re.compile(r"(?:也|还|另外)?有(?:个|一个|家|一家|两个|几个)?(?:分公司|子公司|分厂|办事处|分支机构|分部)")
MOVES = re.compile(r"搬到|搬去|迁到|迁往|迁去|落户到|挪到")  # the asker moving to a place it names

# the kind of company the asker is, said of itself ("对我们这种农业科技企业", "我们茶企还能申请哪些"): no topic asked
OUR_KIND = re.compile(r"(?:我们|咱们|我司)(?:这种|这样的?|这类|这一类|这种类型的)?"
                      r"(?:(?!认定|申请|申报|评上|评为|拿|建|搞|想|能|要|有|是|在|的)[\u4e00-\u9fff]){0,10}?"
                      r"(?:企业|企|公司|单位|厂|机构|运营方|运营主体)")  # "我们运营方有没有奖": the asker, as the operator


SIZE_WORDS = frozenset({"规上", "规模以上", "规下", "规模以下", "小微",  # a company's size, however written
                        "初创", "初创企业", "初创公司"})  # or its stage ("做生物医药的初创")


def titled(word: str, text: str, titles: str) -> bool:
    """Is ``word`` said as part of a document's name ("区里科技兴区计划里…哪些", "那个科技兴区计划里对外贸有啥说法":
    科技兴区 names the plan, not a topic)? It is a word of a title (``titles``: the documents' titles run together),
    followed in ``text`` by what the document is called (计划, 方案, 措施)."""
    return word in titles and bool(re.search(re.escape(word) + r"[\u4e00-\u9fff]{0,6}?(?:计划|方案|措施|行动|文件|政策)", text))


def is_profile_word(term) -> bool:
    """A word that describes the company (高新技术企业, 规上), not a topic it asks about."""
    forms = alts(term)
    return any(concepts_in(a) for a in forms) or any(a in SIZE_WORDS for a in forms)


# Words that point at a document or ask after a contact, never a rule's subject ("这个方案哪个部门牵头？": no rule is
# "about 方案"; "联系电话多少": none is about 电话)
POINTER_WORD = re.compile(r"(?:方案|计划|文件|政策|措施|办法|通知|意见|规定|细则|条款|条文|内容|事项|电话|联系方式|名额|来电)")


_WE = r"我们|我司|我公司|本公司|咱们|我单位|我厂|我们公司"
_US = rf"(?:{_WE})"
US = re.compile(_US)  # the asker speaking of itself
# the asker asks whether it may use the rule, not what the rule is
# …and a clerk asking for the company it speaks for ("客户能去报吗")
_WE_OR_CLIENT = rf"(?:{_WE}|客户|这家企业|该企业|这个企业|那家企业)"
MAY_WE = re.compile(_WE_OR_CLIENT + r".{0,12}(?:能|可以|可不可以|能不能|能否|是否|可否|有资格)(?:也|都|还|先|直接|同时|一起|叠着)?"
                    r"(?:(?:去|到|过去)(?:那边|那里|那儿|他们那边?)?)?(?:申请|申报|拿|领|享受|享|用|适用|参照|按|照|住|入住|报名|参加|参与|参评|评|申|报|进|加入|入|获得|沾|办|搭|蹭|跟)"
                    r"|(?:适用于|适不适用|算不算|适合)" + _US
                    # "我们官渡也照这个给吗", "我们在云岩建新型研发机构也按这个给吧": the same rule for us too
                    + r"|" + _US + r"[^。？?]{0,14}(?:也|同样)(?:照|按|参照|有)?(?:这个|这样|这条|一样|此)"
                    # "五华那边不是给2万吗？我们也按那个来呗", "我们也照那个标准申请"
                    + r"|" + _US + r".{0,4}(?:也|同样|就)(?:照|按|参照|比照)(?:着)?(?:那个|那样|那条|那边|他们)"
                    # "昆明不是评上就给3到5万嘛，我们这没有？", "五华那边给2万，我们官渡有没有？"
                    + r"|" + _US + r"(?:这|这边|这里|当地)?[^，,。？?]{0,4}(?:有没有|没有|也有|有吗|有不有)"
                    # "我们呈贡区有类似的吗？"
                    + r"|" + _US + r"[^，,。？?]{0,6}有(?:类似|同样|一样|相同|这样)的"
                    # "临翔这家也想申请昆明那个科技楼宇100万的奖励，行不行"
                    + r"|(?:" + _WE_OR_CLIENT + r"|这家|那家).{0,6}(?:也|还)?想(?:去)?(?:申请|申报|拿|享受)[^？?]{0,30}"
                    r"(?:行不行|可不可以|可以吗|能行吗|行吗)")


# who the asker asks for, said before the ask ("帮几个客户问问。", "替朋友咨询一下"): no ask of its own
ON_BEHALF = re.compile(r"(?:我)?(?:是)?(?:帮|替|代)[^，,。？?！!]{0,10}(?:问问|问一下|问下|咨询一下|咨询|打听一下|打听|了解一下)"
                        r"[。，,！!…~～]*")


# whom an asker speaks of or for ("我手上有个官渡区的客户…"): people, never the topic a not-found reply names
PEOPLE = frozenset({"客户", "朋友", "老板", "同事", "领导", "同行", "熟人", "亲戚", "家人", "老乡", "甲方", "乙方", "委托方",
                    "老总", "会计", "财务", "人事", "同学", "客商", "投资方", "投资人", "访客", "来访者",
                    "母公司", "总公司", "子公司", "分公司", "母集团", "骨干", "技术骨干"})


# whom a question is asked for, and words for an amount: never a topic a refusal names as missing
WHOM = frozenset({"会员", "家长", "员工", "职工", "个人", "学生", "家属", "孩子", "数额", "数目"})
# how much a thing counts ("研发投入在考核里占分量吗"), or whether it concerns the asker ("研发投入这块跟我们有关系吗"):
# asked of a topic, never one, nor a word the evidence must hold
WEIGHING = frozenset({"分量", "重要性", "意义", "好处", "坏处", "差别", "权重", "关系", "关联", "沾边", "搭边"})


# what the asker asks the assistant to do with its answer ("总结一下，…最多能拿多少"): an instruction, never a topic
RECAP = frozenset({"总结", "汇总", "概括", "归纳", "梳理", "盘点", "整理", "罗列", "列举", "简述", "小结"})


_PARTNER = re.compile(r"(?:跟|和|与|同)([^，,。？?；;\s和与跟]{2,12}?)(?:一起|合作|联合|共同|合办|共建|合建|搞)")


# whose words the asker passes on, said before them ("老板说那现在市里…", "他说我们是规上", "客户问：…"): the rest is the ask
_RELAYED = re.compile(r"^(?:你好|您好)?[，,。！!\s]*(?:我们|我家|我)?(?:老板|老总|领导|客户|经理|董事长|总经理|对方|他|她)(?:又|还)?"
                      r"(?:说|问|讲|想问|想知道|想了解|让我问|叫我问|说想问)(?:一下|下)?[：:，,\s]*")


def unrelayed(question: str) -> str:
    """The message without the lead-in of whose words it passes on ("老板说那现在市里研发投入奖补是多少" →
    "那现在市里研发投入奖补是多少"); unchanged when nothing would remain."""
    rest = _RELAYED.sub("", question, count=1)
    return rest if len(rest.strip()) >= 2 else question


def without_behalf(question: str) -> str:
    """The message without whom the asker asks for ("帮几个客户问问。"): it names no topic and asks nothing."""
    return ON_BEHALF.sub("", question) or question


# the one of several an asker goes through, opening its clause ("帮几个客户问问。第一个在西山区，…", "另一家是…"): a list
# marker, never a first-time (第一次) or an order asked
_ONE_OF = re.compile(r"(?:^|(?<=[。，,；;！!？?：:\s]))(?:第[一二三四五六七八九十\d]|另一|还有一|再有一)(?:个|家|位)"
                     r"(?:客户|企业|公司|单位)?(?:是|呢)?(?=在|做|搞|是|的|[，,：:])")


def without_behalf_lead(question: str) -> str:
    """The message without whom it asks for when said at its start ("我是做申报咨询的，帮几个客户问问。第一个在西山区，…"):
    the rest is the ask. Said late ("…让我帮忙问问，楼宇这个政府有钱吗？") it closes a story and stays."""
    m = ON_BEHALF.search(question)
    return (question[: m.start()] + question[m.end() :]) if m and m.start() < _LEAD_CHARS and question[m.end() :].strip() else question


_LEAD_CHARS = 20


def without_one_of(question: str) -> str:
    """The message without the list marker of the one it asks for ("第一个在西山区，…" → "在西山区，…")."""
    return _ONE_OF.sub("", question) or question


def partners(question: str) -> list[str]:
    """Whom the asker says it works with ("跟省农科院一起申请…", "和云南农大联合攻关"): names, not topics."""
    return [m.group(1) for m in _PARTNER.finditer(question)]


# the company founding one of its own ("在呈贡新设一个子公司", "去年新成立了家公司"): what it does, no topic
_FOUNDS = re.compile(r"(新设|新建|新成立|成立|注册|设立|开设|新开)(?:了)?(?:一个|一家|个|家)?(?:新的)?"
                     r"(?:子公司|分公司|新公司|公司|厂|工厂|门店)")


# settling somewhere ("有位客商在比官渡和贵阳云岩落地", "准备在呈贡注册"): where the company goes, no topic
_SETTLES = re.compile(r"(?:在|到|去)[^，,。？?；;]{1,12}?(?P<settles>落地|落户|注册|安家|扎根|入驻)|(?P<moves>(?:迁|搬)(?:过去|过来|走|家))")


def founding_acts(question: str) -> list[str]:
    """The verbs with which the asker says it founds a company of its own ("新设一个子公司" → 新设) or settles in a
    place ("在贵阳云岩落地" → 落地)."""
    return [m.group(1) for m in _FOUNDS.finditer(question)] + [m.group("settles") or m.group("moves")
                                                                for m in _SETTLES.finditer(question)]


# asked whose a rule is ("补2%那个是哪儿的政策", "这是哪个地方的规定"): answered wherever it is, with its place named
WHOSE_RULE = re.compile(r"(?:哪儿|哪里|哪个地方|哪个地区|哪个区|哪个市|哪个县|哪边)的(?:政策|规定|文件|措施|补贴|补助|奖励)")
