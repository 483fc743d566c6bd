"""Checks on an uploaded document before anything in the corpus changes, and the metadata a clerk adds.

A file is accepted only when its name is a plain file name, its type is supported, its size is within the
limit, it decodes to policy text, and its text is not already in the corpus. Each refusal names the file
and the fix; the corpus folder is not touched until a file has passed every check.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ConfigDict, Field, field_validator

from policybot.documents.corpus import build_document
from policybot.documents.loaders import SUPPORTED_SUFFIXES, Limits, check_size, load_text
from policybot.errors import DocumentError
from policybot.index.build import chunked
from policybot.text.places import places_in, region_chain
from policybot.types import PolicyDocument, is_web_url

_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*\\/]")
# direction marks and overrides: "报告\u202etxt.exe" shows as "报告exe.txt"
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_NAME = 100
_PERIOD = re.compile(r"(\d{4})\s*[-—–~至]+\s*(\d{4})")


class UploadMeta(BaseModel):
    """Optional metadata given with an upload; what is left empty is read from the text."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    title: str = Field("", max_length=200)
    issuer: str = Field("", max_length=200)
    doc_number: str = Field("", max_length=80)
    date: str = Field("", description="the date it was signed, YYYY-MM-DD")
    region: str = Field("", max_length=50, description="a place in China, e.g. 临沧市, 五华区 or 大理州")
    period: str = Field("", description="years it is in force, e.g. 2024-2026")
    source_url: str = Field("", max_length=500)

    @field_validator("date")
    @classmethod
    def _date(cls, v: str) -> str:
        if v:
            try:
                dt.date.fromisoformat(v)
            except ValueError as exc:
                raise ValueError("日期应写成 YYYY-MM-DD，例如 2024-05-20") from exc
        return v

    @field_validator("period")
    @classmethod
    def _period(cls, v: str) -> str:
        if not v:
            return v
        m = _PERIOD.fullmatch(v)
        if not m:
            raise ValueError("执行期应写成 起始年-结束年，例如 2024-2026")
        if int(m.group(2)) < int(m.group(1)):
            raise ValueError("执行期的结束年早于起始年")
        return v

    @field_validator("region")
    @classmethod
    def _region(cls, v: str) -> str:
        if v and not places_in(v):
            raise ValueError(f"不认识的地区“{v}”；请写行政区划或开发区的名称，例如 昆明市、官渡区、大理州、昆明高新区")
        return v

    @field_validator("source_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if v and not is_web_url(v):
            raise ValueError("原文链接应以 http:// 或 https:// 开头")
        return v

    def sidecar(self) -> dict:
        """The ``<name>.meta.json`` a document's given metadata is kept in (read by every ingest)."""
        out: dict = {}
        if self.title:
            out["title"] = self.title
        for key in ("issuer", "doc_number", "source_url"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.date:
            out["issued"] = self.date
        if self.region:
            out["region"] = list(region_chain(self.region))
        if self.period:
            out["period_start"], out["period_end"] = map(int, _PERIOD.fullmatch(self.period).groups())
        return out


def clean_name(name: str) -> str:
    """The file name as it will be stored, or a ``DocumentError``: no folders, no '..', no control characters."""
    raw = unicodedata.normalize("NFC", name or "").strip()
    if not raw:
        raise DocumentError("(无名文件)", "文件没有名字")
    if "/" in raw or "\\" in raw or raw.startswith(".") or ".." in PurePosixPath(raw).parts:
        raise DocumentError(raw, "文件名不能含有路径（/、\\ 或以 . 开头）；请只上传文件本身")
    if _BIDI.search(raw):
        raise DocumentError(shown_name(raw), "文件名含有改变文字方向的隐藏字符（U+202E 等），显示的名字可能与真实类型不符；请改名后再上传")
    if _UNSAFE.search(raw):
        raise DocumentError(raw, "文件名含有不允许的字符（控制字符或 <>:\"|?*）；请改名后再上传")
    if len(raw) > MAX_NAME:
        raise DocumentError(raw[:40] + "…", f"文件名超过 {MAX_NAME} 个字符；请改短后再上传")
    suffix = PurePosixPath(raw).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = "、".join(sorted(s[1:] for s in SUPPORTED_SUFFIXES))
        raise DocumentError(raw, f"不支持的文件类型“{suffix or '无扩展名'}”；支持：{kinds}")
    if raw.lower().endswith(".meta.json") or raw.lower() in {"readme.md", "readme.txt"}:
        raise DocumentError(raw, "这个文件名留给系统使用；请改名后再上传")
    return raw


def shown_name(name: str) -> str:
    """A refused name as it may be shown back: no control or hidden (direction) characters, not too long."""
    return "".join(ch for ch in (name or "(无名文件)") if ch.isprintable())[:100]


@dataclass
class Checked:
    """A file that passed every check: what will be written, and the document it becomes."""

    name: str
    data: bytes
    doc: PolicyDocument
    sidecar: dict


def check_file(name: str, data: bytes, meta: UploadMeta, max_bytes: int, known: dict[str, str],
               replacing: str | None = None, settings=None) -> Checked:
    """``known``: doc_id → corpus file of every document now in the corpus; ``replacing``: the file being replaced;
    ``settings``: the limits of what a file may become (``Settings.build``; defaults without)."""
    name = clean_name(name)
    if len(data) > max_bytes:
        raise DocumentError(name, f"文件大小 {len(data) / 1048576:.1f} MB，超过 {max_bytes / 1048576:.0f} MB 的上限")
    if not data or data.isspace():
        raise DocumentError(name, "文件是空的")
    limits = Limits.of(settings) if settings is not None else Limits()
    try:
        check_size(name, len(data), limits)  # a text that must be too long is refused before it is read
        with tempfile.TemporaryDirectory(prefix="policybot-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            raw = load_text(path, limits)
        sidecar = meta.sidecar()
        doc = build_document(raw, name, PurePosixPath(name).stem, sidecar)
        if settings is not None:
            chunked(doc, settings)
    except DocumentError as exc:
        raise DocumentError(name, in_chinese(exc.reason)) from None
    same = known.get(doc.doc_id)
    if same is not None and same != replacing:
        raise DocumentError(name, f"与已收录的文件“{same}”正文相同，未重复收录")
    if same is not None and same == replacing and not sidecar:
        raise DocumentError(name, "与要替换的版本正文相同；没有需要更新的内容")
    return Checked(name, data, doc, sidecar)


_REASONS = (
    ("file is empty", "文件是空的"),
    ("file looks binary", "文件是二进制数据，不是文本；请上传 txt、md、html、docx 或 pdf 文档"),
    ("cannot detect the text encoding", "无法识别文本编码（已尝试 UTF-8、GB18030/GBK）；请另存为 UTF-8 后再上传"),
    ("no text found (a scanned PDF", "PDF 中没有文字（扫描件需要先做文字识别）"),
    ("no text found", "文件中没有可读的文字"),
    ("no policy text left", "去掉网页框架后没有政策正文"),
    ("cannot read", "文件无法读取，可能已损坏"),
    ("over the", "文件超过大小上限"),
)


def in_chinese(reason: str) -> str:
    """The loaders' reasons as a clerk reads them (the original is kept in brackets)."""
    for start, zh in _REASONS:
        if reason.startswith(start):
            return f"{zh}（{reason}）" if start == "cannot read" else zh
    return reason
