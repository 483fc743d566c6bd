"""Loaders and encoding detection; bad files get a clear DocumentError naming the file."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from policybot.documents.chunking import chunk_document
from policybot.documents.corpus import load_document
from policybot.documents.loaders import decode_bytes, load_text
from policybot.errors import DocumentError
from policybot.settings import ChunkingSettings

pytestmark = pytest.mark.unit

LINCANG = CORPUS / "lincang-2023-2025-innovation-action-plan.txt"
GUANDU = CORPUS / "kunming-guandu-2023-2025-tech-action-plan.txt"


@pytest.mark.parametrize("src", [LINCANG, GUANDU])
@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig"])
def test_other_encodings_ingest_to_the_same_chunks(tmp_path, src, encoding):
    text = src.read_text(encoding="utf-8")
    if encoding == "gbk":  # GBK has no no-break space; a GBK copy of the page carries a plain one
        text = text.replace("\xa0", " ")
    copy = tmp_path / src.name
    copy.write_bytes(text.encode(encoding))
    original = chunk_document(load_document(src, CORPUS), ChunkingSettings())
    recoded = chunk_document(load_document(copy, tmp_path), ChunkingSettings())
    assert [(c.chunk_id, c.text, c.start, c.section) for c in recoded] == [
        (c.chunk_id, c.text, c.start, c.section) for c in original
    ]


def test_gbk_bytes_that_are_not_utf8_decode_as_gbk():
    data = "对规模以上企业新设立研发机构，给予市级补助经费10万元。".encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data, "x.txt").endswith("10万元。")


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("binary.txt", bytes(range(256)) * 20, "binary"),
        ("zip.md", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 200, "binary"),
        ("latin.txt", "Ã¤Ã¶Ã¼ Ñ€ÑƒÑ Ð¹".encode("cp1252", errors="ignore") + b"\xff\xfe\xfd" * 50, "encoding"),
        ("table.xlsx", b"whatever", "unsupported"),
        ("broken.docx", b"not a zip file at all", "cannot read docx"),
        ("broken.pdf", b"%PDF-1.4 garbage", "cannot read pdf"),
    ],
)
def test_bad_files_raise_a_clear_error(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as info:
        load_text(path)
    assert name in str(info.value)
    assert reason in info.value.reason


def test_html_keeps_visible_text_only(tmp_path):
    html = """<html><head><meta charset="gbk"><title>t</title><style>p{color:red}</style>
    <script>var x = "不应出现";</script></head><body><nav>网站首页 | 政策文件</nav>
    <p>一、总体目标</p><p>对首次认定企业给予市级财政资金10万元补助。</p><footer>主办单位：某政府</footer></body></html>"""
    path = tmp_path / "p.html"
    path.write_bytes(html.encode("gbk"))
    text = load_text(path)
    assert "对首次认定企业给予市级财政资金10万元补助。" in text
    assert "不应出现" not in text and "color" not in text and "主办单位" not in text


def test_docx_paragraphs_are_read(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("一、重点任务")
    document.add_paragraph("（一）对规模以上企业新设立研发机构，给予市级补助经费10万元。")
    path = tmp_path / "policy.docx"
    document.save(path)
    text = load_text(path)
    assert "给予市级补助经费10万元" in text and text.index("一、重点任务") < text.index("（一）")


def _minimal_pdf(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def test_pdf_text_layer_is_read(tmp_path):
    path = tmp_path / "policy.pdf"
    path.write_bytes(_minimal_pdf("Article 1: grant of 100000 yuan"))
    assert "grant of 100000 yuan" in load_text(path)


def test_markdown_marks_are_removed(tmp_path):
    path = tmp_path / "p.md"
    path.write_text("# 一、总体目标\n\n**对首次认定企业**给予10万元补助。\n", encoding="utf-8")
    text = load_text(path)
    assert "一、总体目标" in text and "#" not in text and "**" not in text
