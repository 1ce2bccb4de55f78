"""LLM engines (OpenAI, OpenAI-compatible servers, a local GGUF): the model writes, the check decides what
is shown. Every sentence must be supported by the source it cites, or it is repaired or dropped."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import numpy as np
from langchain_core.embeddings import Embeddings
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage

from briefing.analysis.check import ABSTAIN, check_generated
from briefing.analysis.evidence import Evidence
from briefing.analysis.layout import BriefSpec
from briefing.config import Settings
from briefing.engines.base import Engine, History, Question
from briefing.engines.extractive import answer_extractive
from briefing.engines.llm_brief import write_brief
from briefing.engines.prompting import answer_messages, fit_sources, group_by_article
from briefing.engines.prompts import render
from briefing.engines.spans_check import SourceSpans, held_to_spans, source_spans, spans_evidence
from briefing.errors import ContextTooLong, LLMError
from briefing.models.failures import explain
from briefing.results import NOT_COVERED, NOTHING_STORED, Answer, AnswerStream, Brief
from briefing.types import Passage


def prompt_chars(settings: Settings, name: str) -> int:
    """How much source text fits a prompt: bounded by the local model's context, else generous."""
    if name == "local":
        return max(1500, (settings.local_ctx - settings.max_tokens - 400) * 3)
    return 40_000


class Remembered(Embeddings):
    """An embedder that embeds each text once: one answer's sentences are read for the short answer, for the
    sentences a repair may be, and by the check."""

    def __init__(self, embedder: Embeddings) -> None:
        self.embedder = embedder
        self.vectors: dict[str, list[float]] = {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        new = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if new:
            self.vectors.update(zip(new, np.asarray(self.embedder.embed_documents(new)).tolist(), strict=True))
        return [self.vectors[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)


class LLMEngine(Engine):
    """A chat model writes answers and briefs from numbered sources; `check.Checker` holds it to them."""

    def __init__(self, chat: BaseChatModel, embedder: Embeddings, settings: Settings, name: str) -> None:
        self.chat = chat
        self.embedder = embedder
        self.settings = settings
        self.name = name
        self.threshold = settings.check_threshold
        self.max_chars = prompt_chars(settings, name)

    def too_long(self) -> LLMError:
        """The error for a context that cannot hold even one source passage."""
        setting = "BRIEFING_LOCAL_CTX" if self.name == "local" else "the server's context size, or lower BRIEFING_TOP_K"
        return LLMError(f"even one source passage does not fit the model's context: raise {setting}")

    def call(self, prompt: str | list[BaseMessage]) -> str:
        """The model's reply to a prompt; a failure becomes one plain LLMError (ContextTooLong on overflow)."""
        try:
            return str(self.chat.invoke([HumanMessage(prompt)] if isinstance(prompt, str) else prompt).content)
        except Exception as exc:  # the provider's own errors, mapped to one plain message
            raise explain(exc, self.settings) from exc

    def condense(self, question: str, history: History) -> str:
        if not history:
            return question
        turns = "\n".join(f"User: {q}\nAssistant: {a}" for q, a in history[-4:])
        reply = self.call(render("condense_question", history=turns, question=question)).strip()
        rewritten = reply.splitlines()[0].strip().strip('"') if reply else ""
        # A weak model may ramble or echo; keep the original unless the rewrite looks like one question.
        if 3 <= len(rewritten.split()) <= 3 * len(question.split()) + 25:
            return rewritten
        return f"{history[-1][0]} {question}"

    def stream(self, question: Question, passages: Sequence[Passage]) -> AnswerStream:
        """Ask the model (the standalone form of the question, with the short answers the sources give),
        stream its tokens, then check every sentence against the sources it cites, and the answer against
        the short answer most reports give (`spans_check`)."""
        asked, rewritten = question.asked, question.rewritten
        if not passages:
            return AnswerStream.of(
                Answer(asked, [], [], True, self.name, NOTHING_STORED, standalone_question=rewritten)
            )
        groups = fit_sources(group_by_article(passages), self.max_chars)
        notes: list[str] = []
        embedder = Remembered(self.embedder)
        read: list[SourceSpans] = []

        def spans() -> SourceSpans:  # what the sources answer: told to the model, then held to its answer
            if not read:
                read.append(source_spans(question, passages, embedder, self.settings.min_relevance))
            return read[0]

        def tokens() -> Iterator[str]:
            nonlocal groups
            while True:
                started = False
                try:
                    told = spans_evidence(spans(), groups)
                    for chunk in self.chat.stream(answer_messages(question.standalone, groups, spans=told)):
                        if chunk.content:
                            started = True
                            yield str(chunk.content)
                    return
                except Exception as exc:  # the provider's own errors, mapped to one plain message
                    error = explain(exc, self.settings)
                    if not isinstance(error, ContextTooLong) or started:
                        raise error from exc
                    if sum(map(len, groups)) <= 1:
                        raise self.too_long() from exc
                    groups = fit_sources(groups, sum(len(p.text) for g in groups for p in g) // 2)
                    notes[:] = [
                        f"the sources were trimmed to {sum(map(len, groups))} passages to fit the model's context"
                    ]

        def finish(text: str) -> Answer:
            claims, sources, report = check_generated(text, groups, embedder, self.threshold, spans().answers)
            used = [p for g in groups for p in g]
            if claims:
                generated = Answer(asked, claims, sources, False, self.name, "", used, report, notes, rewritten)
                held = held_to_spans(question.standalone, generated, spans(), passages)
                if held.claims:
                    return held
                report = held.check or report  # every sentence gave an answer no source gives
            said_so = bool(ABSTAIN.search(text))
            quoted = answer_extractive(question, passages, embedder, self.settings.min_relevance)
            if not quoted.abstained:  # the model missed or strayed, but the sources answer: quote them
                why = "found no answer" if said_so or not report.checked else "wrote nothing the sources support"
                note = f"the model {why}; shown instead: the source sentences that answer the question"
                return replace(quoted, engine=self.name, check=report, notes=[*notes, note])
            message = (
                NOT_COVERED
                if said_so or not report.checked
                else f"{NOT_COVERED} (no generated sentence could be supported)"
            )
            return Answer(asked, [], [], True, self.name, message, used, report, notes, rewritten)

        return AnswerStream(tokens(), finish)

    def brief(self, evidence: Evidence, spec: BriefSpec) -> Brief:
        try:
            return write_brief(self, evidence, spec)
        except ContextTooLong as exc:
            raise self.too_long() from exc

    def ping(self) -> str:
        return f"answered {self.call('Reply with the word ready.').strip()[:40]!r}"
