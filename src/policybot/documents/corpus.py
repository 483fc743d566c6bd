"""Turn a published page into a ``PolicyDocument``: strip website boilerplate, read the metadata.

Metadata comes from the text itself (headers such as 发布机构/文号, the 印发 notice, the signature
and the 有效期 clause); a ``<name>.meta.json`` sidecar may supply or override any field. Where
the text has no title or issuer we say so rather than invent one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from policybot.documents.loaders import Limits, load_sidecar, load_text
from policybot.errors import DocumentError
from policybot.text.places import aliases, chains_in, gazetteer
from policybot.text.structure import outline
from policybot.types import PolicyDocument

NORMALISER_VERSION = "3"

# --- boilerplate -------------------------------------------------------------------------------

# Lines that are site chrome wherever they stand.
_CHROME = re.compile(
    r"^(长者模式|无障碍(浏览|阅读)?|关怀版|返回首页|网站首页|首页|字号|【?打印(本页)?】?|【?关闭(窗口)?】?|分享到|扫一扫|收藏本?页?|"
    r"政府信息公开(指南|制度|年报|基本目录)?|法定主动公开内容|依申请公开|政策文件|官方(公众号|视频号|微博号?|百家号|抖音号|头条号)|"
    r"网站标识|网站地图|联系我们|无障碍浏览长者模式|长者模式无障碍浏览)(\s|[:：>]|$)"
    r"|^(主办单位|承办单位|运维单位|技术支持|信息来源|来源|责任编辑|浏览次数|访问量|阅读次数|当前位置|您当前的位置)\s*[:：]"
    r"|^(索引号|主题分类|发布机构|名\s*称|文\s*号|发布日期|成文日期|发布时间|关\s*键\s*字|关键词)\s*[:：]"
    r"|^.{0,40}(ICP备|公网安备|版权所有|Copyright ©)"
    r"|^(https?://|www\.)\S*$"
    r"|^.{0,30}\s(https?://|www\.)\S+$"
    r"|转载.{0,10}注明出处|^\[\s*\]$",
    re.IGNORECASE,
)
# Lines that open the page footer: everything from there on is chrome.
_FOOTER_START = re.compile(
    r"^(主办单位|承办单位|运维单位|网站标识|网站地图|版权所有|Copyright|官方公众号|政策解读[:：]|访谈解读[:：]|"
    r"相关(链接|文件|解读)[:：]?|信息来源[:：]|原创文章|扫一扫在手机|.{0,40}ICP备)",
    re.IGNORECASE,
)
# Header lines: the page header ends at the last of these near the top.
_HEADER_MARK = re.compile(
    r"^(长者模式|无障碍|返回首页|当前位置|索引号|主题分类|发布机构|名\s*称\s*[:：]|文\s*号\s*[:：]|发布日期|发布时间|字号)"
)


# The site header's lines that state a fact of the document (kept verbatim as its page header, never as body text).
_HEADER_FACT = re.compile(r"^(索引号|主题分类|发布机构|名\s*称|文\s*号|发布日期|成文日期|发布时间)\s*[:：]")


def _page_lines(raw: str) -> tuple[list[str], list[int], int, int]:
    """(stripped lines, the non-blank ones, the last header line, the first footer line) of a published page."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\ufeff", "")
    lines = [line.strip() for line in text.split("\n")]
    nonblank = [i for i, line in enumerate(lines) if line]
    if not nonblank:
        return lines, nonblank, -1, len(lines)
    head_zone = nonblank[: max(8, len(nonblank) * 2 // 5)]
    last_header = max((i for i in head_zone if _HEADER_MARK.match(lines[i])), default=-1)
    tail_zone = nonblank[len(nonblank) * 3 // 5 :]
    footer = min((i for i in tail_zone if _FOOTER_START.match(lines[i])), default=len(lines))
    return lines, nonblank, last_header, footer


def clean_text(raw: str) -> str:
    """The policy text without web chrome: one stripped line per paragraph, blank lines dropped."""
    lines, nonblank, last_header, footer = _page_lines(raw)
    if not nonblank:
        return ""
    kept = [line for i, line in enumerate(lines) if last_header < i < footer and line and not _CHROME.search(line)]
    return "\n".join(kept)


def page_header(raw: str) -> str:
    """The published page's header lines that state the document's facts (发布机构, 文号, 发布日期 …), as written
    (stripped, one a line); "" when the page has none. Not part of the body text: searched by nobody, quoted
    only by answers about the document itself."""
    lines, _, last_header, _ = _page_lines(raw)
    return "\n".join(line for line in lines[: last_header + 1] if _HEADER_FACT.match(line))


# --- metadata -----------------------------------------------------------------------------------

_DOC_NUMBER = r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号"
_HEADER_DOC_NUMBER = re.compile(rf"文\s*号\s*[:：]\s*({_DOC_NUMBER})")
_LINE_DOC_NUMBER = re.compile(rf"^\s*({_DOC_NUMBER})\s*$", re.M)
_HEADER_ISSUER = re.compile(r"发布机构\s*[:：]\s*(\S+)")
_HEADER_PUBLISHED = re.compile(r"(?:发布日期|发布时间)\s*[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_FORWARDED_TITLE = re.compile(r"^《([^《》\n]{4,80})》(?:已经|已由|经)")
_HEADER_TITLE = re.compile(r"名\s*称\s*[:：].*?《([^《》\n]{4,80})》")
_NOTICE_TITLE = re.compile(r"关于印发《([^《》\n]{4,80})》")
_LINE_TITLE = re.compile(r"^[^。；，,:：]{6,60}(办法|方案|措施|意见|细则|规定|通知|计划|规划|政策|决定|指引)(（试行）|\(试行\))?$")
_SIGN_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", re.M)
_ORG_SUFFIX = re.compile(r"(人民政府(办公室|办公厅)?|委员会|区委|市委|县委|党委|办公室|办公厅|[局厅委]|管委会)$")
_YEAR_RANGE = r"(\d{4})\s*年?\s*[—–\-－~～至]+\s*(\d{4})\s*年?"
_VALIDITY = re.compile(rf"有效期[^。；\n]{{0,12}}?[（(]\s*{_YEAR_RANGE}\s*[）)]")
_VALID_UNTIL = re.compile(r"有效期至\s*(\d{4})\s*年")
_IN_FORCE_FROM = re.compile(r"自\s*(\d{4})\s*年[^。；\n]{0,10}?起?施行")
_VALID_YEARS = re.compile(r"有效期\s*([1-9一二三四五六七八九十])\s*年")
_NUMERAL = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
_TITLE_PERIOD = re.compile(rf"[（(]\s*{_YEAR_RANGE}\s*[）)]")
_TARGET_YEAR = re.compile(r"(?:到|至)\s*(\d{4})\s*年|(\d{4})\s*年\s*(?:达到|实现|突破|力争)")


def _find_region(issuer: str | None, title: str | None, number: str | None, opening: str) -> tuple[str, ...]:
    """The document's place: its issuer's, else its title's, else the opening text's (the most specific place
    each names: 云南省大理白族自治州 is 大理州); the 文号 then names a county of it when it starts with the county's
    short name, or its first character starts one county only and not the place itself (苏州市 + 吴江政发 → 吴江区;
    苏州市 + 吴政发 stays: 吴中区 or 吴江区; 临沧市 + 临政办发 stays)."""
    chain: tuple[str, ...] = ()
    for source in (issuer, title, opening):
        if source and (found := chains_in(source)):
            chain = found[0]
            break
    if chain and number and not chain[-1].startswith(number[0]):
        below = [c for c in gazetteer().places if len(c) == len(chain) + 1 and c[: len(chain)] == chain]
        named = [c for c in below if any(number.startswith(a) for a in aliases(c))]  # 吴江政发
        first = [c for c in below if c[-1].startswith(number[0])]  # 吴政发: 吴江区 or 吴中区?
        if len(named) == 1 or (not named and len(first) == 1):
            chain = (named or first)[0]
    return chain


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _find_issuer(raw: str) -> str | None:
    if m := _HEADER_ISSUER.search(raw):
        return m.group(1).strip()
    lines = [line.strip() for line in raw.splitlines()]
    for i, line in enumerate(lines[:-1]):
        # joint issuers on the line above "关于印发…": 中共五华区委    五华区人民政府
        if lines[i + 1].startswith("关于印发") and line and len(line) <= 40:
            parts = [p for p in re.split(r"\s{2,}|\s*、\s*", line) if p]
            if parts and all(_ORG_SUFFIX.search(p) for p in parts):
                return "、".join(parts)
    for m in _SIGN_DATE.finditer(raw):
        before = [line.strip() for line in raw[: m.start()].splitlines() if line.strip()]
        if before and _ORG_SUFFIX.search(before[-1]) and len(before[-1]) <= 30:
            return before[-1]
    return None


def _find_period(raw: str, title: str | None, year: int | None) -> tuple[int | None, int | None, str | None]:
    if m := _VALIDITY.search(raw):
        return int(m.group(1)), int(m.group(2)), "validity clause"
    in_force = _IN_FORCE_FROM.search(raw)
    start = int(in_force.group(1)) if in_force else year
    if (m := _VALID_UNTIL.search(raw)) and start and start <= int(m.group(1)):  # 自2026年1月1日起施行，有效期至2028年…
        return start, int(m.group(1)), "validity clause"
    if in_force and (n := _VALID_YEARS.search(raw[in_force.start():in_force.end() + 30])):
        years = _NUMERAL.get(n.group(1)) or int(n.group(1))  # 自2026年1月1日起施行，有效期3年
        return start, start + years - 1, "validity clause"
    if title and (m := _TITLE_PERIOD.search(title)):
        return int(m.group(1)), int(m.group(2)), "title"
    if year:
        targets = [int(a or b) for a, b in _TARGET_YEAR.findall(raw)]
        ahead = [t for t in targets if year < t <= year + 10]
        if ahead:
            return year, max(ahead), "targets"
    return None, None, None


def extract_metadata(raw: str, clean: str) -> dict:
    """Metadata read from the raw page (headers included) and the cleaned text."""
    title = next((m.group(1) for line in clean.splitlines() if (m := _FORWARDED_TITLE.match(line))), None)
    if title is None and (m := _HEADER_TITLE.search(raw) or _NOTICE_TITLE.search(raw)):
        title = m.group(1)
    if title is None:  # a plain document whose first lines include its title on a line of its own
        title = next((line for line in clean.splitlines()[:5] if _LINE_TITLE.match(line.strip())), None)
    title = re.sub(r"\s+", "", title) if title else None
    number = None
    if m := _HEADER_DOC_NUMBER.search(raw) or _LINE_DOC_NUMBER.search(raw):
        number = re.sub(r"\s+", "", m.group(1))
    published = _iso(*m.groups()) if (m := _HEADER_PUBLISHED.search(raw)) else None
    signed = [m for m in _SIGN_DATE.finditer(raw) if m.start() < len(raw) // 2]
    issued = _iso(*signed[0].groups()) if signed else None
    issuer = _find_issuer(raw)
    year = int((issued or published or "0")[:4]) or None
    start, end, period_source = _find_period(raw, title, year)
    region = _find_region(issuer, title, number, clean[:300])
    return {
        "title": title,
        "issuer": issuer,
        "doc_number": number,
        "issued": issued,
        "published": published,
        "region": region,
        "period_start": start,
        "period_end": end,
        "period_source": period_source,
    }


def doc_id_for(clean: str) -> str:
    normal = re.sub(r"\s+", "", unicodedata.normalize("NFKC", clean))
    return "d" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:15]


_SIDECAR_KEYS = {
    "title", "display_title", "title_kind", "issuer", "doc_number", "issued", "published",
    "region", "period_start", "period_end", "source_url",
}


def build_document(raw: str, source: str, slug: str, sidecar: dict | None = None) -> PolicyDocument:
    """Clean ``raw`` and read its metadata; ``sidecar`` values win over what the text says."""
    clean = clean_text(raw)
    if len(re.sub(r"\s", "", clean)) < 20:
        raise DocumentError(source, "no policy text left after removing web boilerplate")
    meta = extract_metadata(raw, clean)
    sidecar = sidecar or {}
    unknown = set(sidecar) - _SIDECAR_KEYS - {"_comment", "note"}
    if unknown:
        raise DocumentError(source, f"sidecar has unknown keys {sorted(unknown)}; allowed: {sorted(_SIDECAR_KEYS)}")
    title_kind = "official" if meta["title"] else "absent"
    meta.update({k: v for k, v in sidecar.items() if k in _SIDECAR_KEYS})
    if "title" in sidecar and sidecar["title"]:
        title_kind = "official"
    title_kind = sidecar.get("title_kind", title_kind)
    if "period_start" in sidecar or "period_end" in sidecar:
        meta["period_source"] = "sidecar"
    region = tuple(meta["region"] or ())
    display = sidecar.get("display_title") or meta["title"]
    if not display:
        place = region[-1] if region else "来源不明"
        display = f"{place}政策文件（原文未载标题）"
        title_kind = "absent"
    return PolicyDocument(
        doc_id=doc_id_for(clean),
        header=page_header(raw),
        slug=slug,
        source=source,
        text=clean,
        title=meta["title"],
        display_title=display,
        title_kind=title_kind,
        issuer=meta["issuer"],
        doc_number=meta["doc_number"],
        issued=meta["issued"],
        published=meta["published"],
        region=region,
        period_start=meta["period_start"],
        period_end=meta["period_end"],
        period_source=meta["period_source"],
        headings=outline(clean),
        source_url=str(sidecar.get("source_url") or ""),
    )


def load_document(path: Path, corpus_dir: Path, limits: Limits | None = None) -> PolicyDocument:
    """Read, clean and describe one corpus file; raises ``DocumentError`` naming the file and reason."""
    raw = load_text(path, limits or Limits())
    rel = path.relative_to(corpus_dir).as_posix() if path.is_relative_to(corpus_dir) else path.name
    return build_document(raw, rel, path.stem, load_sidecar(path))
