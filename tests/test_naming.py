"""How a 政策清单 line reads: names a person would write, beneficiaries that are entities, departments without labels."""

from __future__ import annotations

import pytest

from policybot.catalogue import naming
from policybot.catalogue.extract import _reads, extract_sentence


def lines(sentence: str) -> list[tuple[str, str, str | None]]:
    """(benefit, beneficiary, tier) of each item of one sentence, as the catalogue writes them."""
    return [(name, who, tier) for g in extract_sentence(sentence) for who, name, tier in [_reads(g, sentence, "")]]


@pytest.mark.unit
def test_a_tier_rule_names_every_subject_at_its_tier():
    got = lines("对新认定的重点实验室、工程技术研究中心、院士工作站，市级、省级分别给予2万元、5万元补助。")
    assert [(who, tier) for _, who, tier in got] == [("新认定的市级重点实验室、工程技术研究中心、院士工作站", "市级"),
                                                     ("新认定的省级重点实验室、工程技术研究中心、院士工作站", "省级")]


@pytest.mark.unit
@pytest.mark.parametrize("sentence, whos", [
    ("对新认定的国家级科技企业孵化器、省级众创空间分别一次性给予30万元、10万元奖补;",
     ["新认定的国家级科技企业孵化器", "新认定的省级众创空间"]),
    ("对认定为市级重点实验室的给予补助经费5万元,对规上企业新设立的院士、专家工作站分别给予补助经费8万元、4万元。",
     ["新认定的市级重点实验室", "规上企业新设立的院士工作站", "规上企业新设立的专家工作站"]),
])
def test_every_tier_keeps_the_qualifier_before_the_list(sentence, whos):
    assert [who for _, who, _ in lines(sentence)] == whos


@pytest.mark.unit
@pytest.mark.parametrize("sentence, who", [
    ("对新认定为市级科技企业孵化器的,按照政策给予一次性资金扶持。", "新认定的市级科技企业孵化器"),
    ("连续三次认定为高新技术企业的,每家企业给予2万元奖补。", "连续三次认定为高新技术企业的企业"),
    ("对规上企业认定为科技型中小企业的给予奖补,对首次认定企业给予市级财政资金3万元补助。",
     "首次认定为科技型中小企业的规上企业"),
])
def test_a_clause_beneficiary_reads_as_the_entity_it_describes(sentence, who):
    assert who in [w for _, w, _ in lines(sentence)]


@pytest.mark.unit
def test_a_purpose_or_another_benefit_is_not_a_condition():
    got = extract_sentence("引导众创空间高质量发展,对新认定的国家级众创空间一次性给予30万元奖补。")
    assert got and all("发展" not in c for g in got for c in g["conditions"])
    got = extract_sentence("为部署在本市的重点实验室提供配套经费支持,给予市级院士工作站50万元、市级专家工作站20万元经费支持;")
    money = [g for g in got if g["amount"] != "未载明金额"]
    assert money and all("提供" not in c for g in money for c in g["conditions"])


@pytest.mark.unit
def test_grades_and_list_numbers_are_not_beneficiaries():
    got = lines("培养期满考核优秀、合格的创新团队，分别给予10万元、5万元补助。")
    assert [who for _, who, _ in got] == ["创新团队（培养期满考核优秀）", "创新团队（合格）"]
    assert [name for name, _, _ in got] == ["创新团队补助（培养期满考核优秀）", "创新团队补助（合格）"]
    [(name, who, _)] = lines("3.上述科技人才被评为领军人才的，给予每人10万元补助。")
    assert not who[0].isdigit() and who != "每人" and name == "领军人才补助"
    [(_, who, _)] = lines("对入驻的科技企业每户给予1万元房租补贴。")
    assert who == "入驻的科技企业"


@pytest.mark.unit
@pytest.mark.parametrize("sentence, name, who", [
    ("按照相关政策及时兑现高新技术企业扶持资金,为企业高质量发展蓄势赋能。", "高新技术企业扶持资金", "高新技术企业"),
    ("严格落实研发投入后补助等扶持政策。", "研发投入后补助", "有研发投入的企业"),
    ("对获得认定的国际(对外)科技研发中心、国际技术转移中心(国际科技企业孵化器)给予100万元经费支持;", "国际科技合作平台经费支持", None),
    ("对在本市承担国家技术创新中心等重大创新平台建设任务的单位,给予最高1000万元建设引导经费;", "重大创新平台建设引导经费", None),
])
def test_names_are_complete_words_and_the_beneficiary_is_not_the_benefit(sentence, name, who):
    [(got_name, got_who, _)] = lines(sentence)
    assert got_name == name and got_who != got_name and (who is None or got_who == who)
    assert "等经费" not in got_name and not got_name.startswith(("按照", "及时", "兑现"))


