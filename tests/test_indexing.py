"""Building, updating and guarding the index, against a real Chroma store on tmp_path."""

from __future__ import annotations

import json

import pytest

from policybot.cli.main import main
from policybot.errors import IndexMismatchError, IndexMissingError
from policybot.index import build as indexing
from policybot.index.build import ingest, read_manifest
from policybot.index.embeddings import HashEmbedder
from policybot.index.reader import open_index
from policybot.index.retrieval import HybridRetriever
from policybot.settings import Settings

pytestmark = pytest.mark.integration


class CountingEmbedder(HashEmbedder):
    def __init__(self):
        super().__init__()
        self.embedded = 0

    def embed_passages(self, texts):
        self.embedded += len(texts)
        return super().embed_passages(texts)


def _search(settings, embedder, query):
    index = open_index(settings, embedder)
    return HybridRetriever(index, embedder, settings.retrieval).search(query, k=3)


def test_build_then_nothing_to_do(fake_settings):
    emb = CountingEmbedder()
    first = ingest(fake_settings, emb, progress=False)
    assert len(first.added) == 5 and first.chunks > 80 and first.embedded == first.chunks
    manifest = read_manifest(fake_settings.index_dir)
    assert manifest["n_documents"] == 5 and manifest["fingerprint"]["embedding_model"] == "hash:256"
    n = emb.embedded
    second = ingest(fake_settings, emb, progress=False)
    assert not second.changed and second.embedded == 0 and emb.embedded == n
    assert len(second.unchanged) == 5
    hits = _search(fake_settings, emb, "临沧 新设立研发机构 市级补助经费")
    assert "新设立研发机构" in hits[0].chunk.text


def test_add_change_delete_are_incremental(fake_settings):
    emb = CountingEmbedder()
    ingest(fake_settings, emb, progress=False)
    corpus = fake_settings.corpus_dir
    # add: a copy of a seed with one changed figure is a new document
    src = (corpus / "lincang-2023-2025-innovation-action-plan.txt").read_text(encoding="utf-8")
    (corpus / "new-doc.txt").write_text(src.replace("临沧", "某某").replace("10万元", "12万元"), encoding="utf-8")
    # change: one sentence edited in Wuhua
    wuhua = corpus / "kunming-wuhua-2018-2020-innovation-action-plan.txt"
    wuhua.write_text(wuhua.read_text(encoding="utf-8").replace("给予每户4万元的扶持", "给予每户6万元的扶持"), encoding="utf-8")
    # delete: Yunyan
    (corpus / "guiyang-yunyan-2023-innovation-action-plan.txt").unlink()
    before = emb.embedded
    report = ingest(fake_settings, emb, progress=False)
    assert report.added == ["new-doc.txt"]
    assert report.updated == ["kunming-wuhua-2018-2020-innovation-action-plan.txt"]
    assert report.removed == ["guiyang-yunyan-2023-innovation-action-plan.txt"]
    assert len(report.unchanged) == 3
    # only chunks whose text changed were embedded: far fewer than the whole corpus
    assert 0 < emb.embedded - before < report.chunks / 2
    index = open_index(fake_settings, emb)
    assert all("云岩" not in d.display_title for d in index.documents.values())
    assert any("每户6万元" in c.text for c in index.chunks) and not any("每户4万元" in c.text for c in index.chunks)
    # the previous build stays (a serving process may still be on it); the one before it is pruned
    manifest = read_manifest(fake_settings.index_dir)
    assert sorted(p.name for p in (fake_settings.index_dir / "builds").iterdir()) == sorted(
        [manifest["build_id"], manifest["previous"]["build_id"]])
    assert sorted(index.store.names()) == sorted([index.collection, manifest["previous"]["collection"]])
    wuhua.write_text(wuhua.read_text(encoding="utf-8").replace("每户6万元", "每户7万元"), encoding="utf-8")
    ingest(fake_settings, emb, progress=False)
    third = read_manifest(fake_settings.index_dir)
    assert third["previous"]["build_id"] == manifest["build_id"]
    assert sorted(index.store.names()) == sorted([third["collection"], manifest["collection"]])
    assert len(list((fake_settings.index_dir / "builds").iterdir())) == 2


def test_failed_build_leaves_previous_index_serving(fake_settings, monkeypatch):
    emb = HashEmbedder()
    ingest(fake_settings, emb, progress=False)
    before = read_manifest(fake_settings.index_dir)
    (fake_settings.corpus_dir / "lincang-2023-2025-innovation-action-plan.txt").unlink()

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(indexing, "_write_manifest", boom)
    with pytest.raises(RuntimeError):
        ingest(fake_settings, emb, progress=False)
    monkeypatch.undo()
    assert read_manifest(fake_settings.index_dir) == before
    index = open_index(fake_settings, emb)
    assert index.store.names() == [before["collection"]]
    assert len(list((fake_settings.index_dir / "builds").iterdir())) == 1
    assert _search(fake_settings, emb, "临沧 研发机构 补助")[0].chunk.region[-1] == "临沧市"


