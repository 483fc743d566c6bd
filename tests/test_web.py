"""The Gradio page in a real headless Chromium (Debian's), driven by Playwright; the HTTP API via gradio_client."""

from __future__ import annotations

import os
import shutil

import pytest

from policybot.api import create_app, start_in_thread
from policybot.chain import PolicyBot
from policybot.feedback import FeedbackStore

from conftest import ROOT

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="module")
def server(real_index, tmp_path_factory):
    settings, embedder, index = real_index
    os.environ["GRADIO_TEMP_DIR"] = str(tmp_path_factory.mktemp("gradio"))
    feedback = FeedbackStore(tmp_path_factory.mktemp("fb") / "feedback.sqlite")
    app = create_app(settings, PolicyBot(settings, embedder, index), feedback)
    srv, thread, url = start_in_thread(app)
    yield url, feedback
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server, tmp_path_factory):
    if not CHROMIUM:
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium); scripts/test.sh installs it in CI")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (test extra) not installed")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(tmp_path_factory.mktemp("chrome")), executable_path=CHROMIUM,
                                                   headless=True, args=ARGS, viewport={"width": 1280, "height": 1400},
                                                   permissions=["clipboard-read", "clipboard-write"])
        pg = ctx.new_page()
        pg.external_requests = []
        pg.on("request", lambda req: None if req.url.startswith(("http://127.0.0.1", "data:", "blob:"))
              else pg.external_requests.append(req.url))
        pg.goto(server[0], wait_until="domcontentloaded")
        pg.wait_for_selector("#question textarea", timeout=30000)
        yield pg
        ctx.close()


def _ask(page, question):
    """Send a question and wait until its answer has finished streaming."""
    n = page.locator('#chatbot [data-testid="bot"]').count()
    box = page.locator("#question textarea")
    box.fill(question)
    page.locator("#send").click()
    page.wait_for_function(f"document.querySelectorAll('#chatbot [data-testid=\"bot\"]').length > {n}", timeout=30000)
    # the citation panel is written last, when the stream is done
    page.wait_for_function("document.querySelector('#citations').innerText.trim().length > 0 && "
                           "!document.querySelector('#citations').innerText.includes('正在')", timeout=30000)


def _shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_chat_answers_with_a_citation_card(page):
    _ask(page, "临沧规上企业新设研发机构能补多少钱？")
    page.wait_for_function("document.querySelector('#citations') && document.querySelector('#citations').innerText.includes('临政办发')", timeout=30000)
    cards = page.locator("#citations .pb-card")
    assert cards.count() >= 1
    assert "经省级备案认定的给予市级补助经费10万元" in cards.first.locator(".pb-quote-line").inner_text()
    assert "已过期" in cards.first.inner_text()
    assert "10万元" in page.locator("#chatbot").inner_text()
    bold = page.locator('#chatbot [data-testid="bot"] b').first.inner_text()  # the direct line, bold
    assert "10万元" in bold and "依据原文" not in bold
    _shot(page, "01-chat-answer")


def test_follow_up_uses_the_conversation(page):
    _ask(page, "需要满足什么条件？")
    page.wait_for_function("document.querySelector('#chatbot').innerText.includes('1.5%')", timeout=30000)
    _shot(page, "02-follow-up")


def test_feedback_is_stored(page, server):
    page.locator("#fb-comment textarea").fill("测试：条件说得不够全")
    page.locator("#fb-down").click()
    page.wait_for_function("document.querySelector('#fb-status').innerText.includes('已记录反馈')", timeout=15000)
    rows = server[1].all()
    assert rows[-1]["rating"] == -1 and rows[-1]["comment"] == "测试：条件说得不够全"
    assert rows[-1]["question"] == "需要满足什么条件？" and rows[-1]["citations"]
    _shot(page, "03-feedback")


