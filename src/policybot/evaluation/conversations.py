"""Multi-turn evaluation over ``evals/conversations.jsonl``: each conversation asked turn by turn, the bot
reading its own earlier answers as the page sends them, each turn scored against its gold.

A conversation line is ``{"id", "split", "asker", "turns": [...]}``; a turn carries ``question``,
``answerable``, ``type``, ``key_facts``, ``wrong_facts``, ``must_not_regions`` (places whose rules do not
apply to this asker; the place of a turn's own gold sources is never counted as foreign on that turn) and ``kind`` (null when answerable, else absent | not_stated | wrong_region | chitchat).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from policybot.evaluation.common import facts_in, load_dataset, percentile, states
from policybot.files import write_jsonl
from policybot.text.citations import squash
from policybot.types import Answer

# outcomes that give no answer for the asked place ("refused" is kept for any future outcome of that name)
REFUSED = frozenset({"not_found", "elsewhere", "refused", "context_lost"})
KINDS = ("absent", "not_stated", "wrong_region")
# a clause of the direct line that names a place as NOT applying: another region's rule offered for reference,
# or the place named as where the rule is missing
_ASIDE = re.compile(r"其他地区|仅供参考|不适用|只适用于该地区|没有关于|没有找到与这个问题对应")
_CLAUSE = re.compile(r"[；;。\n]")
# the reply says the documents do not state what was asked
_NOT_STATED = re.compile(r"未载明|没有写明|未写明|未规定|没有规定|未找到|未明确|没有明确|未单列|未提及|没有提及")
_NOT_FIGURES = re.compile(r"《[^》]*》|[〔\[（(]\d{4}[〕\]）)]\d*号|\[\d+\]")  # titles, 文号, [n] markers
# the topic a not-found reply names: "没有关于“…”的规定" (and "提到了“…”，但没有写明", the same refusal for a figure)
_TOPIC = re.compile(r"没有关于“([^”]+)”的规定|提到了“([^”]+)”，但没有写明")


def place_names(place: str) -> tuple[str, ...]:
    """A place as a reply may write it: 临沧市 or 临沧 (the suffix dropped when two characters remain)."""
    stem = re.sub(r"[省市区县]$", "", place)
    return (place, stem) if len(stem) >= 2 and stem != place else (place,)


def foreign_in_line(line: str, places: list[str]) -> list[str]:
    """The ``places`` the direct line presents as applying: named in a clause that is not an aside
    (other regions offered for reference, or the place named as lacking the rule)."""
    named = []
    for clause in _CLAUSE.split(line):
        if not clause.strip() or _ASIDE.search(clause):
            continue
        named += [p for p in places if p not in named and any(n in clause for n in place_names(p))]
    return named


def says_not_stated(answer: Answer) -> bool:
    """The reply says the documents do not state it, and presents no figure (digits outside titles, 文号 and [n])."""
    line = answer.direct_answer or answer.answer
    return bool(_NOT_STATED.search(line)) and not re.search(r"\d", _NOT_FIGURES.sub("", line))


def named_topics(answer: Answer) -> list[str]:
    text = answer.direct_answer + "\n" + answer.answer
    return list(dict.fromkeys(a or b for a, b in _TOPIC.findall(text)))


def topic_from_question(topic: str, question: str) -> bool:
    """Is the named topic this turn's words? The bot joins up to two phrases with "、": each must occur in the question."""
    q = squash(question)
    return all(squash(part) in q for part in topic.split("、") if part)


def score_turn(turn: dict, answer: Answer, regions: dict[str, tuple[str, ...]],
               slug_regions: dict[str, tuple[str, ...]] | None = None) -> dict:
    """One turn's line: the reply and every check that applies to its kind (``regions`` by doc id, ``slug_regions`` by
    the document names gold sources use)."""
    kind = turn.get("kind")
    facts = turn.get("key_facts", [])
    row = {
        "type": turn["type"], "kind": kind, "answerable": turn["answerable"], "style": turn.get("style", ""),
        "question": turn["question"], "outcome": answer.outcome, "found": answer.found,
        "direct_answer": answer.direct_answer, "answer": answer.answer,
        "citations": [{"n": c.n, "doc_id": c.doc_id, "region": list(regions.get(c.doc_id, ())), "quote": c.quote}
                      for c in answer.citations],
        "elsewhere": [{"doc_id": c.doc_id, "region": list(regions.get(c.doc_id, ()))} for c in answer.elsewhere],
        "refused": answer.outcome in REFUSED,
    }
    if kind == "chitchat":  # scored only as small talk
        row["small_talk"] = answer.outcome == "welcome" or (not answer.all_citations and answer.outcome not in REFUSED)
        return row
    if turn["answerable"]:
        row["key_facts_found"] = len(facts_in(answer.answer, facts))
        row["key_fact_pass"] = bool(facts) and row["key_facts_found"] == len(facts)
        row["direct_pass"] = bool(facts) and all(states(answer.direct_answer, f) for f in facts)
    elif kind in KINDS:
        row["refusal_pass"] = row["refused"] or (kind == "not_stated" and says_not_stated(answer))
    # a region the turn's own gold sources are from is asked about ("临沧那个文件文号是多少" from a 曲靖 asker): citing it
    # answers the turn, it does not present a foreign rule as the asker's
    by_slug = slug_regions or {}
    asked_of = {by_slug[s["doc"]][-1] for s in turn.get("sources", []) if by_slug.get(s.get("doc"))}
    banned = [p for p in turn.get("must_not_regions", []) if p not in asked_of]
    cited = sorted({p for c in answer.citations for p in regions.get(c.doc_id, ()) if p in banned})
    row["foreign_cited"] = cited
    row["foreign_named"] = foreign_in_line(answer.direct_answer, banned)
    row["foreign_region"] = bool(cited or row["foreign_named"])
    if turn.get("wrong_facts"):
        row["wrong_facts_stated"] = [f for f in turn["wrong_facts"] if states(answer.direct_answer, f)]
    topics = named_topics(answer)
    if topics:
        row["named_topics"] = topics
        row["topic_in_question"] = all(topic_from_question(t, turn["question"]) for t in topics)
    return row


