"""All settings in one object, read from CIELO_* environment variables and passed down explicitly."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

VALID_SIZES = ("720x1280", "1280x720", "1024x1792", "1792x1024", "1080x1920", "1920x1080")
VALID_SECONDS = ("4", "8", "12", "16", "20")
# OpenAI's dated snapshots of its models, accepted as the models they snapshot (and so as their aliases).
DATED_MODEL_NAMES = {"sora-2-2025-10-06": "sora-2", "sora-2-2025-12-08": "sora-2",
                     "sora-2-pro-2025-10-06": "sora-2-pro"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CIELO_", extra="ignore")

    home: Path = Field(Path(".cielo"), description="Data folder: database file, media, keys.")
    database_url: str | None = Field(
        None, description="SQLAlchemy async URL; default sqlite+aiosqlite:///$CIELO_HOME/cielo.db"
    )
    media_dir: Path | None = Field(None, description="Local media folder; default $CIELO_HOME/media")
    media_url: str | None = Field(
        None, pattern=r"^s3://[^/]+(/.*)?$", description="s3://bucket/prefix: media in S3 or any S3-compatible "
        "service (AWS_ENDPOINT_URL and the AWS keys from the environment); unset = the local media folder.")
    media_redirect: bool = Field(
        False, description="With S3 media, answer downloads with a redirect to a presigned URL instead of "
        "streaming them through the API.")
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = Field(None, description="Base URL printed and used in links.")
    workers: int = Field(2, description="Worker processes started by `cielo serve`.")
    shutdown_seconds: float = Field(
        20.0, gt=0, description="On SIGTERM/SIGINT/SIGHUP: time to drain requests, hand jobs back and stop workers.")
    log_format: str = Field("text", pattern="^(text|json)$", description="text, or json: one JSON object a line.")

    metrics_token: str | None = Field(
        None, description="Bearer token Prometheus sends to GET /metrics; unset = no metrics endpoint.")
    worker_models: list[str] = Field(
        default_factory=list, description="Models this host's workers render (`cielo worker --models`); "
        "empty = every model. A GPU host takes the neural models, a CPU host the preview engine.")

    # accounts
    invites_per_user: int = 4
    signup_wait_target_seconds: float = Field(
        0.0, ge=0, description="Invite waves: while the p95 queue wait of the last hour is over this many "
        "seconds, invites cannot be redeemed (new accounts wait); 0 = never paused.")
    invite_ttl_days: int = 30
    allowed_countries: list[str] = Field(
        default_factory=list, description="ISO country codes allowed to sign up and generate; empty = all."
    )
    trusted_proxy_header: str | None = Field(
        None, description="Header carrying the client's country (e.g. CF-IPCountry) set by a trusted proxy."
    )
    trusted_proxies: list[str] = Field(
        default_factory=list, description="Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For "
        "and X-Forwarded-Proto are believed; empty = none (the peer address is the client).")
    minimum_age: int = 13
    adult_age: int = 18
    session_days: int = 30
    secure_cookies: bool = Field(
        False, description="Mark cookies Secure; they are whenever CIELO_PUBLIC_URL is https, whatever this says.")
    login_max_failures: int = Field(5, description="Failed sign-ins for one handle from one address before a lock.")
    login_max_failures_per_client: int = Field(
        50, description="Failed sign-ins from one address, whatever the handles, before it is locked.")
    login_lockout_seconds: int = 900

    # generation limits
    daily_quota: int = Field(30, description="Videos a user may create per UTC day.")
    max_concurrent_jobs: int = Field(2, description="Jobs of one user rendering at the same time.")
    max_queued_jobs: int = Field(20, description="Jobs of one user waiting or running; beyond it 429.")
    max_prompt_chars: int = Field(32_000, description="Longest prompt (OpenAI's API takes long prompts too).")
    max_upload_bytes: int = 20 * 1024 * 1024
    header_timeout_seconds: float = Field(
        10.0, gt=0, description="A client must send a request's line and headers whole within this time.")
    body_idle_seconds: float = Field(
        30.0, gt=0, description="A request body that stops arriving this long mid-way is answered 408.")
    max_total_seconds: int = Field(120, description="Longest video an extension chain may reach.")
    video_ttl_days: int = Field(30, ge=0, description="Days a finished video's downloads last (its expires_at); "
                                "0 = forever.")
    expire_published: bool = Field(False, description="Expire published videos' downloads too (otherwise they "
                                   "last while published).")
    default_model: str = "cielo-preview"
    model_aliases: dict[str, str] = Field(
        default_factory=lambda: {"sora-2": "cielo-preview", "sora-2-pro": "cielo-preview"}
    )

    # jobs
    lease_seconds: float = Field(30.0, description="A worker that misses heartbeats this long loses its job.")
    max_attempts: int = 3
    poll_after_ms: int = 1000
    worker_idle_sleep: float = Field(2.0, gt=0, description="How often an idle worker looks for work no signal "
                                     "announced (a lease that expired); a new job wakes it at once.")

    # webhooks
    webhook_max_attempts: int = 6
    webhook_backoff_seconds: float = 5.0
    webhook_timeout_seconds: float = Field(10.0, gt=0, description="One delivery attempt, connection included.")
    webhook_allow_http: bool = Field(False, description="Accept http:// webhook URLs (https only otherwise).")
    webhook_allowed_hosts: list[str] = Field(
        default_factory=list, description="Host names or CIDR ranges webhooks may reach although private or "
        "local (e.g. an internal service); everything else must resolve to public addresses only.")
    webhook_max_endpoints: int = Field(10, ge=0, description="Webhook endpoints one user may register.")
    webhook_concurrency: int = Field(16, ge=1, description="Deliveries in flight at once (one per endpoint).")

    # social
    max_caption_chars: int = 500
    max_comment_chars: int = 500
    max_bio_chars: int = 300
    likes_per_minute: int = Field(60, description="Likes and unlikes one user may make per minute.")
    comments_per_minute: int = Field(10, description="Comments one user may post per minute.")
    follows_per_minute: int = Field(30, description="Follows and unfollows one user may make per minute.")
    teen_daily_feed_videos: int = Field(60, description="Feed videos a teen is served per UTC day.")
    feed_page_size: int = 8
    feed_candidates: int = Field(100, description="Best unseen posts by 'hot' the 'For you' ranking scores per page.")
    feed_embeddings: bool = Field(True, description="Embed captions and prompts so the feed can be steered.")
    share_requires_sign_in: bool = Field(
        False, description="Share links of published videos play only for signed-in people (no public page).")

    # neural engines
    models_file: Path | None = Field(
        None, description="Model registry (TOML or JSON); default $CIELO_HOME/models.toml when it exists."
    )
    models_dir: Path | None = Field(
        None, description="Folder where built-in models look for their weights; default $CIELO_HOME/models."
    )
    loras_dir: Path | None = Field(
        None, description="Trained LoRA adapters, per model and cameo; default $CIELO_HOME/loras."
    )
    lora_steps: int = Field(400, ge=1, le=100_000, description="Optimisation steps of a likeness (LoRA) training.")
    lora_rank: int = Field(16, ge=1, le=256, description="Rank of a likeness adapter.")
    lora_learning_rate: float = Field(1e-4, gt=0, description="AdamW learning rate of a likeness training.")
    speech_model: str | None = Field(
        None, description="Registry speech model (kind csm) that speaks dialogue in cameo voices for the preview "
        "engine and video-only models; unset: espeak-ng.")
    engine_memory_budget_gb: float = Field(
        0.0, description="Weights one worker keeps loaded (LRU); 0 = auto: the GPU's memory, or half the RAM."
    )

    # safety
    moderation_enabled: bool = Field(True, description="Check prompts and outputs against the policies.")
    moderation_classifier: bool = Field(True, description="Use the MiniLM classifier beside the rules.")
    frame_moderation: bool = Field(True, description="Run NudeNet on sampled frames of every output.")
    allow_missing_safety: bool = Field(
        False, description="Let workers render while a safety part (classifier, frame check, marks, C2PA) is "
        "missing; shown on /healthz and in each video's metadata. Off: workers refuse to start.")
    public_figures_file: Path | None = Field(None, description="JSON list of extra protected people.")
    invisible_watermark_every: int = Field(12, description="Embed the invisible mark in every Nth frame.")
    invisible_watermark_strength: float = Field(
        96.0, description="Quantisation step of the invisible mark: 96 survives H.264, JPEG q75 and half size "
        "(PSNR ~34 dB); the library default 64 loses half size. Marks are read with the same value.")
    c2pa_cert_chain: Path | None = Field(None, description="PEM signer chain; default: a local CA in $CIELO_HOME/keys.")
    c2pa_private_key: Path | None = Field(None, description="PEM private key of the signer.")
    c2pa_trust_anchors: Path | None = Field(None, description="PEM CA certificates verifiers should trust.")

    # cameos
    cameo_max_per_video: int = Field(2, description="Cameos (people and characters) one video may use.")
    cameo_clip_min_seconds: float = 3.0
    cameo_clip_max_seconds: float = 10.0
    cameo_clip_frames: int = Field(12, description="Frames sampled from a cameo clip for face analysis.")
    cameo_match_threshold: float = Field(
        0.6, description="Face-embedding distance under which two faces are the same person (impersonation checks)."
    )
    cameo_voice_match_threshold: float | None = Field(
        None, description="Voiceprint distance under which two recordings are the same voice (impersonation "
        "checks); unset: cielo.likeness.voiceprint's measured default.")
    cameo_challenge_seconds: int = Field(600, description="How long a liveness challenge may be answered.")
    cameo_challenge_digits: int = 4
    cameo_max_restrictions: int = 10
    cameo_max_restriction_chars: int = 200
    cameo_restriction_similarity: float = Field(
        0.32, description="MiniLM cosine similarity between a restriction's topic and a prompt that breaks it."
    )

    @cached_property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite+aiosqlite:///{(self.home / 'cielo.db').resolve()}"

    @cached_property
    def resolved_media_dir(self) -> Path:
        return (self.media_dir or self.home / "media").resolve()

    @property
    def cookies_secure(self) -> bool:
        return self.secure_cookies or (self.public_url or "").lower().startswith("https://")

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    def resolve_model(self, requested: str | None) -> str:
        name = requested or self.default_model
        name = DATED_MODEL_NAMES.get(name, name)
        return self.model_aliases.get(name, name)

    def alias_names(self) -> dict[str, str]:
        """Every name accepted for another model (the operator's aliases and OpenAI's dated snapshots), and
        the model it resolves to."""
        return {name: self.resolve_model(name) for name in [*self.model_aliases, *DATED_MODEL_NAMES]}
