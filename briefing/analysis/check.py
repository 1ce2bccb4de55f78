"""The citation check: every sentence a model writes, against the passages of the source it cites."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.analysis.citations import Citer, Pick, parse_citations
from briefing.analysis.scoring import Candidate, candidates, unit
from briefing.text.dates import dates_in
from briefing.text.facts import mentions, names_in, numbers_in
from briefing.text.sentences import clauses, negated, split_sentences, terms
from briefing.types import Claim, Passage, Source

ABSTAIN = re.compile(
    r"\b(sources|passages|context)\b[^.]*\b(don't|do not|does not|doesn't)\b[^.]*\bcover|^nothing in the sources",
    re.I,
)
_MARKS = re.compile(r"\s*((?:\[\d+(?:\s*,\s*\d+)*\]\s*)+)")
_MOVE_MARKS = re.compile(r"([.!?][\"'”’]?)((?:\s*\[\d+(?:\s*,\s*\d+)*\])+)")


@dataclass
class Verdict:
    """What the citation check decided for one generated sentence."""

    sentence: str
    cited: list[int]
    status: str  # "supported", "repaired" or "dropped"
    reason: str = ""
    similarity: float = 0.0


@dataclass
class CheckReport:
    """How many generated sentences were checked, and what became of them."""

    verdicts: list[Verdict] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(v.status == status for v in self.verdicts)

    @property
    def checked(self) -> int:
        return len(self.verdicts)

    def summary(self) -> str:
        return (
            f"citation check: {self.checked} sentences checked, {self.count('supported')} supported, "
            f"{self.count('repaired')} repaired, {self.count('dropped')} dropped"
        )


def generated_sentences(text: str) -> list[tuple[str, list[int]]]:
    """A model's answer as (sentence without citation marks, cited numbers) pairs.

    Marks written after the full stop ("... border. [1]") belong to the sentence before them.
    """
    text = _MOVE_MARKS.sub(lambda m: f"{m.group(2)}{m.group(1)}", text.strip())
    out = []
    for sentence in split_sentences(text):
        for line in sentence.splitlines():
            line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip()  # list bullets
            if not line or line.startswith("#"):
                continue
            cited = parse_citations(line)
            plain = _MARKS.sub(" ", line).strip()
            plain = re.sub(r"\s+([.!?,;:])", r"\1", plain)
            if len(re.findall(r"[A-Za-z]{2,}", plain)) >= 2:  # "1." or "Sources:" is no claim
                out.append((plain, cited))
    return out


def unsupported_facts(sentence: str, evidence: Sequence[Passage]) -> list[str]:
    """Numbers, dates and names in `sentence` that the evidence passages don't state (empty: all there)."""
    text = " ".join(p.text for p in evidence)
    known_dates = {p.date for p in evidence if p.date}
    for passage in evidence:
        known_dates.update(d for s in split_sentences(passage.text) for d in dates_in(s, passage.date))
    known = numbers_in(text) | {float(part) for day in known_dates for part in day.split("-")}
    reference = next((p.date for p in evidence if p.date), None)
    missing = [f"number {value:g}" for value in sorted(numbers_in(sentence) - known)]
    missing += [f"date {day}" for day in dates_in(sentence, reference) if day not in known_dates]
    missing += [f"name {name}" for name in names_in(sentence) if not mentions(name, text)]
    return missing


MEANING_WEIGHT = 0.7  # the rest is the share of the sentence's terms the source uses


