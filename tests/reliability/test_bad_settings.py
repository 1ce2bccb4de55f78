"""Every setting given a bad value: not a number (`nan`), infinite, negative, garbage, the wrong type (a list),
a URL cut short, a path to a file. Each is either refused when the settings are read, by `error: bad setting:
VARIABLE...` and exit code 2, naming the values it can take, or taken and used without a traceback. A number
is never taken unless finite and in its range; a URL must parse; a store folder must not be a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import briefing
from briefing.cli import cli
from briefing.config import Settings, get_settings
from briefing.config_errors import variable
from briefing.errors import SettingsError
from tests.conftest import SEED

QUESTION = "Where is Russia's 41st army stationed?"
BASE = {"BRIEFING_EMBEDDER": "words", "BRIEFING_ENGINE": "extractive", "BRIEFING_PROGRESS": "false"}


def bad_values(a_file: Path) -> list[str]:
    return ["nan", "inf", "-1", "garbage value!", "[1, 2]", "http://[::1", str(a_file)]


@dataclass
class Run:
    variable: str
    value: str
    command: str
    exit_code: int
    output: str
    crashed: BaseException | None  # an exception the command did not turn into a message: a traceback


def walk(folder: Path) -> list[Run]:
    """Each setting × each bad value, through `ingest`, `ask` and `doctor` (a command stops at the first
    that refuses the settings)."""
    store = folder / "store"
    a_file = folder / "a-file.txt"
    a_file.write_text("Ministers met in Riga on Tuesday to discuss grain corridors. They agreed to meet in May.")
    runner = CliRunner()
    base = {**BASE, "BRIEFING_STORE_DIR": str(store)}
    assert runner.invoke(cli, ["ingest", str(SEED)], env=base).exit_code == 0
    runs = []
    for name in Settings.model_fields:
        for value in bad_values(a_file):
            env = {**base, variable(name): value}
            if name == "openai_base_url":
                del env["BRIEFING_ENGINE"]  # `auto`: the URL chooses the `openai` engine
            for command in (["ingest", str(a_file)], ["ask", QUESTION], ["doctor"]):
                done = runner.invoke(cli, command, env=env)
                crashed = None if isinstance(done.exception, SystemExit | None) else done.exception
                runs.append(Run(variable(name), value, command[0], done.exit_code, done.output, crashed))
                if done.exit_code == 2 and "bad setting" in done.output:
                    break
    return runs


def test_no_bad_setting_gives_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a relative store folder ("nan") is made here
    runs = walk(tmp_path)
    crashes = [f"{r.variable}={r.value!r} {r.command}: {r.crashed!r}" for r in runs if r.crashed]
    assert not crashes, f"{len(crashes)} tracebacks of {len(runs)} runs:\n" + "\n".join(crashes)
    assert len({(r.variable, r.value) for r in runs}) == len(Settings.model_fields) * 7
    for r in runs:
        assert r.exit_code in (0, 1, 2), (r.variable, r.value, r.command, r.output)
        if "bad setting" in r.output:
            assert r.exit_code == 2 and f"bad setting: {r.variable}" in r.output, r.output
            assert "Traceback" not in r.output and "errors.pydantic.dev" not in r.output


@pytest.mark.parametrize("name", [n for n, f in Settings.model_fields.items() if f.annotation in (int, float)])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "1e309", "garbage", "[1, 2]"])
def test_a_number_is_finite_and_in_its_range(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    done = CliRunner().invoke(cli, ["stats"], env={**BASE, variable(name): value})
    assert done.exit_code == 2, done.output
    assert done.output.startswith(f"error: bad setting: {variable(name)}={value!r}")
    assert "allowed: a " in done.output  # "a whole number from 1 to 50", "a finite number above 0 ..."


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("BRIEFING_LOCK_TIMEOUT", "inf", "a finite number above 0 and at most 604,800"),
        ("BRIEFING_MAX_FILE_MB", "inf", "a finite number above 0 and at most 1,000,000"),
        ("BRIEFING_LLM_TIMEOUT", "inf", "a finite number above 0 and at most 86,400"),
        ("BRIEFING_MIN_RELEVANCE", "nan", "a finite number from 0 to 1"),
        ("BRIEFING_TOP_K", "nan", "a whole number from 1 to 50"),
        ("CHROMA_PORT", "70000", "a whole number from 1 to 65,535"),
        ("OPENAI_BASE_URL", "http://[::1", "not a URL"),
        ("OPENAI_BASE_URL", "http://127.0.0.1:99999/v1", "not a URL"),
        ("OPENAI_BASE_URL", "127.0.0.1:8080/v1", "give an http(s) URL"),
        ("CHROMA_HOST", "http://10.0.0.5:8000", "give a host name or address only"),
        ("BRIEFING_AUTH", "nobody", "give user:password pairs"),
        ("BRIEFING_CHUNK_OVERLAP", "900", "must be smaller than BRIEFING_CHUNK_SIZE (800)"),
        ("BRIEFING_COLLECTION", "-x", "cannot name a collection: use 3-200"),
        ("BRIEFING_PROGRESS", "maybe", "true or false"),
        ("BRIEFING_MINILM_RUNTIME", "gpu", "one of onnx, torch"),
    ],
)
def test_the_issues_bad_settings_are_named_with_what_they_can_be(name: str, value: str, says: str) -> None:
    done = CliRunner().invoke(cli, ["ask", QUESTION], env={**BASE, name: value})
    assert done.exit_code == 2 and done.exception is not None and isinstance(done.exception, SystemExit)
    assert done.output.startswith("error: bad setting: ") and name in done.output and says in done.output
    assert "\n" not in done.output.strip()  # one line, not pydantic's report


def test_a_store_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    a_file = tmp_path / "store"
    a_file.write_text("not a folder")
    for command in (["ingest", str(SEED)], ["ask", QUESTION], ["doctor"], ["stats"]):
        done = CliRunner().invoke(cli, command, env={**BASE, "BRIEFING_STORE_DIR": str(a_file)})
        assert done.exit_code == 2 and f"{a_file} is a file; give a folder" in done.output, done.output
    assert CliRunner().invoke(cli, ["--store", str(a_file), "stats"], env=BASE).exit_code == 2


def test_python_and_the_page_get_the_same_plain_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_MIN_RELEVANCE", "nan")
    with pytest.raises(SettingsError, match=r"BRIEFING_MIN_RELEVANCE='nan'.*from 0 to 1"):
        briefing.ask(QUESTION)
    with pytest.raises(briefing.BriefingError, match="BRIEFING_MIN_RELEVANCE"):
        briefing.Runtime()
    with pytest.raises(ValueError, match="temperature"):
        Settings(temperature=float("nan"))
    with pytest.raises(SettingsError, match=r"BRIEFING_TEMPERATURE='nan'.*from 0 to 2"):
        get_settings(temperature=float("nan"))


def test_an_empty_variable_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BRIEFING_TOP_K", "OPENAI_BASE_URL", "BRIEFING_STORE_DIR", "OPENAI_API_KEY", "BRIEFING_AUTH"):
        monkeypatch.setenv(name, "")
    settings = Settings()
    assert settings.top_k == 6 and settings.openai_base_url is None and settings.store_dir == Path("vectorstore")
    assert settings.openai_api_key is None and settings.auth is None
