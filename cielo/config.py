"""All settings in one object, read from CIELO_* environment variables and passed down explicitly."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

VALID_SIZES = ("720x1280", "1280x720", "1024x1792", "1792x1024", "1080x1920", "1920x1080")
VALID_SECONDS = ("4", "8", "12", "16", "20")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CIELO_", extra="ignore")

    home: Path = Field(Path(".cielo"), description="Data folder: database file, media, keys.")
    database_url: str | None = Field(
        None, description="SQLAlchemy async URL; default sqlite+aiosqlite:///$CIELO_HOME/cielo.db"
    )
    media_dir: Path | None = Field(None, description="Local media folder; default $CIELO_HOME/media")
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = Field(None, description="Base URL printed and used in links.")
    workers: int = Field(2, description="Worker processes started by `cielo serve`.")

    # accounts
    invites_per_user: int = 4
    invite_ttl_days: int = 30
    allowed_countries: list[str] = Field(
        default_factory=list, description="ISO country codes allowed to sign up and generate; empty = all."
    )
    trusted_proxy_header: str | None = Field(
        None, description="Header carrying the client's country (e.g. CF-IPCountry) set by a trusted proxy."
    )
    minimum_age: int = 13
    adult_age: int = 18
    session_days: int = 30
    secure_cookies: bool = Field(False, description="Mark cookies Secure (set true behind HTTPS).")
    login_max_failures: int = 5
    login_lockout_seconds: int = 900

    # generation limits
    daily_quota: int = Field(30, description="Videos a user may create per UTC day.")
    max_concurrent_jobs: int = Field(2, description="Jobs of one user rendering at the same time.")
    max_queued_jobs: int = Field(20, description="Jobs of one user waiting or running; beyond it 429.")
    max_prompt_chars: int = 4000
    max_upload_bytes: int = 20 * 1024 * 1024
    max_total_seconds: int = Field(120, description="Longest video an extension chain may reach.")
    video_ttl_days: int = Field(30, description="expires_at of downloadable assets.")
    default_model: str = "cielo-preview"
    model_aliases: dict[str, str] = Field(
        default_factory=lambda: {"sora-2": "cielo-preview", "sora-2-pro": "cielo-preview"}
    )

    # jobs
    lease_seconds: float = Field(30.0, description="A worker that misses heartbeats this long loses its job.")
    max_attempts: int = 3
    poll_after_ms: int = 1000
    worker_idle_sleep: float = 0.5

    # webhooks
    webhook_max_attempts: int = 6
    webhook_backoff_seconds: float = 5.0
    webhook_timeout_seconds: float = 10.0

    @cached_property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{(self.home / 'cielo.db').resolve()}"

    @cached_property
    def resolved_media_dir(self) -> Path:
        return (self.media_dir or self.home / "media").resolve()

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    def resolve_model(self, requested: str | None) -> str:
        name = requested or self.default_model
        return self.model_aliases.get(name, name)
