"""政策匹配 results as the CLI, the API and the page show them: in every combination of groups, amounts, expiry and
the include-expired switch, the total counts only eligible items with a quoted figure (expired ones only when asked),
the note and the warnings say why, and each of the four groups counts its own items."""

from __future__ import annotations

import itertools

import pytest

from policybot.catalogue.extract import Item, yuan
from policybot.catalogue.listing import STATUS, match_json
from policybot.catalogue.matching import OUTSIDE, Match
from policybot.catalogue.profiles import Profile
from policybot.serving.web.render import match_html
from policybot.types import PolicyDocument


def _doc(doc_id: str, end: int) -> PolicyDocument:
    return PolicyDocument(doc_id=doc_id, slug=doc_id, source=f"{doc_id}.txt", text="给予补助。", title="t", display_title="t",
                          title_kind="official", issuer=None, doc_number=None, issued=None, published=None,
                          region=("云南省", "临沧市"), period_start=end - 2, period_end=end, period_source=None)


DOCS = {"old": _doc("old", 2020), "new": _doc("new", 2099)}
# (status, amount, expired): every group, with and without a figure, expired or not; 地区不符 is not shown as 不符合
ROWS = [(s, a, x) for s in ("eligible", "possible", "planned", "not_eligible") for a in ("10万元", "未载明金额") for x in (False, True)]
ROWS.append(("outside", "30万元", False))


def _match(n: int, status: str, amount: str, expired: bool) -> Match:
    it = Item(item_id=f"i{n}", doc_id="old" if expired else "new", region=["云南省", "临沧市"], benefit=f"补助{n}",
              beneficiary="企业", conditions=[], amount=amount, amount_max_yuan=yuan(amount), kind="grant", department=None,
              section="", period="", expired=expired, quote="给予补助。", chunk_id="c", chunk_text="给予补助。", basis="给予补助。")
    reasons = [f"{OUTSIDE}：该条只适用于昆明市的单位"] if status == "outside" else []
    return Match(it, "not_eligible" if status == "outside" else status, reasons, expired)


# every set of up to three rows (each group, figure, expiry), with the switch off and on
COMBOS = [c for k in range(4) for c in itertools.combinations(range(len(ROWS)), k)]


@pytest.mark.unit
@pytest.mark.parametrize("include_expired", [False, True])
def test_totals_notes_warnings_and_groups_in_every_combination(include_expired):
    for combo in COMBOS:
        matches = [_match(n, *ROWS[n]) for n in combo]
        result = match_json(Profile(region="临沧市"), matches, DOCS, include_expired)
        counted = [m for m in matches if m.status == "eligible" and (include_expired or not m.expired)]
        figures = [m.item.amount_max_yuan for m in counted if m.item.amount_max_yuan is not None]
        assert result["max_total_yuan"] == (sum(figures) if figures else None), combo
        eligible = [m for m in matches if m.status == "eligible"]
        note, warnings = result["total_note"], " ".join(result["warnings"])
        if figures:
            assert note == "" and "只是上限" in warnings, combo
        elif not eligible:
            assert "没有符合条件" in note, combo
        elif not include_expired and any(m.item.amount_max_yuan is not None for m in eligible):
            assert "均已过期" in note, combo
        else:
            assert "未写明具体金额" in note, combo
        if include_expired:  # ticked: never told that expired items were left out
            assert "已过期" not in note and "均已过执行期" not in warnings, combo
        assert ("均已过执行期" in warnings) == bool(eligible and all(m.expired for m in eligible) and not include_expired)
        html = match_html(result, lambda i: "")
        for status, label in STATUS.items():
            shown = [m for m in matches if m.status == status and not (m.reasons and m.reasons[0].startswith(OUTSIDE))]
            assert f"{label}（{len(shown)}）" in html, (combo, status)


