"""Read a corpus file into text: format loaders and encoding detection.

Each loader returns the document's visible text; cleaning and metadata live in ``corpus.py``.
"""

from __future__ import annotations

import io
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from policybot.errors import DocumentError
from policybot.settings import MAX_FILE_BYTES, BuildSettings

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".html", ".htm", ".docx", ".pdf"}
SIDECAR_SUFFIX = ".meta.json"


def list_corpus_files(corpus_dir: Path) -> list[Path]:
    """Every candidate document below ``corpus_dir`` (sidecars, hidden files and READMEs excluded)."""
    if not corpus_dir.is_dir():
        raise DocumentError(str(corpus_dir), "corpus folder does not exist; set POLICYBOT_CORPUS_DIR")
    files = []
    for p in sorted(corpus_dir.rglob("*")):
        if not p.is_file() or any(part.startswith(".") for part in p.relative_to(corpus_dir).parts):
            continue
        if p.name.endswith(SIDECAR_SUFFIX) or p.name.lower() in {"readme.md", "readme.txt"}:
            continue
        files.append(p)
    return files


def decode_bytes(data: bytes, name: str) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), then GB18030 (a superset of GBK/GB2312), then a guess."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its BOM: NUL bytes are normal there
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(name, "cannot detect the text encoding (a UTF-16 BOM, but not UTF-16 text); "
                                      "re-save the file as UTF-8") from None
        if not text.strip():
            raise DocumentError(name, "file is empty")
        if looks_binary(text.encode("utf-8")):
            raise DocumentError(name, "file looks binary, not text (NUL or control bytes); save it as UTF-8 or GBK text")
        return text
    if not data.strip():
        raise DocumentError(name, "file is empty")
    if looks_binary(data):
        raise DocumentError(name, "file looks binary, not text (NUL or control bytes); save it as UTF-8 or GBK text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" or _mostly_cjk(text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3 or not _mostly_cjk(str(best)):
        raise DocumentError(name, "cannot detect the text encoding (tried UTF-8, GB18030/GBK); re-save the file as UTF-8")
    log.warning("%s: decoded as %s (guessed)", name, best.encoding)
    return str(best)


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.02


def _mostly_cjk(text: str) -> bool:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return False
    cjk = sum(1 for c in letters if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
    return cjk / len(letters) > 0.3


@dataclass(frozen=True)
class Limits:
    """What one file may become, checked before it is parsed further and before any build embeds it.

    Defaults are ``Settings.build``'s; each refusal is a Chinese reason naming the limit."""

    max_unzipped_bytes: int = BuildSettings().max_unzipped_bytes  # a .docx's zip members together
    max_chars: int = BuildSettings().max_document_chars  # characters of one document's text
    max_chunks: int = BuildSettings().max_document_chunks  # passages of one document

    @classmethod
    def of(cls, settings) -> "Limits":
        b = settings.build
        return cls(b.max_unzipped_bytes, b.max_document_chars, b.max_document_chunks)


MAX_ZIP_MEMBERS = 2000  # a Word file has a few dozen parts; a million-entry directory is an attack
HTML_BYTES_PER_CHAR = 20  # markup around each character of text a page may carry


def _mb(n: int) -> str:
    return f"{n / 1048576:.1f} MB"


def too_long(name: str, found: str, limits: Limits) -> DocumentError:
    return DocumentError(name, f"{found}，超过每份文件 {limits.max_chars:,} 个字符的上限；请拆分成几份文件后再上传")


def check_size(name: str, size: int, limits: Limits) -> None:
    """Refuse, from its size alone, a text or web page that must be over the character limit (nothing is read)."""
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES and size // 4 > limits.max_chars:  # no encoding takes more than 4 bytes a character
        raise too_long(name, f"文件 {_mb(size)}，正文必然多于 {size // 4:,} 个字符", limits)
    if suffix in (".html", ".htm") and size > HTML_BYTES_PER_CHAR * limits.max_chars:
        raise DocumentError(name, f"网页文件 {_mb(size)}，超过 {_mb(HTML_BYTES_PER_CHAR * limits.max_chars)} 的上限；请只保存政策正文")


def load_text(path: Path, limits: Limits = Limits()) -> str:
    """The visible text of one file, whatever its format, within ``limits`` (sizes checked before parsing)."""
    suffix = path.suffix.lower()
    name = str(path)
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(name, f"unsupported file type '{suffix or path.name}'; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DocumentError(name, f"file is {size // 1024 // 1024} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB limit")
    check_size(name, size, limits)
    data = path.read_bytes()
    if suffix in TEXT_SUFFIXES:
        text = decode_bytes(data, name)
        text = _strip_markdown(text) if suffix == ".md" else text
    else:
        text = _parsed(data, name, suffix, limits)
    if len(text) > limits.max_chars:
        raise too_long(name, f"正文有 {len(text):,} 个字符", limits)
    return text


def _parsed(data: bytes, name: str, suffix: str, limits: Limits) -> str:
    if not data.strip():
        raise DocumentError(name, "file is empty")
    if suffix == ".docx":
        check_zip(data, name, limits.max_unzipped_bytes)
    try:
        if suffix in (".html", ".htm"):
            text = _html_text(data, name)
        elif suffix == ".docx":
            text = _docx_text(data)
        else:
            text = _pdf_text(data, limits.max_chars)
    except DocumentError:
        raise
    except Exception as exc:  # third-party parsers raise many types on broken files
        raise DocumentError(name, f"cannot read {suffix[1:]} file ({type(exc).__name__}: {exc})") from exc
    if not text.strip():
        raise DocumentError(name, "no text found (a scanned PDF needs OCR first)" if suffix == ".pdf" else "no text found")
    return text


def check_zip(data: bytes, name: str, max_bytes: int) -> None:
    """A zip (a .docx) whose members, as declared and as actually inflated, stay within ``max_bytes`` together.

    The entry count is read from the end record before the directory is parsed; declared sizes are summed
    before anything is inflated; then every member is inflated in 1 MB steps and thrown away, stopping at the
    cap (zipfile never inflates a member past its declared size, and a member that lies fails its CRC)."""
    import zipfile

    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        raise DocumentError(name, "cannot read docx file (not a zip archive)")
    entries = int.from_bytes(data[end + 10 : end + 12], "little")
    if entries > MAX_ZIP_MEMBERS:
        raise DocumentError(name, f"docx 文件包含 {entries} 个部件，超过 {MAX_ZIP_MEMBERS} 个的上限，不像正常的 Word 文件")
    too_big = f"docx 解压后超过 {_mb(max_bytes)} 的上限（压缩包里的内容远大于文件本身，可能是“压缩炸弹”）；请另存为新的 Word 文件后再上传"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise DocumentError(name, f"docx 文件包含 {len(members)} 个部件，超过 {MAX_ZIP_MEMBERS} 个的上限")
            if sum(m.file_size for m in members) > max_bytes:
                raise DocumentError(name, too_big)
            total = 0
            for member in members:
                with archive.open(member) as f:
                    while chunk := f.read(1 << 20):
                        total += len(chunk)
                        if total > max_bytes:
                            raise DocumentError(name, too_big)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
        raise DocumentError(name, f"cannot read docx file ({type(exc).__name__}: {exc})") from exc


def sidecar_path(path: Path) -> Path:
    """Where a document's metadata is written: ``side.txt`` → ``side.txt.meta.json`` (its own, whatever its siblings)."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def sidecar_of(path: Path) -> Path | None:
    """The sidecar in effect for ``path``: its own (``side.txt.meta.json``), else the older form named after the
    stem (``side.meta.json``, which files of the same stem share), else None."""
    for side in (sidecar_path(path), path.with_name(path.stem + SIDECAR_SUFFIX)):
        if side.is_file():
            return side
    return None


def load_sidecar(path: Path) -> dict:
    """Metadata overrides from the document's sidecar (see :func:`sidecar_of`), if present."""
    side = sidecar_of(path)
    if side is None:
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DocumentError(str(side), f"sidecar is not valid UTF-8 JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise DocumentError(str(side), "sidecar must hold a JSON object")
    return data


_MD_MARKS = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|\*\*|__|`")


def _strip_markdown(text: str) -> str:
    return "\n".join(_MD_MARKS.sub("", line) for line in text.splitlines())


def _html_text(data: bytes, name: str) -> str:
    from bs4 import BeautifulSoup

    head = data[:2048].decode("ascii", errors="ignore").lower()
    m = re.search(r"charset=[\"']?([a-z0-9_-]+)", head)
    html = None
    if m:
        try:
            html = data.decode(m.group(1))
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        html = decode_bytes(data, name)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "iframe", "svg"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "td", "table")
    for tag in soup.find_all(blocks):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return soup.get_text()


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(data: bytes, max_chars: int = Limits.max_chars) -> str:
    """The pages' text, stopping once it is past ``max_chars`` (the caller refuses it then)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages, chars = [], 0
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        chars += len(pages[-1]) + 1
        if chars > max_chars:
            break
    return "\n".join(pages)