def test_script_in_a_question_shows_as_text(page):
    _ask(page, "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">临沧研发机构补助")
    page.wait_for_function("document.querySelector('#chatbot').innerText.includes('window.__pwned=1')", timeout=30000)
    assert page.evaluate("window.__pwned") is None
    _shot(page, "04-script-as-text")


def test_bad_input_shows_a_friendly_warning(page):
    n = page.locator('#chatbot [data-testid="bot"]').count()
    page.locator("#question textarea").fill("？？？！！")
    page.locator("#send").click()
    page.get_by_text("问题里没有文字").first.wait_for(timeout=15000)
    assert page.locator('#chatbot [data-testid="bot"]').count() == n
    assert "Traceback" not in page.content()
    _shot(page, "04b-bad-input-warning")


def test_not_found_looks_different(page):
    _ask(page, "上海的高企补贴多少？")
    page.wait_for_function("document.querySelector('#citations .pb-notfound') !== null", timeout=30000)
    assert page.locator("#citations .pb-card").count() == 0
    assert "云岩区" in page.locator("#citations").inner_text()
    _shot(page, "05-not-found")


def test_a_rule_only_elsewhere_is_shown_as_a_redirect(page):
    _ask(page, "云岩区的科技楼宇奖励多少？")
    page.wait_for_function("document.querySelector('#citations .pb-redirect') !== null", timeout=30000)
    panel = page.locator("#citations").inner_text()
    assert "所问地区没有这项规定" in panel and "楼宇运营方100万元奖励" in panel
    _shot(page, "05b-redirect")


def test_clear_and_region_filter(page):
    page.locator("#clear").click()
    page.wait_for_function("!document.querySelector('#chatbot').innerText.includes('上海')", timeout=10000)
    page.locator("#chat-region input").click()
    page.get_by_role("option", name="五华区", exact=True).click()
    _ask(page, "高企复审通过能奖多少钱？")
    page.wait_for_function("document.querySelector('#citations .pb-card') !== null", timeout=30000)
    text = page.locator("#citations").inner_text()
    assert "五华区" in text and "临政办发" not in text and "4万元" in text
    _shot(page, "06-region-filter")


def test_lookup_tab_and_copy_citation(page):
    page.get_by_role("tab", name="检索").click()
    page.locator("#lookup-query textarea").fill("研发机构 补助")
    page.locator("#lookup-go").click()
    page.wait_for_function("document.querySelector('#lookup-results').innerText.includes('#1')", timeout=30000)
    assert page.locator("#lookup-results mark").count() > 0
    cite = page.locator("#lookup-cite textarea")
    page.wait_for_function("document.querySelector('#lookup-cite textarea').value.length > 10", timeout=15000)
    value = cite.input_value()
    assert value.startswith("《") and "：“" in value
    page.locator("#lookup-cite button").first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == value
    _shot(page, "07-lookup-copy")


def test_documents_tab(page):
    page.get_by_role("tab", name="政策文件").click()
    table = page.locator("#doc-table")
    table.wait_for(timeout=10000)
    assert "官政发〔2023〕5号" in table.inner_text() and "已过期" in table.inner_text()
    _shot(page, "08-documents")


DOCS = ROOT / "docs"


def test_catalogue_tab_filters_opens_and_exports(page):
    page.get_by_role("tab", name="政策清单").click()
    page.wait_for_function("document.querySelector('#cat-count') && document.querySelector('#cat-count').innerText.includes('共')",
                           timeout=30000)
    import re

    assert int(re.search(r"共 (\d+) 项", page.locator("#cat-count").inner_text()).group(1)) >= 50
    page.locator("#cat-region input").click()
    page.get_by_role("option", name="临沧市", exact=True).click()
    page.wait_for_function("!document.querySelector('#cat-table').innerText.includes('昆明市五华区')", timeout=15000)
    table = page.locator("#cat-table")
    assert "临沧市" in table.inner_text() and "10万元" in table.inner_text()
    table.locator("summary").first.click()
    assert "临政办发〔2023〕53号" in table.locator(".pb-card").first.inner_text()
    page.locator("#cat-csv").click()
    page.wait_for_function("document.querySelector('#cat-file a') !== null", timeout=15000)
    assert "政策清单" in page.locator("#cat-file").inner_text() and ".csv" in page.locator("#cat-file").inner_text()
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / "catalogue.png"), full_page=True)


def test_match_tab_reads_a_description_into_the_form_and_groups_results(page):
    page.get_by_role("tab", name="政策匹配").click()
    page.locator("#match-text textarea").fill("临沧市规上茶叶加工企业，2023年首次认定为高新技术企业；同年新设立企业研发中心并经省级备案认定，"
                                             "研发投入占营业收入2%；2024年新批准设立专家工作站。")
    page.locator("#match-read").click()
    page.wait_for_function("document.querySelector('#match-result').innerText.includes('符合条件')", timeout=30000)
    assert page.locator("#match-region input, #match-region textarea").first.input_value() == "临沧市"
    result = page.locator("#match-result").inner_text()
    assert "10万元" in result and "可能符合" in result and "已过期" in result
    page.locator("#match-result details summary").first.click()
    page.locator("#match-xlsx").click()
    page.wait_for_function("document.querySelector('#match-file a') !== null", timeout=15000)
    page.screenshot(path=str(DOCS / "match.png"), full_page=True)


def test_gradio_client_api(server):
    from gradio_client import Client

    client = Client(server[0], verbose=False)
    out = client.predict("云岩区要筹建多少套人才公寓？", "全部", "全部", api_name="/ask")
    assert out["found"] and "2640套" in out["answer"]


def test_page_fetches_nothing_from_the_internet(page):
    # runs last: every request the page made during the tests above went to loopback
    assert page.external_requests == []


def test_with_a_key_the_page_asks_for_it_once_and_then_answers(page, real_index, tmp_path):
    settings, embedder, index = real_index
    settings = settings.model_copy(update={"api_key": "desk=page-key", "data_dir": tmp_path / "data"})
    srv, thread, url = start_in_thread(create_app(settings, PolicyBot(settings, embedder, index),
                                                  FeedbackStore(tmp_path / "fb.sqlite")))
    pg = page.context.new_page()  # the module's browser; another origin, so no cookie yet
    try:
        pg.goto(url, wait_until="domcontentloaded")
        assert "/login" in pg.url and pg.locator("#key").is_visible()
        pg.fill("#key", "wrong")
        pg.click("button[type=submit]")
        assert "密钥不正确" in pg.content()
        pg.fill("#key", "page-key")
        pg.click("button[type=submit]")
        pg.wait_for_selector("#question textarea", timeout=30000)
        _ask(pg, "临沧新设立研发机构补助多少？")
        assert "10万元" in pg.locator("#chatbot").inner_text()
        pg.reload(wait_until="domcontentloaded")  # the session keeps the key: no second login
        pg.wait_for_selector("#question textarea", timeout=30000)
        pg.screenshot(path=str(ARTIFACTS / "09-keyed-page.png"))
    finally:
        pg.close()
        srv.should_exit = True
        thread.join(timeout=10)