def _item(n: int, region: tuple[str, ...], kind: str, expired: bool) -> Item:
    return Item(item_id=f"c{n}", doc_id="d", region=list(region), benefit=f"{'研发' if n % 2 else '平台'}补助{n}",
                beneficiary="企业", conditions=[], amount="10万元", amount_max_yuan=100_000, kind=kind, department=None,
                section="", period="", expired=expired, quote="给予补助。", chunk_id="c", chunk_text="给予补助。", basis="给予补助。")


PLACES = [("云南省", "昆明市"), ("云南省", "昆明市", "五华区"), ("云南省", "临沧市"), ("贵州省", "贵阳市", "云岩区")]
CATALOGUE = [_item(n, r, k, x) for n, (r, k, x) in enumerate(itertools.product(PLACES, ("grant", "reward"), (False, True)))]


@pytest.mark.unit
@pytest.mark.parametrize("region", [None, "五华区", "盘龙区", "昆明市", "临沧市", "云岩区"])
@pytest.mark.parametrize("kind", [None, "grant", "reward"])
@pytest.mark.parametrize("query", [None, "研发"])
@pytest.mark.parametrize("include_expired", [False, True])
def test_the_catalogue_in_every_combination_of_filters(region, kind, query, include_expired):
    """Each filter keeps what it alone keeps; together, what all keep (a 昆明 district without its own document,
    盘龙区, gets the 昆明市 items)."""
    from policybot.catalogue.listing import filtered

    got = {it.item_id for it in filtered(CATALOGUE, region=region, kind=kind, query=query, include_expired=include_expired)}
    alone = [{it.item_id for it in filtered(CATALOGUE, region=region)}, {it.item_id for it in filtered(CATALOGUE, kind=kind)},
             {it.item_id for it in filtered(CATALOGUE, query=query)},
             {it.item_id for it in filtered(CATALOGUE, include_expired=include_expired)}]
    assert got == set.intersection(*alone)
    places = {"五华区": {PLACES[0], PLACES[1]}, "盘龙区": {PLACES[0]}, "昆明市": {PLACES[0]}, "临沧市": {PLACES[2]},
              "云岩区": {PLACES[3]}}
    want = {it.item_id for it in CATALOGUE if (region is None or tuple(it.region) in places[region])
            and (kind is None or it.kind == kind) and (query is None or query in it.benefit)
            and (include_expired or not it.expired)}
    assert got == want


def test_items_a_limit_says_are_not_collected_together_count_once_in_the_total():
    from policybot.catalogue.totals import max_total

    a, b, c = _match(1, "eligible", "5万元", False), _match(2, "eligible", "10万元", False), _match(3, "eligible", "3万元", False)
    a.item.exclusive = b.item.exclusive = "g"  # "此项不重复补助"
    assert max_total([a, b, c]) == 130_000
    result = match_json(Profile(region="临沧市"), [a, b, c], DOCS)
    assert result["max_total_yuan"] == 130_000 and any("不重复" in w for w in result["warnings"])


def test_a_company_where_no_document_applies_is_told_so_and_each_row_names_whose_rule_it_is():
    """成都: every group empty would say nothing; the result says no document applies there. Each row carries the
    rule's place as the company would read it (临沧市), so a clerk never forwards a row without its region."""
    rows = [_match(1, "not_eligible", "10万元", False)]
    far = match_json(Profile(region="成都市"), rows, DOCS)
    assert any("没有适用于成都市的政策文件" in w for w in far["warnings"])
    assert far["items"][0]["region_label"] == "临沧市"
    near = match_json(Profile(region="临翔区"), rows, DOCS)
    assert not any("没有适用于" in w for w in near["warnings"])
    assert near["items"][0]["region_label"] == "临沧市（适用于临翔区）"
    html = match_html(match_json(Profile(region="临翔区"), [_match(2, "eligible", "10万元", False)], DOCS), lambda i: "")
    assert "【临沧市（适用于临翔区）】<b>补助2</b>" in html
