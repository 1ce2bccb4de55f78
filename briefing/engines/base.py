"""The one interface both answer engines implement; the service picks one and never asks which."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from briefing.analysis.evidence import Evidence
from briefing.analysis.layout import BriefSpec
from briefing.analysis.scoring import Candidate
from briefing.results import Answer, AnswerStream, Brief
from briefing.types import Passage

History = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Question:
    """A question as asked, as it stands alone (a follow-up rewritten), the standalone form's vector, and
    how rare each of its words is in the store (`KeywordIndex.rarity`; empty: every word weighs the same);
    for a question asking for a person, every stored sentence of the retrieved articles (`sentences`: where
    a short answer's name is looked up in full; None: not read)."""

    asked: str
    standalone: str
    vector: np.ndarray
    rarity: dict[str, float] = field(default_factory=dict)
    sentences: Sequence[Candidate] | None = None

    @property
    def rewritten(self) -> str | None:
        """The standalone form when it differs from what was asked."""
        return self.standalone if self.standalone != self.asked else None


class Engine(ABC):
    """Writes cited answers and briefs from source passages.

    `extractive` quotes source sentences; `llm` has a model write and checks every sentence it writes.
    """

    name: str

    @abstractmethod
    def condense(self, question: str, history: History) -> str:
        """A follow-up question rewritten to stand alone, using the conversation so far."""

    @abstractmethod
    def stream(self, question: Question, passages: Sequence[Passage]) -> AnswerStream:
        """The answer's tokens as they are written; the stream's result is the checked Answer."""

    def answer(self, question: Question, passages: Sequence[Passage]) -> Answer:
        """The checked answer from these passages (or an abstention)."""
        return self.stream(question, passages).result()

    @abstractmethod
    def brief(self, evidence: Evidence, spec: BriefSpec) -> Brief:
        """A one-page brief from the evidence gathered for it."""

    @abstractmethod
    def ping(self) -> str:
        """A word on whether the engine works (raises when it does not)."""