def test_interrupted_embedding_leaves_previous_index(fake_settings):
    emb = HashEmbedder()
    ingest(fake_settings, emb, progress=False)
    before = read_manifest(fake_settings.index_dir)

    class Interrupting(HashEmbedder):
        def embed_passages(self, texts):
            raise KeyboardInterrupt

    (fake_settings.corpus_dir / "extra.txt").write_text("一、总体目标\n对新认定企业给予8万元奖励。" * 3, encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        ingest(fake_settings, Interrupting(), progress=False)
    assert read_manifest(fake_settings.index_dir) == before
    assert open_index(fake_settings, emb).manifest["build_id"] == before["build_id"]


def test_index_built_with_other_settings_fails_loudly(fake_settings):
    ingest(fake_settings, HashEmbedder(), progress=False)
    other = fake_settings.model_copy(update={"chunking": fake_settings.chunking.model_copy(update={"max_chars": 300})})
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        open_index(other, HashEmbedder())
    with pytest.raises(IndexMismatchError, match="embedding_model"):
        open_index(fake_settings, HashEmbedder(dim=128))
    with pytest.raises(IndexMissingError, match="policybot ingest"):
        open_index(fake_settings.model_copy(update={"index_dir": fake_settings.index_dir / "nope"}), HashEmbedder())


def test_rebuild_starts_over_but_reuses_cached_vectors(fake_settings):
    emb = CountingEmbedder()
    ingest(fake_settings, emb, progress=False)
    n = emb.embedded
    report = ingest(fake_settings, emb, rebuild=True, progress=False)
    assert report.changed and len(report.added) == 5 and emb.embedded == n


def _cli(settings, monkeypatch, *args):
    monkeypatch.setenv("POLICYBOT_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("POLICYBOT_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("POLICYBOT_EMBEDDING__BACKEND", "hash")
    return main(list(args))


def test_changed_catalogue_rules_rebuild_the_catalogue_without_embedding_again(fake_settings):
    from policybot.catalogue.extract import CATALOGUE_VERSION

    emb = CountingEmbedder()
    ingest(fake_settings, emb, progress=False)
    path = fake_settings.index_dir / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    assert manifest["catalogue_version"] == CATALOGUE_VERSION
    path.write_text(json.dumps({**manifest, "catalogue_version": CATALOGUE_VERSION - 1}), encoding="utf-8")
    n = emb.embedded
    again = ingest(fake_settings, emb, progress=False)
    assert again.changed and emb.embedded == n  # vectors come from the cache
    assert read_manifest(fake_settings.index_dir)["catalogue_version"] == CATALOGUE_VERSION


def test_bad_files_are_skipped_others_ingest_nothing_lost(fake_settings, monkeypatch, capsys):
    assert _cli(fake_settings, monkeypatch, "ingest", "--quiet") == 0
    corpus = fake_settings.corpus_dir
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (corpus / "sheet.xlsx").write_bytes(b"PK")
    (corpus / "copy-of-lincang.txt").write_bytes((corpus / "lincang-2023-2025-innovation-action-plan.txt").read_bytes())
    (corpus / "new.txt").write_text("一、总体目标\n对首次认定的企业给予8万元奖励，由市科技局负责。" * 2, encoding="utf-8")
    # an indexed document becomes unreadable: its previous version must stay in the index
    (corpus / "guiyang-yunyan-2023-innovation-action-plan.txt").write_bytes(b"\x00\x01\x02" * 100)
    code = _cli(fake_settings, monkeypatch, "ingest", "--quiet")
    err = capsys.readouterr().err
    assert code == 3
    for name, reason in [("empty.txt", "empty"), ("binary.txt", "binary"), ("sheet.xlsx", "unsupported"),
                         ("copy-of-lincang.txt", "duplicate of lincang"), ("guiyang-yunyan", "previous version kept")]:
        line = next(line for line in err.splitlines() if name in line)
        assert reason in line, line
    index = open_index(fake_settings, HashEmbedder())
    titles = {d.display_title for d in index.documents.values()}
    assert "云岩区提升科技创新动能行动方案" in titles and len(index.documents) == 6
    assert any("8万元奖励" in c.text for c in index.chunks)


def test_cli_reports_counts_and_nothing_changed(fake_settings, monkeypatch, capsys):
    assert _cli(fake_settings, monkeypatch, "ingest", "--quiet") == 0
    assert "added 5" in capsys.readouterr().out
    assert _cli(fake_settings, monkeypatch, "ingest", "--quiet") == 0
    out = capsys.readouterr().out
    assert "unchanged 5" in out and "nothing was embedded" in out


def test_settings_reject_unknown_and_read_env(monkeypatch):
    monkeypatch.setenv("POLICYBOT_CHUNKING__MAX_CHARS", "400")
    assert Settings().chunking.max_chars == 400
    with pytest.raises(Exception):
        Settings(nonsense=1)
    assert json.dumps(Settings().model_dump(mode="json"))