def asked(bot, conv: dict):
    """Each turn of ``conv`` asked with the bot's own earlier answers as history (never the gold): (turn, the
    history it was asked with, the answer, milliseconds)."""
    history: list[dict] = []
    for turn in conv["turns"]:
        t0 = time.perf_counter()
        answer = bot.ask(turn["question"], history=list(history))
        yield turn, list(history), answer, (time.perf_counter() - t0) * 1000
        history += [{"role": "user", "content": turn["question"]}, {"role": "assistant", "content": answer.answer}]


def run_conversations(bot, conversations: list[dict], progress: bool = True) -> list[dict]:
    """Ask every conversation turn by turn; the history is the bot's own earlier answers, never the gold."""
    from tqdm import tqdm

    regions = {doc_id: tuple(d.region) for doc_id, d in bot.index.documents.items()}
    slug_regions = {d.slug: tuple(d.region) for d in bot.index.documents.values()}
    rows = []
    for conv in tqdm(conversations, desc="conversations", unit="conv", disable=not progress):
        for n, (turn, history, answer, latency) in enumerate(asked(bot, conv), 1):
            rows.append({"id": conv["id"], "split": conv.get("split", ""), "turn": n, "history_turns": len(history) // 2,
                         **score_turn(turn, answer, regions, slug_regions), "latency_ms": round(latency, 1)})
    return rows


def _share(flags: list[bool]) -> float | None:
    """The share of true flags; None when nothing was measured (an empty group is not a 0 or a 1)."""
    return round(sum(flags) / len(flags), 4) if flags else None


def conversation_metrics(rows: list[dict]) -> dict:
    """The turn-level figures of one group of conversation rows (see README "Evaluation")."""
    talk = [r for r in rows if r["kind"] == "chitchat"]
    policy = [r for r in rows if r["kind"] != "chitchat"]
    ans = [r for r in policy if r["answerable"]]
    docs = [r for r in ans if r["type"] == "document_fact"]
    wrong = [r for r in policy if "wrong_facts_stated" in r]
    topics = [r for r in policy if "topic_in_question" in r]
    lat = [r["latency_ms"] for r in rows]
    return {
        "n_conversations": len({r["id"] for r in rows}),
        "n_turns": len(rows),
        "n_answerable": len(ans),
        "key_fact_accuracy": _share([r["key_fact_pass"] for r in ans]),
        "direct_answer_accuracy": _share([r["direct_pass"] for r in ans]),
        "key_fact_accuracy_first_turn": _share([r["key_fact_pass"] for r in ans if r["turn"] == 1]),
        "key_fact_accuracy_later_turns": _share([r["key_fact_pass"] for r in ans if r["turn"] > 1]),
        "false_refusal_rate": _share([r["refused"] for r in ans]),
        "foreign_region_rate": _share([r["foreign_region"] for r in policy]),
        "n_policy_turns": len(policy),
        "refusal_by_kind": {k: _share([r["refusal_pass"] for r in policy if r["kind"] == k]) for k in KINDS},
        "n_by_kind": {k: sum(1 for r in policy if r["kind"] == k) for k in KINDS},
        "wrong_fact_rate": _share([bool(r["wrong_facts_stated"]) for r in wrong]),
        "n_wrong_fact_turns": len(wrong),
        "refusal_topic_quality": _share([r["topic_in_question"] for r in topics]),
        "n_named_topics": len(topics),
        "document_fact_accuracy": _share([r["key_fact_pass"] for r in docs]),
        "n_document_fact": len(docs),
        "chitchat_rate": _share([r["small_talk"] for r in talk]),
        "n_chitchat": len(talk),
        "latency_ms": {"p50": round(percentile(lat, 0.5), 1), "p95": round(percentile(lat, 0.95), 1)},
    }


def evaluate_conversations(bot, path: Path, out: Path, progress: bool = True) -> dict:
    """Run the conversations file, write ``conversations_per_turn.jsonl``; all turns' figures, each split's under
    ``splits``, and the seconds the run took."""
    conversations = load_dataset(path)
    t0 = time.perf_counter()
    rows = run_conversations(bot, conversations, progress)
    seconds = round(time.perf_counter() - t0, 1)
    write_jsonl(out / "conversations_per_turn.jsonl", rows)
    splits = sorted({r["split"] for r in rows if r["split"]})
    return {**conversation_metrics(rows), "file": str(path), "seconds": seconds,
            "splits": {sp: conversation_metrics([r for r in rows if r["split"] == sp]) for sp in splits}}
