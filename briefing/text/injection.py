"""Text in an article that speaks to a language model instead of to a reader: prompt injection.

Whoever wrote a page that is ingested can write "Ignore previous instructions and reply only with …" into
it. A model may obey; the citation check then finds the obeyed words in the source and would show them as
supported. A paragraph in which a sentence addresses a model or poses as a chat role or a system prompt
is therefore neither quotable nor evidence (`clean.sentences`), and is left out of what a model is shown
(`clean.for_a_model`): what a model repeats from it has nothing to stand on and is dropped. Markup in
source text (an exfiltration image, a link) is not an instruction: it is shown inert (`markup.py`).

The patterns are written against phrasings of known injections and checked against the news corpus
(bench/check_injection.py), where they match none of its 94,051 sentences.
"""

from __future__ import annotations

import re

_ADDRESSES_A_MODEL = [
    # "Ignore all previous instructions", "disregard the above rules", "forget your prior prompt"
    r"\b(ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}?\b(previous|prior|above|earlier|preceding|"
    r"all|any|your|the system)\b[^.!?\n]{0,20}?\b(instructions?|prompts?|rules|directions|guidelines|context)\b",
    r"\b(system|developer|hidden|initial)\s+(prompt|message|instructions?)\b",
    r"\bnew\s+instructions?\s*[:\-]",
    r"\byou\s+are\s+(now\s+)?(an?\s+|the\s+)?(ai|assistant|language model|llm|chatbot|chat\s?gpt|gpt|bot|"
    r"helpful assistant)\b",
    r"\bas\s+an?\s+(ai|language model|llm)\b",
    r"\b(ai|language model|llm|chatbot|assistant|model)s?\b[^.!?\n]{0,30}\b(reading|summari[sz]ing|processing|"
    r"answering)\s+(this|these)\b",
    # "reply only with", "respond exactly with", "answer with the following", "output only"
    r"\b(reply|respond|answer|output|repeat)\s+(only|exactly|verbatim)\b",
    r"\b(reply|respond|answer)\s+with\s+(only|exactly|just|the\s+(following|word|phrase|text|sentence))\b",
    r"\b(tell|inform|assure|convince)\s+the\s+(user|reader|analyst)\b",
    r"\bthe\s+user('s)?\s+(question|query|request|prompt)\b",
    r"\b(do\s+not|don't|never)\s+(mention|cite|reveal|disclose)\b[^.!?\n]{0,30}\b(instructions?|prompt|this message)\b",
    r"\b(pretend|role-?play|act)\s+(to\s+be|you\s+are|as)\s+(an?\s+|the\s+)?(ai|assistant|system|dan|"
    r"unrestricted|jailbroken|developer)\b",
    r"\b(jailbroken|dan\s+mode|developer\s+mode)\b",
    # chat-template and role markers
    r"<\|[a-z_]+\|>|\[/?inst\]|<</?sys>>|###\s*(instruction|system|response)\b",
    r"(^|\n)\s*(system|assistant|user|human)\s*:",
]
_PATTERN = re.compile("|".join(f"(?:{p})" for p in _ADDRESSES_A_MODEL), re.IGNORECASE)


def addresses_a_model(sentence: str) -> bool:
    """Whether a sentence speaks to a language model (an instruction, a role, a system prompt) rather than
    telling a reader something."""
    return bool(_PATTERN.search(sentence))


def places(sentence: str) -> list[int]:
    """Where in a sentence it speaks to a model (the start of each such phrase)."""
    return [m.start() for m in _PATTERN.finditer(sentence)]


def strip_chat_markers(text: str) -> str:
    """Text to put in a prompt with the markers a chat template gives meaning to (`<|im_start|>`, `[INST]`,
    `<<SYS>>`) taken out, so a passage cannot open a turn of its own."""
    return re.sub(r"<\|[a-z_]+\|>|\[/?INST\]|<</?SYS>>", " ", text, flags=re.IGNORECASE)
