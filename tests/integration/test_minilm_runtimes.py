"""MiniLM in ONNX Runtime (the default), in torch and (when installed) in OpenVINO at f32 give the same vectors,
and a question is answered without torch, Gradio, LangChain's chat models or llama.cpp ever loading."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from briefing.config import Settings
from briefing.models.minilm import OnnxMiniLM, TorchMiniLM, export, onnx_path
from tests.conftest import ROOT, SEED

LONG = " ".join(SEED.read_text(encoding="utf-8").split()[:700])  # far past the model's 256 tokens
TEXTS = [
    "How many troops has Russia stationed near Ukraine?",
    SEED.read_text(encoding="utf-8")[:800],
    LONG,
    "",
    "ok",
    "Ünïcödé — “quotes”, emoji 😀 and the Kyiv–Moscow line",
    *(line for line in (ROOT / "tests" / "data" / "port_strike.jsonl").read_text("utf-8").splitlines()[:6]),
]


def test_the_onnx_runtime_gives_the_torch_vectors(minilm: OnnxMiniLM) -> None:
    torch_vectors = TorchMiniLM(batch_size=4).encode(TEXTS)  # batches of mixed lengths, padded
    together = minilm.encode(TEXTS)
    alone = np.stack([minilm.encode([t])[0] for t in TEXTS])  # unpadded
    for vectors in (together, alone):
        cosine = (vectors * torch_vectors).sum(axis=1)
        assert cosine.min() > 0.99999, cosine
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_the_onnx_file_is_made_once_where_the_settings_say(tmp_path: Path) -> None:
    path = onnx_path(tmp_path / "cache")
    assert not path.exists()
    OnnxMiniLM(tmp_path / "cache")  # made on first use
    made = path.stat().st_mtime_ns
    OnnxMiniLM(tmp_path / "cache")
    assert path.stat().st_mtime_ns == made and not list(path.parent.glob("*.tmp"))
    assert export(tmp_path / "again.onnx").stat().st_size == path.stat().st_size


class OpenVinoSession:
    """OpenVINO behind ONNX Runtime's `run(None, feeds)`, so `OnnxMiniLM.encode` drives it unchanged."""

    def __init__(self, path: Path, config: dict[str, str]) -> None:
        import openvino

        core = openvino.Core()
        self.request = core.compile_model(core.read_model(str(path)), "CPU", config).create_infer_request()

    def run(self, _: object, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
        return [self.request.infer(feeds)[0].copy()]


def test_openvino_at_f32_reads_the_onnx_file_to_the_same_vectors(minilm: OnnxMiniLM) -> None:
    """The survey's OpenVINO column (bench/bench_runtimes.py); its default precision is bf16 on CPUs that have
    it, whose vectors differ a little (cosine 0.9999), so f32 is asked for. Skipped without openvino."""
    pytest.importorskip("openvino")
    cache = Settings().cache_dir
    openvino = OnnxMiniLM(cache, batch_size=4)
    openvino._session = OpenVinoSession(onnx_path(cache), {"INFERENCE_PRECISION_HINT": "f32"})
    for vectors in (openvino.encode(TEXTS), np.stack([openvino.encode([t])[0] for t in TEXTS])):
        cosine = (vectors * minilm.encode(TEXTS)).sum(axis=1)
        assert cosine.min() > 0.99999, cosine


ASK = """
import json, sys
import briefing
answer = briefing.ask("How many troops has Russia stationed near the Ukrainian border?")
heavy = ["torch", "sentence_transformers", "transformers", "gradio", "langchain_openai", "llama_cpp",
         "matplotlib", "fpdf", "docx"]
print(json.dumps({"abstained": answer.abstained, "text": answer.text,
                  "loaded": [m for m in heavy if m in sys.modules]}))
"""


@pytest.mark.parametrize("runtime", ["onnx", "torch"])
def test_a_question_is_answered_without_loading_what_it_does_not_need(tmp_path: Path, runtime: str) -> None:
    env = {**os.environ, "BRIEFING_STORE_DIR": str(tmp_path / "store"), "BRIEFING_MINILM_RUNTIME": runtime}
    cli = [sys.executable, "-m", "briefing.cli"]
    subprocess.run([*cli, "ingest", str(SEED)], env=env, check=True, capture_output=True)
    done = subprocess.run([sys.executable, "-c", ASK], env=env, check=True, capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert not result["abstained"] and "troops" in result["text"]
    if runtime == "onnx":
        assert result["loaded"] == []
    else:  # the switch is real: torch runs the model
        assert "torch" in result["loaded"] and "gradio" not in result["loaded"]