def support_scores(
    sentences: Sequence[str],
    cands: Sequence[Candidate],
    evidence: Sequence[str],
    embedder: Embeddings,
    clause_vectors: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """How well each candidate source sentence supports each sentence (one row per sentence).

    Support mixes meaning and wording: the best cosine to the source sentence or one of its clauses (a
    long sentence dilutes a short claim about one of its parts), and the share of the claim's content
    terms that the source article (`evidence[i]`, the text behind candidate i) uses.
    """
    if not sentences or not cands:
        return np.zeros((len(sentences), len(cands)))
    vectors = unit(np.asarray(embedder.embed_documents(list(sentences)), dtype=np.float32))
    best = vectors @ np.stack([c.vector for c in cands]).T
    parts = [(i, part) for i, c in enumerate(cands) for part in clauses(c.text) if part != c.text]
    if parts:
        cache = {} if clause_vectors is None else clause_vectors
        missing = list(dict.fromkeys(p for _, p in parts if p not in cache))
        if missing:
            new = unit(np.asarray(embedder.embed_documents(missing), dtype=np.float32))
            cache.update(zip(missing, new, strict=True))
        part_vectors = np.stack([cache[p] for _, p in parts])
        part_cosine = vectors @ part_vectors.T
        for column, (i, _) in enumerate(parts):
            best[:, i] = np.maximum(best[:, i], part_cosine[:, column])
    bags = {text: set(terms(text)) for text in set(evidence)}
    wording = np.zeros_like(best)
    for k, sentence in enumerate(sentences):
        own = [t for t in terms(sentence) if not t[0].isdigit()]  # numbers have their own check
        for i in range(len(cands)):
            wording[k, i] = sum(t in bags[evidence[i]] for t in own) / max(1, len(own))
    return MEANING_WEIGHT * best + (1 - MEANING_WEIGHT) * wording


class Checker:
    """Checks generated sentences against numbered sources, remembering what it has shown and decided.

    A sentence is shown as sourced only when it cites a source that exists, every number, date and name
    in it appears in the cited passages, and one of their sentences supports it (`support_scores` at
    least `threshold`). Otherwise it is repaired, replaced by the source sentence closest to it (if that
    is close enough, not shown already, and one of `answers` when given: a repair must still answer the
    question), or dropped.
    """

    def __init__(
        self,
        sources: Sequence[Sequence[Passage]],
        embedder: Embeddings,
        threshold: float,
        answers: set[str] | None = None,
    ) -> None:
        self.sources = sources
        self.answers = answers  # when answering a question: the source sentences a repair may be
        self.embedder = embedder
        self.threshold = threshold
        self.report = CheckReport()
        # Every sentence is evidence; only quotable ones are shown as repairs.
        self.cands = candidates([p for group in sources for p in group], embedder, quotable_only=False)
        self.number_of = {p.article_id: n for n, group in enumerate(sources, start=1) for p in group}
        article_text = {n: " ".join(p.text for p in group) for n, group in enumerate(sources, start=1)}
        self.evidence = [article_text[self.number_of[c.passage.article_id]] for c in self.cands]
        self.shown: set[int] = set()
        self.clause_vectors: dict[str, np.ndarray] = {}  # shared with forks: same sources, same clauses

    def fork(self) -> Checker:
        """A checker over the same sources (no re-embedding) with its own report and memory."""
        other = copy.copy(self)
        other.report = CheckReport()
        other.shown = set()
        return other

    def check(self, text: str) -> list[Pick]:
        """The sentences of `text` that may be shown as sourced (as written, or repaired)."""
        pairs = [(s, c) for s, c in generated_sentences(text) if not ABSTAIN.search(s)]
        if not pairs:
            return []
        sims = support_scores([s for s, _ in pairs], self.cands, self.evidence, self.embedder, self.clause_vectors)
        out = []
        for k, (sentence, cited) in enumerate(pairs):
            best, reason = self._judge(sentence, cited, sims[k])
            if best is not None and not reason:
                out.append(Pick(self.cands[best], None, sentence, "supported", self._others(cited, best, sims[k])))
                self.shown.add(best)
                self.report.verdicts.append(Verdict(sentence, cited, "supported", similarity=float(sims[k, best])))
                continue
            others = [
                i
                for i, c in enumerate(self.cands)
                if i not in self.shown and c.quotable and (self.answers is None or c.shown in self.answers)
            ]
            fix = max(others, key=lambda i: sims[k, i]) if others else None
            if fix is not None and sims[k, fix] >= self.threshold:
                out.append(Pick(self.cands[fix], status="repaired"))
                self.shown.add(fix)
                self.report.verdicts.append(Verdict(sentence, cited, "repaired", reason, float(sims[k, fix])))
            else:
                similarity = float(sims[k, best]) if best is not None else 0.0
                self.report.verdicts.append(Verdict(sentence, cited, "dropped", reason, similarity))
        return out

    def _others(self, cited: list[int], best: int, sims: np.ndarray) -> list[Candidate]:
        """The best sentence of each other cited source: shown too, since the facts were checked in them."""
        chosen = self.number_of[self.cands[best].passage.article_id]
        out = []
        for number in dict.fromkeys(n for n in cited if 1 <= n <= len(self.sources) and n != chosen):
            mine = [i for i, c in enumerate(self.cands) if self.number_of[c.passage.article_id] == number]
            if mine:
                out.append(self.cands[max(mine, key=lambda i: sims[i])])
        return out

    def _judge(self, sentence: str, cited: list[int], sims: np.ndarray) -> tuple[int | None, str]:
        """The best supporting candidate among the cited sources, and why the sentence fails ("" if not)."""
        valid = [n for n in cited if 1 <= n <= len(self.sources)]
        in_cited = [i for i, c in enumerate(self.cands) if self.number_of[c.passage.article_id] in valid]
        best = max(in_cited, key=lambda i: sims[i]) if in_cited else None
        if not cited:
            return best, "cites no source"
        if not valid:
            return best, f"cites [{', '.join(map(str, cited))}], but there are only {len(self.sources)} sources"
        missing = unsupported_facts(sentence, [p for n in valid for p in self.sources[n - 1]])
        if missing:
            return best, f"{'; '.join(missing)}: not in the cited source"
        if best is not None and negated(sentence) != negated(self.cands[best].text):
            return best, "says the opposite of the cited source (negation differs)"
        if best is None or sims[best] < self.threshold:
            similarity = float(sims[best]) if best is not None else 0.0
            return best, f"meaning too far from the cited source ({similarity:.2f} < {self.threshold:.2f})"
        return best, ""


def check_generated(
    text: str,
    sources: Sequence[Sequence[Passage]],
    embedder: Embeddings,
    threshold: float,
    answers: set[str] | None = None,
) -> tuple[list[Claim], list[Source], CheckReport]:
    """Check every sentence a model wrote against the numbered sources it was given (see `Checker`).

    Args:
        text: The model's answer with [n] citations.
        sources: The passages of each numbered source, as numbered in the prompt (1-based).
        embedder: The embedding model used to compare meanings.
        threshold: The calibrated support a sentence must reach.
        answers: The source sentences that answer the question asked, if any: the only ones a repair may be.

    Returns:
        The claims to show (sources renumbered by first citation), their sources, and the report.
    """
    checker = Checker(sources, embedder, threshold, answers)
    citer = Citer()
    claims = [pick.claim(citer) for pick in checker.check(text)]
    return claims, citer.sources, checker.report
