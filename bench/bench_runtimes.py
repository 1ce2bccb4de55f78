"""MiniLM runtimes on this CPU: speed, and agreement with the vectors the product makes today (ONNX Runtime fp32).

Every runtime embeds the same real sentences from the news corpus and the gold questions:

  torch          sentence-transformers (what the ONNX file was exported from)
  onnx fp32      ONNX Runtime on the exported file: the default (`briefing/models/minilm.py`), the reference
  onnx int8      the same file quantised by `onnxruntime.quantization.quantize_dynamic` (weights int8)
  openvino       OpenVINO reading the same ONNX file, at its default precision on this CPU (bf16 where the
                 CPU has it) and with `INFERENCE_PRECISION_HINT=f32`; skipped when openvino is not installed

The ONNX-file runtimes share the product's tokenizer and batching (`OnnxMiniLM.encode`): only the engine that
runs the graph differs. For each: sentences per second at batch 32 (every sentence) and batch 1 (one at a
time); min and mean cosine of its sentence vectors to the fp32 ones; and retrieval recall@10: how many of
the 10 sentences fp32 ranks nearest each gold question the runtime ranks among its own 10 nearest. Runtimes
take turns in each of `--rounds` rounds (the median speed is reported), so load on the machine falls on all.

    .venv/bin/python bench/bench_runtimes.py [--data bench/data/news.csv] [--sentences 2000] [--single 200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from results import record

from briefing.config import get_settings
from briefing.models.minilm import OnnxMiniLM, TorchMiniLM, onnx_path
from briefing.text.sentences import split_sentences

BENCH = Path(__file__).resolve().parent
NEWS = BENCH / "data" / "news.csv"
GOLD = BENCH / "gold" / "questions.json"
Encode = Callable[[list[str]], np.ndarray]


def corpus_sentences(data: Path, count: int, seed: int = 11) -> list[str]:
    """`count` sentences of 5 words or more, drawn from the corpus's articles."""
    csv.field_size_limit(2**31 - 1)
    with data.open(encoding="utf-8", newline="") as rows:
        found = [s for row in csv.DictReader(rows) for s in split_sentences(row["text"]) if len(s.split()) >= 5]
    return random.Random(seed).sample(found, min(count, len(found)))


class OpenVinoSession:
    """OpenVINO behind ONNX Runtime's `run(None, feeds)`, so `OnnxMiniLM.encode` drives it unchanged."""

    def __init__(self, path: Path, config: dict[str, str]) -> None:
        import openvino

        core = openvino.Core()
        self.model = core.compile_model(core.read_model(str(path)), "CPU", config)
        self.precision = self.model.get_property("INFERENCE_PRECISION_HINT").to_string()
        self.request = self.model.create_infer_request()

    def run(self, _: Any, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        return [self.request.infer(feeds)[0].copy()]


def with_session(session: Any, batch_size: int) -> Encode:
    """`OnnxMiniLM.encode` (the product's tokenizer and batching) running the graph in `session`."""
    model = OnnxMiniLM(get_settings().cache_dir, batch_size=batch_size)
    model._session = session
    return model.encode


def runtimes(batch_size: int, folder: Path) -> dict[str, Encode]:
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    path = onnx_path(get_settings().cache_dir)
    OnnxMiniLM(get_settings().cache_dir)  # makes the file when missing
    int8 = folder / "int8.onnx"
    if not int8.exists():
        quantize_dynamic(str(path), str(int8), weight_type=QuantType.QInt8)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    int8_session = onnxruntime.InferenceSession(str(int8), options, providers=["CPUExecutionProvider"])
    made: dict[str, Encode] = {
        "torch": TorchMiniLM(batch_size=batch_size).encode,
        "onnx fp32": OnnxMiniLM(get_settings().cache_dir, batch_size=batch_size).encode,
        "onnx int8": with_session(int8_session, batch_size),
    }
    try:
        import openvino  # noqa: F401
    except ImportError:
        print("openvino is not installed: its columns are skipped (pip install openvino)")
        return made
    default = OpenVinoSession(path, {})
    made[f"openvino ({default.precision})"] = with_session(default, batch_size)
    made["openvino f32"] = with_session(OpenVinoSession(path, {"INFERENCE_PRECISION_HINT": "f32"}), batch_size)
    return made


def recall_at(reference: np.ndarray, found: np.ndarray, k: int = 10) -> float:
    """Mean share of the reference's k nearest (one row of scores per query) among the runtime's k nearest."""
    ref = np.argsort(-reference, axis=1)[:, :k]
    got = np.argsort(-found, axis=1)[:, :k]
    return float(np.mean([len(set(a) & set(b)) / k for a, b in zip(ref, got, strict=True)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=NEWS, help="the news corpus (bench/fetch_news.py makes it)")
    parser.add_argument("--sentences", type=int, default=2000, help="corpus sentences embedded at batch 32")
    parser.add_argument("--single", type=int, default=200, help="of those, embedded one at a time")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of timing; the median is reported")
    args = parser.parse_args()
    sentences = corpus_sentences(args.data, args.sentences)
    questions = [q["question"] for q in json.loads(GOLD.read_text(encoding="utf-8"))["questions"]]
    with tempfile.TemporaryDirectory(prefix="briefing-runtimes-") as tmp:
        models = runtimes(32, Path(tmp))
        batched: dict[str, list[float]] = {name: [] for name in models}
        single: dict[str, list[float]] = {name: [] for name in models}
        vectors: dict[str, np.ndarray] = {}
        for _ in range(args.rounds):
            for name, encode in models.items():
                encode(sentences[:64])  # warm up (first-run allocations, graph compilation)
                start = time.perf_counter()
                vectors[name] = encode(sentences)
                batched[name].append(len(sentences) / (time.perf_counter() - start))
                start = time.perf_counter()
                for text in sentences[: args.single]:
                    encode([text])
                single[name].append(args.single / (time.perf_counter() - start))
        asked = {name: encode(questions) for name, encode in models.items()}
    reference, ref_scores = vectors["onnx fp32"], asked["onnx fp32"] @ vectors["onnx fp32"].T
    print(f"\nMiniLM runtimes: {len(sentences)} corpus sentences, {len(questions)} gold questions, median of")
    print(f"{args.rounds} rounds; reference: ONNX Runtime fp32 (the default). Limit: adopt a runtime only if it is")
    print("faster with recall@10 1.00 (no loss).")
    head = f"{'batch 32 /s':>11s} {'batch 1 /s':>10s} {'cos min':>8s} {'cos mean':>8s} {'recall@10':>9s}"
    print(f"{'runtime':22s} {head}")
    for name in models:
        cosine = (vectors[name] * reference).sum(axis=1)
        recall = recall_at(ref_scores, asked[name] @ vectors[name].T)
        fast, one = statistics.median(batched[name]), statistics.median(single[name])
        print(f"{name:22s} {fast:11.0f} {one:10.0f} {cosine.min():8.5f} {cosine.mean():8.5f} {recall:9.3f}")
        record("runtimes", f"{name}: sentences/s at batch 32", fast, "/s", "onnx fp32 in the same run")
        record("runtimes", f"{name}: min cosine to onnx fp32", float(cosine.min()), "", "")
        record("runtimes", f"{name}: recall@10 vs onnx fp32", recall, "", "1.00")


if __name__ == "__main__":
    main()
