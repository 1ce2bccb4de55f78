from pathlib import Path

import pytest

from briefing.engines import prompts


@pytest.mark.parametrize("name", sorted(prompts.VARIABLES))
def test_every_prompt_renders_with_its_variables(name: str) -> None:
    values = {v: f"<{v}>" for v in prompts.VARIABLES[name]}
    text = prompts.render(name, **values)
    for value in values.values():
        assert value in text
    assert "{" not in text.replace("{{", "")


def test_answer_prompt_states_the_rules() -> None:
    system = prompts.render("answer_system", max_sentences=3).lower()
    assert "only" in system and "cite" in system.replace("citation", "cite")
    assert "not instructions" in system
    assert "don't cover" in system


@pytest.mark.parametrize(
    ("values", "match"),
    [({"question": "q"}, "missing"), ({"question": "q", "sources": "s", "focus": "", "extra": 1}, "unexpected")],
)
def test_render_refuses_wrong_variables(values: dict, match: str) -> None:
    with pytest.raises(prompts.PromptError, match=match):
        prompts.render("answer_user", **values)


def test_a_prompt_file_that_drifts_fails_to_load(tmp_path: Path) -> None:
    (tmp_path / "answer_user.md").write_text("Question: {question} {surprise}")
    with pytest.raises(prompts.PromptError, match="expected"):
        prompts.load("answer_user", tmp_path)


def test_unknown_prompt() -> None:
    with pytest.raises(prompts.PromptError, match="unknown prompt"):
        prompts.load("nope")
