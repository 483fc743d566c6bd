"""What the documents say about a topic ("新材料这块有啥说法", "对专精特新企业是怎么说的"): the sentences naming it in the
documents applying to the asker, quoted; a topic the documents do not name, or name only as part of another thing
(量子 of 量子通信 for 量子计算), is not quoted around."""

from __future__ import annotations

import pytest
from conftest import chat


@pytest.mark.parametrize("turns, wanted, region", [
    (("新材料这块昆明市里有没有重点方向？",), "新材料产业创新生态圈", "昆明市"),
    (("我们是晋宁区的企业", "那育种这块，市里有相关的说法没？"), "育种保护", "昆明市"),
    (("我们是临沧的企业", "新材料这块有啥说法？"), "新材料", "临沧市"),  # the asker's city, not 昆明
    (("我们凤庆的产业园区在临沧这个方案里有啥说法没",), "云南凤庆产业园区", "临沧市"),
])
def test_what_is_said_about_a_topic_is_quoted_from_the_documents_applying(real_bot, turns, wanted, region):
    answer = chat(real_bot, *turns)[-1]
    assert answer.found and wanted in answer.answer, answer.answer
    assert all(real_bot.index.documents[c.doc_id].region[-1] == region for c in answer.citations)
    assert all(c.quote in c.chunk_text for c in answer.citations)  # verbatim
    assert "负责落实" not in answer.citations[0].quote  # a list of units says nothing about the topic


def test_a_task_headed_by_the_topic_is_where_the_document_speaks_of_it(real_bot):
    answer = chat(real_bot, "官渡区的科技兴区计划里对专精特新企业是怎么说的？")[-1]
    assert "专精特新" in answer.direct_answer and all(
        real_bot.index.documents[c.doc_id].region[-1] == "官渡区" for c in answer.citations)


@pytest.mark.parametrize("question", ["昆明市对量子计算有什么说法？", "临沧对区块链有什么说法？"])
def test_a_topic_no_applying_document_names_is_not_quoted_around(real_bot, question):
    answer = chat(real_bot, question)[-1]
    assert not answer.found or "量子通信" not in answer.answer
    assert "区块链" not in "".join(c.quote for c in answer.citations)
