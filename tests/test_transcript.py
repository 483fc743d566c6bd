"""A conversation kept and exported: plain text for copying, Markdown and Word with quotes and full citations,
and answers rebuilt from what the browser kept (checked against the current build)."""

from __future__ import annotations

import io

import pytest

from policybot.serving.web import history as hist
from policybot.serving.web.locale import rewrite
from policybot.serving.web.messages import bubble
from policybot.serving.web.saved import MAX_CONVERSATIONS, MAX_TURNS, ConversationStore, new_owner, owner_of
from policybot.serving.web.transcript import answer_from_json, plain_answer, to_docx, to_markdown, turn_json
from policybot.types import Answer, Citation

pytestmark = pytest.mark.unit

PASSAGE = "（三）支持企业。对规模以上企业新设立研发机构,经省级备案认定的给予市级补助经费10万元。"
QUOTE = "经省级备案认定的给予市级补助经费10万元。"


def _answer(**kw) -> Answer:
    c = Citation(n=1, doc_id="d", title="临沧市三年行动方案", issuer="临沧市人民政府办公室", doc_number="临政办发〔2023〕53号",
                 section="二、重点任务 › (三)支持企业", quote=QUOTE, chunk_id="c1", period="2023—2025", expired=True,
                 section_ref="二、(三)", chunk_text=PASSAGE, quote_start=PASSAGE.index(QUOTE))
    base = dict(question="临沧补多少？", found=True, answer="给予市级补助经费10万元[1]\n依据原文：\nA&B <x> 10万元。[1]",
                citations=[c], warnings=["该文件执行期已结束"], direct_answer="给予市级补助经费10万元[1]")
    return Answer(**{**base, **kw})


def test_plain_text_has_the_numbered_sources_and_no_markup():
    text = plain_answer(_answer())
    assert "A&B <x>" in text and "&amp;" not in text
    assert "来源：\n[1] 《临沧市三年行动方案》（临政办发〔2023〕53号）二、(三)：“经省级备案认定的给予市级补助经费10万元。”" in text
    assert "发文：临沧市人民政府办公室；执行期2023—2025，已过期" in text and "注意：该文件执行期已结束" in text


def test_a_kept_answer_comes_back_and_its_card_is_checked_against_the_build():
    turn = turn_json("临沧补多少？", _answer())
    assert "chunk_text" not in turn["answer"]["citations"][0]
    back = answer_from_json(turn["answer"], {"c1": PASSAGE}.get)
    assert back.citations[0].chunk_text == PASSAGE and back.citations[0].quote_start == PASSAGE.index(QUOTE)
    gone = answer_from_json(turn["answer"], {}.get)  # the document was replaced since: the quote alone, marked
    assert gone.citations[0].chunk_text == "" and "知识库已更新" in bubble(gone, "t1")
    assert plain_answer(back) == plain_answer(_answer())


def test_the_bubble_links_markers_to_its_own_cards_and_escapes_everything():
    html = bubble(_answer(), "t9")
    assert html.count('href="#pb-t9-c1"') == 2 and 'id="pb-t9-c1"' in html
    assert "<x>" not in html.split('class="pb-plain"')[0] and "A&amp;B &lt;x&gt;" in html
    assert "已过期" in html and "pb-warn" in html and "来源（1） · 其中1份已过期" in html
    assert "[7]" in bubble(_answer(answer="见[7]", direct_answer=""), "t")  # a marker with no source stays text
    lost = bubble(_answer(outcome="not_found", found=False, citations=[], direct_answer="", warnings=[]), "t")
    assert "未找到依据" in lost and "pb-copy" not in lost


def test_markdown_and_word_exports_hold_quotes_and_full_citations():
    turns = [turn_json("临沧补多少？", _answer()), turn_json("你好<script>", _answer(citations=[], warnings=[]))]
    md = to_markdown("政策问答记录", turns)
    assert "## 问1：临沧补多少？" in md and "## 问2：你好\\<script\\>" in md
    assert "- \\[1\\] 《临沧市三年行动方案》（临政办发〔2023〕53号）二、(三)：“经省级备案认定的给予市级补助经费10万元。”" in md
    from docx import Document

    doc = Document(io.BytesIO(to_docx("政策问答记录", turns + [turn_json("控制\x07字符", _answer())])))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "问1：临沧补多少？" in text and "经省级备案认定的给予市级补助经费10万元" in text and "临政办发〔2023〕53号" in text
    assert "问3：控制字符" in text