@pytest.mark.unit
@pytest.mark.parametrize("lines_, lead", [
    ("责任单位:区委人才办", "区委人才办"),
    ("牵头单位：区科技局；配合单位：区财政局", "区科技局"),
    ("（区科工信局、区财政局负责落实）", "区科工信局"),
])
def test_departments_without_their_labels(lines_, lead):
    assert naming.lead_department(lines_) == lead


@pytest.mark.unit
def test_the_other_tier_says_other_than_whom_and_does_not_take_its_condition():
    got = extract_sentence("对企业给予两项激励:科技型中小企业等重点企业,按研发经费投入的3%给予基础补助,其他企业按研发经费投入的1%给予基础补助;")
    whos = [_reads(g, "", "")[0] for g in got]
    assert whos == ["科技型中小企业等重点企业", "科技型中小企业等重点企业以外的其他企业"]
    assert got[1]["conditions"] == []


@pytest.mark.unit
def test_an_enterprise_that_sets_something_up_is_who_receives_it():
    [(_, who, _)] = lines("对规上企业新设立工程技术研究中心,经市级备案的给予补助经费5万元。")
    assert who == "新设立工程技术研究中心、经市级备案的规上企业"  # the filing is a condition it must meet (qualifying.py)


@pytest.mark.unit
def test_a_role_named_by_a_short_form_is_written_in_full_from_its_paragraph():
    assert naming.in_full("楼宇运营方", "打造科技楼宇,加速成果转化。经认定达标后,给予楼宇运营方100万元奖励。") == "科技楼宇运营方"
    assert naming.in_full("楼宇运营方", "经认定达标后,给予楼宇运营方100万元奖励。") == "楼宇运营方"  # nothing to complete it
    assert naming.in_full("省级星创天地", "对新认定的省级星创天地给予5万元。") == "省级星创天地"


@pytest.mark.unit
def test_a_paragraph_cut_before_its_closing_line_still_names_its_department():
    from policybot.catalogue.extract import _paragraph_department

    doc = "对新设立研发机构的给予补助经费10万元。到2025年,研发机构达50家。(市科技局、市财政局负责落实)\n(四)下一段。(市发改委负责落实)"
    at = doc.index("10万元。") + len("10万元。")
    assert naming.lead_department(_paragraph_department(doc, at)) == "市科技局"
    assert _paragraph_department("给予补助经费10万元。\n(四)下一段。(市发改委负责落实)", len("给予补助经费10万元。")) == ""


@pytest.mark.parametrize("text, region, named", [
    ("在我市承担国家技术创新中心等重大创新平台建设任务的单位", ["云南省", "昆明市"], "在昆明市承担国家技术创新中心等重大创新平台建设任务的单位"),
    ("本区规上企业", ["云南省", "昆明市", "官渡区"], "官渡区规上企业"),
    ("我市级财政", ["云南省", "昆明市"], "我市级财政"),  # 市级 is a level, not the place
    ("全市企业", ["云南省", "昆明市"], "全市企业"),
])
def test_the_documents_own_place_is_named_as_a_line_read_outside_it_writes_it(text, region, named):
    from policybot.catalogue.naming import named_place
    assert named_place(text, region) == named


def test_a_group_closed_by_one_department_bracket_is_that_departments():
    from policybot.text.rules import group_department
    text = ("(四)营造创新生态\n9. 推动大数据产业。\n11. 优化成果转化服务。每年立项支持10个以上科技成果转化项目。\n"
            "13. 强化财政科技资金。(责任单位:区科学技术局、区财政局)\n(五)集聚人才\n14. 深化人才工程。\n")
    at = text.find("每年立项")
    assert group_department(text, at).startswith("(责任单位:区科学技术局")
    assert group_department(text, text.find("深化人才")) == ""  # a group with no bracket of its own
    own = "(一)甲\n1. 甲项。(责任单位:区科技局)\n2. 乙项。\n3. 丙项。(责任单位:区财政局)\n"
    assert group_department(own, own.find("乙项")) == ""  # each item its own bracket: no guessing
