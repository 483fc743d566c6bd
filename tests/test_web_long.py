"""A morning of questions in one browser profile: 40 questions in one conversation (follow-ups among them, fed the
bot's own answers), a reload, 10 more — on a desktop and on a phone. Every question gets a reply, no error is
shown, and no page request grows with the conversation (the largest is recorded in test-artifacts/)."""

from __future__ import annotations

import json
import os
import re
import time

import pytest
from test_web import ARTIFACTS, _open, _shot, browser  # noqa: F401  (the module-scoped browser fixture)

from policybot.answering.bot import PolicyBot
from policybot.serving.api import create_app, start_in_thread
from policybot.workspace.feedback import FeedbackStore

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.slow]

# ten turns a person might send, follow-ups and thanks among them; repeated, they make a morning
MORNING = [
    ("临沧规上企业新设研发机构能补多少钱？", "10万元"),
    ("需要满足什么条件？", "1.5%"),
    ("那昆明呢？", None),
    ("高企复审各地奖励多少？", None),
    ("谢谢", None),
    ("官渡区专精特新中小企业培育由哪个部门牵头？", "区科工信局"),
    ("云岩区要筹建多少套人才公寓？", None),
    ("昆明新认定的省级科技企业孵化器奖补多少？", "20万元"),
    ("那国家级的呢？", "50万元"),
    ("五华区高企复审通过能奖多少钱？", "4万元"),
]


def _serve(real_index, tmp_path_factory, **settings_update):
    """A page + API server in a thread over the real index, with its own data folder."""
    settings, embedder, index = real_index
    os.environ["GRADIO_TEMP_DIR"] = str(tmp_path_factory.mktemp("gradio"))
    settings = settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("data"), **settings_update})
    app = create_app(settings, PolicyBot(settings, embedder, index), FeedbackStore(settings.data_dir / "feedback.sqlite"))
    srv, thread, url = start_in_thread(app)
    yield url
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(real_index, tmp_path_factory):
    yield from _serve(real_index, tmp_path_factory)


def _ask(page, question: str) -> str:
    """Send ``question`` and wait until the reply to it has finished; its text. Works when older turns leave the view."""
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()
    page.wait_for_function(
        """(q) => { const users = document.querySelectorAll('#chatbot [data-testid="user"]');
                    const bots = document.querySelectorAll('#chatbot [data-testid="bot"]');
                    if (!users.length || !bots.length) return false;
                    const last = bots[bots.length - 1];
                    return users[users.length - 1].innerText.trim() === q && last.querySelector('.pb-msg') !== null; }""",
        arg=question, timeout=30000)
    return page.locator('#chatbot [data-testid="bot"]').last.inner_text()


def _no_error(page) -> None:
    text = page.evaluate("document.body.innerText")
    assert "错误" not in text and "error" not in text.lower() and "processing" not in text.lower()
    assert page.locator("#question textarea").is_enabled()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_fifty_questions_reload_and_follow_ups_keep_working(browser, server, device):  # noqa: F811
    size = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}[device]
    pg = _open(browser, server, viewport=size, is_mobile=device == "phone", has_touch=device == "phone")
    bodies: list[int] = []
    pg.on("request", lambda r: bodies.append(len(r.post_data_buffer or b"")) if r.method == "POST" else None)
    t0 = time.monotonic()
    try:
        for i in range(50):
            if i == 40:  # a reload in the middle of the morning: the conversation comes back and goes on
                pg.reload(wait_until="domcontentloaded")
                pg.wait_for_function("document.querySelectorAll('#chatbot [data-testid=\"bot\"] .pb-msg').length >= 40",
                                     timeout=30000)
                assert "较早" not in pg.locator("#chat-window-note").inner_text()
            question, fact = MORNING[i % len(MORNING)]
            reply = _ask(pg, question)
            assert "上一个问题" not in reply, f"turn {i + 1} lost its context: {reply[:80]}"
            if fact:
                assert fact in reply, f"turn {i + 1} ({question}): {reply[:120]}"
            _no_error(pg)
        assert "较早的10轮" in pg.locator("#chat-window-note").inner_text()  # 50 asked, 40 shown, said so
        if device == "phone":  # no scroll box inside the page, and every tab reachable by its label
            nested = pg.evaluate("""() => [...document.querySelectorAll('#chatbot, #chatbot *')].filter(e => {
                const s = getComputedStyle(e); return (s.overflowY === 'auto' || s.overflowY === 'scroll')
                    && e.scrollHeight > e.clientHeight + 2; }).map(e => e.className)""")
            assert not nested, nested
            labels = pg.evaluate("[...document.querySelectorAll('button[role=tab]')].filter(b => b.offsetParent)"
                                 ".map(b => b.innerText)")
            assert {"问答", "检索", "政策文件", "政策清单", "政策匹配"} <= set(labels), labels
        _shot(pg, f"long-conversation-{device}")
    finally:
        pg.context.close()
    largest = max(bodies)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"long-conversation-{device}.json").write_text(json.dumps(
        {"questions": 50, "largest_request_bytes": largest, "requests": len(bodies), "seconds": round(time.monotonic() - t0, 1)}))
    assert largest < 4096, f"a page request carried {largest} bytes"