def test_saved_conversations_are_bounded_per_owner_and_shown_as_a_window(tmp_path):
    saved = ConversationStore(tmp_path / "conversations.sqlite")
    owner, other = new_owner(), new_owner()
    conv = None
    for i in range(MAX_TURNS + 5):
        conv = saved.save(owner, hist.add_turn(conv, f"问题{i}", _answer()))
    assert len(conv["turns"]) == MAX_TURNS and conv["dropped"] == 5 and conv["title"] == "问题0"
    assert saved.get(owner, conv["id"]) == conv and saved.get(other, conv["id"]) is None  # another browser sees nothing
    assert "最早的5轮已不再保存" in hist.window_note(conv) and f"较早的{MAX_TURNS - hist.MAX_SHOWN}轮" in hist.window_note(conv)
    for _ in range(MAX_CONVERSATIONS + 3):
        saved.save(owner, hist.add_turn(None, "再问", _answer()))
    assert len(saved.listing(owner)) == MAX_CONVERSATIONS and saved.listing(other) == []
    assert owner_of({"owner": owner}) == owner and owner_of({"owner": "../x"}) is None and owner_of("garbage") is None
    rated = hist.rate(conv, MAX_TURNS - 1, -1)
    assert hist.feedback_values(rated)[-1] == "Dislike" and hist.feedback_values(conv)[-1] is None
    msgs = hist.messages(rated, {"c1": PASSAGE}.get)
    assert len(msgs) == 2 * hist.MAX_SHOWN and msgs[0]["content"] == f"问题{5 + MAX_TURNS - hist.MAX_SHOWN}"
    assert len(hist.past_turns(conv)) == 2 * hist.CONTEXT_TURNS
    assert hist.past_turns(conv)[1] == {"role": "assistant", "content": _answer().answer}
    saved.delete(owner, conv["id"])
    assert saved.get(owner, conv["id"]) is None


def test_the_page_shell_says_zh_cn_and_runs_the_page_script_first():
    page = '<!doctype html><html lang="en" style="x"><head><meta charset="utf-8"><script src="/a.js"></script></head>'
    out = rewrite(page)
    assert '<html lang="zh-CN" style="x">' in out
    assert out.index("navigator,'language'") < out.index('src="/a.js"')


def test_exports_carry_the_bold_line_the_tag_and_each_warning_on_its_own_line():
    two = _answer(warnings=["甲文件执行期已结束", "乙文件未写明执行期限"])
    away = _answer(outcome="elsewhere", found=False, direct_answer="", answer="临沧市中没有；昆明市有相关规定：\n【昆明市】A。[1]")
    turns = [turn_json("临沧补多少？", two), turn_json("那上海呢？", away)]
    md = to_markdown("记录", turns)
    assert "**给予市级补助经费10万元\\[1\\]**" in md
    assert "⚠ 甲文件执行期已结束\n\n⚠ 乙文件未写明执行期限" in md  # two paragraphs, not one run-on line
    assert "【所问地区没有这项规定 · 以下为其他地区的规定，仅供参考】" in md
    from docx import Document

    doc = Document(io.BytesIO(to_docx("记录", turns)))
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold]
    texts = [p.text for p in doc.paragraphs]
    assert "给予市级补助经费10万元[1]" in bold
    assert "⚠ 甲文件执行期已结束" in texts and "⚠ 乙文件未写明执行期限" in texts
    assert "【所问地区没有这项规定 · 以下为其他地区的规定，仅供参考】" in texts


def test_a_bold_line_inside_the_only_quote_is_bolded_there_not_said_twice():
    folded = _answer(answer="经省级备案认定的给予市级补助经费10万元[1]\n依据原文：\n【临沧市】对新设研发机构,经省级备案认定的给予市级补助经费10万元。[1]",
                     direct_answer="经省级备案认定的给予市级补助经费10万元[1]")
    html_ = bubble(folded, "t1")
    above = html_.split('class="pb-src"')[0]  # what a reader meets above the collapsed sources
    assert above.count("市级补助经费10万元") == 1 and "依据原文" not in above
    assert "<b>经省级备案认定的给予市级补助经费10万元</b>" in above
    md = to_markdown("记录", [turn_json("临沧补多少？", folded)])
    assert "对新设研发机构,**经省级备案认定的给予市级补助经费10万元**。\\[1\\]" in md


def test_exports_say_what_the_answers_assumed_of_the_asker_and_when_that_was_dropped():
    turns = [turn_json("研发补多少？", _answer(assumed="官渡区 · 规上 · 非高企")),
             turn_json("那临沧呢？", _answer(assumed="官渡区 · 规上 · 非高企")),
             turn_json("研发补多少？", _answer(assumed=""))]
    md = to_markdown("政策问答记录", turns)
    assert md.count("按：官渡区 · 规上 · 非高企") == 1 and "此后不再按贵单位情况回答" in md
    assert md.index("按：官渡区") < md.index("## 问2") < md.index("此后不再按")
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(to_docx("记录", turns))).paragraphs)
    assert "按：官渡区 · 规上 · 非高企" in text and "此后不再按贵单位情况回答" in text


def test_a_list_answer_bolds_its_head_and_shows_its_items_as_lines():
    """"能申请哪些补贴？": the head is the bold line; ten items in bold would make the bold line mean nothing."""
    from policybot.serving.web.transcript import shown

    listed = "可能适用于贵单位的扶持：\n· 【临沧市】首次认定高新技术企业补助：10万元[1]\n· 【临沧市】研发机构补助：10万元[1]"
    s = shown(_answer(answer=listed, direct_answer=listed))
    assert s.bold == ["可能适用于贵单位的扶持："]
    assert s.lines[:2] == ["· 【临沧市】首次认定高新技术企业补助：10万元[1]", "· 【临沧市】研发机构补助：10万元[1]"]
    two = _answer(answer="甲：10万元[1]\n乙：5万元[1]", direct_answer="甲：10万元[1]\n乙：5万元[1]")
    assert shown(two).bold == ["甲：10万元[1]", "乙：5万元[1]"]  # one bold line per ask stays bold
