"""Timeline-summarization metrics as the literature defines them: Date-F1 and ROUGE-1 (concat and align+ m:1).

Written after Martschat & Markert, "Improving ROUGE for Timeline Summarization" (EACL 2017) and their
`tilse` package (tilse.evaluation.dates.evaluate_dates and
tilse.evaluation.rouge.TimelineRougeEvaluator.evaluate_concat / evaluate_align_date_content_costs_many_to_one,
"align+ m:1"), without tilse's dependencies. A timeline maps a day (an ISO date, "2017-03-15") to the texts
given for that day; `timeline()` builds one from (date, text) pairs. One gold timeline per story.

Tokens (for every ROUGE figure here, and for the alignment's content cost): the `rouge-score` package's
tokenizer, without stemming — lower-cased, every run of characters other than a-z and 0-9 is a separator.
Unlike tilse (Porter stemming and the ROUGE stop-word list dropped), no stemming and no stop-word removal, so
figures here run higher than published tilse figures on the same texts; compare them with each other only.

Date-F1 (tilse `evaluate_dates`), over the sets of days P (predicted) and G (gold):
    precision = |P ∩ G| / |P|,  recall = |P ∩ G| / |G|,  F1 = 2 P R / (P + R)

Concat ROUGE-1: all predicted texts as one summary against all gold texts as one, unigram counts:
    match = Σ_w min(cnt_pred(w), cnt_gold(w));  precision = match / Σ cnt_pred;  recall = match / Σ cnt_gold

Alignment ROUGE-1, align+ m:1. For a predicted day t with tokens T(t) and a gold day r with tokens R(r),
    match(t, r)  = Σ_w min(cnt_T(t)(w), cnt_R(r)(w))           (ROUGE-1 hits)
    sim(t, r)    = ROUGE-1 F1 of T(t) against R(r)               (tilse's compute_rouge_approximation)
    cost(t, r)   = (1 − 1 / (|t − r| + 1)) · (1 − sim(t, r))     (|t − r| in days)
    w(t, r)      = 1 / (|t − r| + 1)
Precision maps each predicted day t to f(t) = argmin_r cost(t, r) (many predicted days may share a gold day);
recall maps each gold day r to g(r) = argmin_t cost(t, r) (many gold days may share a predicted day):
    precision = Σ_t w(t, f(t)) · match(t, f(t)) / Σ_t |T(t)|
    recall    = Σ_r w(g(r), r) · match(g(r), r) / Σ_r |R(r)|
    F1        = 2 P R / (P + R)
Ties of cost go to the earlier day, as in tilse (numpy's argmin over the days in date order). A quirk kept
for comparability: the same day (cost 0 whatever its text) ties with any other day whose text is the very
same (sim 1, cost 0), and the earlier of the two wins even when it is the far one.
Checked against tilse 0.2.1's own code (its RougeReimplementation without stemming or stop words, texts
tokenized as here): equal P and R on 2,000 random timelines.
An empty timeline (either side) scores 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rouge_score import tokenizers

Timeline = Mapping[str, Sequence[str]]
_TOKENIZER = tokenizers.DefaultTokenizer(use_stemmer=False)


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def tokens(text: str) -> list[str]:
    """Lower-cased words and numbers, as rouge-score splits them (no stemming)."""
    return _TOKENIZER.tokenize(text)


def timeline(entries: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Group (date, text) pairs by day (the first 10 characters of the date); pairs without a valid day are left out."""
    days: dict[str, list[str]] = {}
    for when, text in entries:
        day = (when or "")[:10]
        try:
            date.fromisoformat(day)
        except ValueError:
            continue
        days.setdefault(day, []).append(text)
    return days


def date_f1(predicted: Timeline, gold: Timeline) -> PRF:
    """Date precision and recall over the sets of days (F1 as `.f1`)."""
    shared = len(set(predicted) & set(gold))
    return PRF(shared / len(predicted) if predicted else 0.0, shared / len(gold) if gold else 0.0)


def _counts(texts: Iterable[str]) -> Counter[str]:
    return Counter(w for text in texts for w in tokens(text))


def _match(a: Counter[str], b: Counter[str]) -> int:
    return sum(min(n, b[w]) for w, n in a.items())


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def concat_rouge1(predicted: Timeline, gold: Timeline) -> PRF:
    """ROUGE-1 of all predicted texts against all gold texts, dates ignored."""
    pred = _counts(t for texts in predicted.values() for t in texts)
    ref = _counts(t for texts in gold.values() for t in texts)
    hits = _match(pred, ref)
    return PRF(_ratio(hits, sum(pred.values())), _ratio(hits, sum(ref.values())))


def _days_apart(a: str, b: str) -> int:
    return abs(date.fromisoformat(a).toordinal() - date.fromisoformat(b).toordinal())


def _sim(a: Counter[str], b: Counter[str]) -> float:
    hits = _match(a, b)
    return PRF(_ratio(hits, sum(a.values())), _ratio(hits, sum(b.values()))).f1


def _cost(a: str, ca: Counter[str], b: str, cb: Counter[str]) -> float:
    return (1 - 1 / (_days_apart(a, b) + 1)) * (1 - _sim(ca, cb))


def _aligned(source: dict[str, Counter[str]], target: dict[str, Counter[str]]) -> float:
    """Σ over the source days of w · match with the day of least cost among the target days."""
    total = 0.0
    for day, counts in source.items():
        best = min(sorted(target), key=lambda t: _cost(day, counts, t, target[t]))  # the first of equal costs
        total += _match(counts, target[best]) / (_days_apart(day, best) + 1)
    return total


def align_rouge1(predicted: Timeline, gold: Timeline) -> PRF:
    """Alignment-based ROUGE-1, tilse's align+ m:1 (the formula is in the module docstring)."""
    pred = {day: _counts(texts) for day, texts in predicted.items()}
    ref = {day: _counts(texts) for day, texts in gold.items()}
    if not pred or not ref:
        return PRF(0.0, 0.0)
    precision = _ratio(_aligned(pred, ref), sum(sum(c.values()) for c in pred.values()))
    recall = _ratio(_aligned(ref, pred), sum(sum(c.values()) for c in ref.values()))
    return PRF(precision, recall)