@pytest.fixture(scope="module")
def strict_server(real_index, tmp_path_factory):
    """The page with a tiny question budget per session: one at once, one a minute."""
    yield from _serve(real_index, tmp_path_factory, rate_limit_per_minute=1, rate_limit_burst=1)


def test_a_limit_met_says_so_in_chinese_and_loses_nothing(browser, strict_server):  # noqa: F811
    pg = _open(browser, strict_server, viewport={"width": 1366, "height": 900})
    try:
        first = _ask(pg, "临沧规上企业新设研发机构能补多少钱？")
        assert "10万元" in first
        pg.locator("#question textarea").fill("需要满足什么条件？")
        pg.locator("#send").click()
        pg.wait_for_function("document.body.innerText.includes('提问太频繁')", timeout=15000)
        toast = pg.locator(".toast-body").last.inner_text()
        assert "秒后再试" in toast and not re.search(r"[A-Za-z]{3,}", toast), toast
        assert pg.locator("#question textarea").input_value() == "需要满足什么条件？"  # the question is still there
        assert "10万元" in pg.locator("#chatbot").inner_text()  # and so is the conversation
        _no_error(pg)
        _shot(pg, "limit-message")
    finally:
        pg.context.close()


def test_what_the_answers_assume_of_the_asker_is_shown_and_can_be_cleared(browser, server):  # noqa: F811
    pg = _open(browser, server, viewport={"width": 1366, "height": 900})
    try:
        _ask(pg, "我们是临沧的规上企业，新设立研发机构补助多少？")
        pg.wait_for_function("document.querySelector('#chat-window-note').innerText.includes('按：临沧市 · 规上')", timeout=10000)
        reply = _ask(pg, "高企认定有什么奖励？")  # names no place: answered for 临沧市, where the asker is
        assert "临沧" in reply and "五华区" not in reply.split("来源")[0]
        pg.locator("#chat-clear-asker").click()
        pg.wait_for_function("!document.querySelector('#chat-window-note').innerText.includes('按：')", timeout=10000)
        assert not pg.locator("#chat-clear-asker").is_visible()
        _shot(pg, "asker-line")
    finally:
        pg.context.close()


def test_a_districts_filter_includes_the_citys_measures_in_the_chat_and_in_lookup(browser, server):  # noqa: F811
    pg = _open(browser, server, viewport={"width": 1366, "height": 900})
    try:
        pg.locator("#chat-region input").click()
        pg.get_by_role("option", name="官渡区", exact=True).click()
        reply = _ask(pg, "独角兽企业奖补多少钱？")  # a 昆明市 measure: it applies to 官渡区 enterprises
        assert "500万元" in reply and "所问地区没有这项规定" not in reply and "只适用于该地区" not in reply
        assert "昆明市（适用于官渡区）" in reply
        pg.get_by_role("tab", name="检索").click()
        pg.locator("#lookup-region input").click()
        pg.get_by_role("option", name="五华区", exact=True).click()
        pg.locator("#lookup-query textarea").fill("独角兽企业奖补多少钱")
        pg.locator("#lookup-go").click()
        pg.wait_for_function("document.querySelector('#lookup-results').innerText.includes('#1')", timeout=30000)
        first = pg.locator("#lookup-results .pb-result").first.inner_text()
        assert "独角兽" in first and "昆明市（适用于五华区）" in first
        _shot(pg, "containment")
    finally:
        pg.context.close()
