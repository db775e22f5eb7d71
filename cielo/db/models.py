"""The database schema. Times are Unix seconds (floats) so SQLite and PostgreSQL behave the same."""

from __future__ import annotations

import time

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, text, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def now() -> float:
    return time.time()


class Base(DeclarativeBase):
    pass


class LeasedJob:
    """The columns of every job workers lease (videos, likeness trainings), one definition for all, driven by
    cielo.jobs.lease: queued -> in_progress -> completed | failed | cancelled."""

    status: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    stage: Mapped[str | None] = mapped_column(String(60))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(120))  # host:pid:random of the worker holding it
    lease_expires_at: Mapped[float | None] = mapped_column(Float)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[float | None] = mapped_column(Float)  # first claim
    completed_at: Mapped[float | None] = mapped_column(Float)
    error_code: Mapped[str | None] = mapped_column(String(60))
    error_message: Mapped[str | None] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    handle: Mapped[str] = mapped_column(String(30))
    # Handles are unique ignoring case; the lower-cased copy carries the unique index.
    handle_key: Mapped[str] = mapped_column(String(30), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    birthdate: Mapped[object | None] = mapped_column(Date)
    is_teen: Mapped[bool] = mapped_column(Boolean, default=False)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    invited_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    country: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[float] = mapped_column(Float, default=now)
    # The dispatcher serves the user it served longest ago first (round-robin across users).
    last_dispatched_at: Mapped[float] = mapped_column(Float, default=0.0)
    bio: Mapped[str | None] = mapped_column(Text)
    avatar_key: Mapped[str | None] = mapped_column(String(200))
    banned_at: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str | None] = mapped_column(String(8))  # picked for the pages; None: the browser's


class Invite(Base):
    __tablename__ = "invites"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[float] = mapped_column(Float, default=now)
    expires_at: Mapped[float] = mapped_column(Float)
    used_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    used_at: Mapped[float | None] = mapped_column(Float)


class WebSession(Base):
    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[float] = mapped_column(Float, default=now)
    expires_at: Mapped[float] = mapped_column(Float)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[float] = mapped_column(Float, default=now)
    last_used_at: Mapped[float | None] = mapped_column(Float)
    revoked_at: Mapped[float | None] = mapped_column(Float)


class LoginThrottle(Base):
    """Failed sign-ins per key (handle or client address) inside a sliding window."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[float] = mapped_column(Float, default=now)
    locked_until: Mapped[float] = mapped_column(Float, default=0.0)


class Video(LeasedJob, Base):
    """A video is also its generation job: this row is the job's only source of truth."""

    __tablename__ = "videos"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    model: Mapped[str] = mapped_column(String(80))
    prompt: Mapped[str] = mapped_column(Text)
    seconds: Mapped[str] = mapped_column(String(8))
    size: Mapped[str] = mapped_column(String(16))
    seed: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(16), default="generate")
    source_video_id: Mapped[str | None] = mapped_column(String(40))
    remixed_from_video_id: Mapped[str | None] = mapped_column(String(40))
    input_reference_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[float] = mapped_column(Float, default=now)
    expires_at: Mapped[float | None] = mapped_column(Float)
    # outputs
    video_key: Mapped[str | None] = mapped_column(String(200))
    thumbnail_key: Mapped[str | None] = mapped_column(String(200))
    spritesheet_key: Mapped[str | None] = mapped_column(String(200))
    spec: Mapped[dict | None] = mapped_column(JSON)  # the job (cielo.videos.spec.VideoSpec), written once
    details: Mapped[dict | None] = mapped_column(JSON)  # its outputs: generation metadata, safety report
    # Deleted rows stay (hidden) so the daily quota cannot be dodged by deleting.
    deleted_at: Mapped[float | None] = mapped_column(Float)
    # A moderator took it down: gone from feeds and downloads, kept for the audit trail.
    taken_down_at: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (
        Index("ix_videos_status_created", "status", "created_at"),
        Index("ix_videos_user_created", "user_id", "created_at"),
    )


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(80))
    events: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[float] = mapped_column(Float, default=now)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    endpoint_id: Mapped[str] = mapped_column(ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True)
    event_type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | succeeded | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[float] = mapped_column(Float, default=now)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[float] = mapped_column(Float, default=now)
    delivered_at: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),)


# --- social ---
# A video is the post: a post row exists once a video is first published and shares the video's id.
# Counters are denormalised onto the post so the feed never counts rows; `hot` is the stored ranking key
# (recency plus log engagement) the "For you" candidate query walks through its index.
_LIVE_POSTS = "published_at IS NOT NULL AND taken_down_at IS NULL"


class Post(Base):
    __tablename__ = "posts"

    video_id: Mapped[str] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    caption: Mapped[str] = mapped_column(Text, default="")
    show_prompt: Mapped[bool] = mapped_column(Boolean, default=False)
    # Null while unpublished (back in drafts); likes and comments survive an unpublish.
    published_at: Mapped[float | None] = mapped_column(Float)
    first_published_at: Mapped[float] = mapped_column(Float, default=now)
    taken_down_at: Mapped[float | None] = mapped_column(Float)
    remix_of_id: Mapped[str | None] = mapped_column(String(40))
    like_count: Mapped[int] = mapped_column(Integer, default=0)
    comment_count: Mapped[int] = mapped_column(Integer, default=0)
    remix_count: Mapped[int] = mapped_column(Integer, default=0)
    hot: Mapped[float] = mapped_column(Float, default=0.0)
    # all-MiniLM-L6-v2 embedding of caption + prompt, float16, for steering the feed in words.
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The caption and, when shown, the prompt: what search finds a post by (cielo.social.search).
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")

    __table_args__ = (
        Index("ix_posts_hot_live", "hot", postgresql_where=text(_LIVE_POSTS), sqlite_where=text(_LIVE_POSTS)),
        Index("ix_posts_user_published", "user_id", "published_at"),
        Index("ix_posts_published", "published_at", "video_id"),
        Index("ix_posts_remix_of", "remix_of_id"),
    )


class Follow(Base):
    __tablename__ = "follows"

    follower_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    followee_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (Index("ix_follows_followee", "followee_id", "created_at"),)


class Block(Base):
    __tablename__ = "blocks"

    blocker_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    blocked_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (Index("ix_blocks_blocked", "blocked_id"),)


class Like(Base):
    __tablename__ = "likes"

    video_id: Mapped[str] = mapped_column(ForeignKey("posts.video_id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (Index("ix_likes_user", "user_id", "created_at"),)


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    video_id: Mapped[str] = mapped_column(ForeignKey("posts.video_id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # Replies are one level deep: parent_id always names a top-level comment.
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (
        Index("ix_comments_video", "video_id", "parent_id", "created_at"),
        Index("ix_comments_parent", "parent_id"),
        Index("ix_comments_user", "user_id", "created_at"),
    )


class Notification(Base):
    __tablename__ = "notifications"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))  # who is told
    actor_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))  # who did it
    kind: Mapped[str] = mapped_column(String(16))  # like | comment | reply | follow | remix
    video_id: Mapped[str | None] = mapped_column(String(40))
    comment_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[float] = mapped_column(Float, default=now)
    read_at: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (
        Index("ix_notifications_user_created", "user_id", "created_at"),
        Index("ix_notifications_unread", "user_id", postgresql_where=text("read_at IS NULL"),
              sqlite_where=text("read_at IS NULL")),
        Index("ix_notifications_video", "video_id"),
    )


class FeedSeen(Base):
    """Videos a user watched (the page reports an impression): "For you" shows them again only once the
    unseen ones run out."""

    __tablename__ = "feed_seen"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    video_id: Mapped[str] = mapped_column(ForeignKey("posts.video_id", ondelete="CASCADE"), primary_key=True)
    seen_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (Index("ix_feed_seen_user_time", "user_id", "seen_at"),)


class FeedServed(Base):
    """What the current "For you" session showed, so its pages never repeat (served_at >= its start)."""

    __tablename__ = "feed_served"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    video_id: Mapped[str] = mapped_column(ForeignKey("posts.video_id", ondelete="CASCADE"), primary_key=True)
    served_at: Mapped[float] = mapped_column(Float, default=now)


class FeedPreference(Base):
    """A user's steering instruction ("more animals, less sports") and its embedded directions."""

    __tablename__ = "feed_preferences"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    instruction: Mapped[str] = mapped_column(Text)
    terms: Mapped[dict] = mapped_column(JSON)  # {"more": [...], "less": [...]}
    more_vector: Mapped[bytes | None] = mapped_column(LargeBinary)
    less_vector: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[float] = mapped_column(Float, default=now)


class ActionCounter(Base):
    """Fixed-window counters behind the like, comment and follow rate limits."""

    __tablename__ = "action_counters"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    window_start: Mapped[float] = mapped_column(Float)
    count: Mapped[int] = mapped_column(Integer, default=0)


# --- safety ---
class Report(Base):
    """Someone reported a video, a comment or a user; moderators resolve it from the admin queue."""

    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    reporter_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target_type: Mapped[str] = mapped_column(String(16))  # video | comment | user
    target_id: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(40))
    details: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | dismissed | actioned
    created_at: Mapped[float] = mapped_column(Float, default=now)
    resolved_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[float | None] = mapped_column(Float)
    resolution: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (Index("ix_reports_status_created", "status", "created_at"),)


class AuditEntry(Base):
    """Every moderation action, who took it and on what; never edited or deleted."""

    __tablename__ = "audit_log"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(40))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[float] = mapped_column(Float, default=now, index=True)


class VideoFingerprint(Base):
    """Perceptual hashes of a video's keyframes, for the reverse search behind /v1/provenance/check."""

    __tablename__ = "video_fingerprints"

    video_id: Mapped[str] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"), primary_key=True)
    hashes: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[float] = mapped_column(Float, default=now)


# --- cameos ---
# A cameo is a likeness someone may appear with in videos: a person (from a live clip) or a character (a pet,
# an object). Its likeness data (embedding here, reference crops and voice in the media store) goes when the
# cameo is deleted; the rows below go with it.
_PERSON_CAMEO = "kind = 'person'"


class Cameo(Base):
    __tablename__ = "cameos"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # person | character
    # A person's cameo answers to its owner's handle; a character's is "owner.name" (no user handle has a dot).
    handle: Mapped[str] = mapped_column(String(64))
    handle_key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    permission: Mapped[str] = mapped_column(String(16), default="only_me")  # only_me | approved | mutuals | everyone
    restrictions: Mapped[list] = mapped_column(JSON, default=list)  # owner-written, checked against prompts
    voice: Mapped[str | None] = mapped_column(String(40))  # espeak-ng voice id, e.g. "en+f3/p60"
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)  # 128 float32 (dlib), persons only
    face_key: Mapped[str | None] = mapped_column(String(200))  # best reference crop (PNG)
    reference_keys: Mapped[list] = mapped_column(JSON, default=list)
    voice_key: Mapped[str | None] = mapped_column(String(200))  # the clip's audio (WAV)
    # A speech model speaks the cameo's lines from that recording unless the owner turns it off.
    voice_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    voice_transcript: Mapped[str | None] = mapped_column(String(300))  # the words said in the recording
    voiceprint: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32 speaker embedding of the recording
    quality: Mapped[dict | None] = mapped_column(JSON)  # face quality and liveness summary (no likeness)
    created_at: Mapped[float] = mapped_column(Float, default=now)
    updated_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (
        Index("ix_cameos_user", "user_id", "created_at"),
        Index("ix_cameos_one_person", "user_id", unique=True, postgresql_where=text(_PERSON_CAMEO),
              sqlite_where=text(_PERSON_CAMEO)),
    )


class CameoChallenge(Base):
    """The random liveness challenge a person was shown; one clip may answer it, once, before it expires."""

    __tablename__ = "cameo_challenges"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    turns: Mapped[list] = mapped_column(JSON)
    digits: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[float] = mapped_column(Float, default=now)
    expires_at: Mapped[float] = mapped_column(Float)
    used_at: Mapped[float | None] = mapped_column(Float)


class CameoAccess(Base):
    """Someone asked to use a cameo (pending) or its owner approved them (approved)."""

    __tablename__ = "cameo_access"

    cameo_id: Mapped[str] = mapped_column(ForeignKey("cameos.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))  # pending | approved
    created_at: Mapped[float] = mapped_column(Float, default=now)
    decided_at: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (Index("ix_cameo_access_user", "user_id"),)


class CameoUse(Base):
    """A video that uses a cameo: its owner sees (and may delete) every one of them, drafts included."""

    __tablename__ = "cameo_uses"

    cameo_id: Mapped[str] = mapped_column(ForeignKey("cameos.id", ondelete="CASCADE"), primary_key=True)
    video_id: Mapped[str] = mapped_column(ForeignKey("videos.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))  # who made the video
    via: Mapped[str] = mapped_column(String(16))  # mention | character_id | source | reference
    created_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (
        Index("ix_cameo_uses_cameo_created", "cameo_id", "created_at"),
        Index("ix_cameo_uses_video", "video_id"),
    )


class LikenessTraining(LeasedJob, Base):
    """A LoRA training of a cameo's likeness for one model: a job of its own, claimed by workers when no
    video waits, with the same lease and heartbeat rules as a video."""

    __tablename__ = "likeness_trainings"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    cameo_id: Mapped[str] = mapped_column(ForeignKey("cameos.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    model: Mapped[str] = mapped_column(String(64))
    steps: Mapped[int] = mapped_column(Integer)
    initial_loss: Mapped[float | None] = mapped_column(Float)
    final_loss: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (
        Index("ix_likeness_trainings_cameo", "cameo_id", "created_at"),
        Index("ix_likeness_trainings_status", "status", "created_at"),
    )


class ModerationAppeal(Base):
    """Someone pressed "This was wrong" on a refusal: what was refused, the decision, the moderator's call."""

    __tablename__ = "moderation_appeals"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    prompt: Mapped[str] = mapped_column(Text)
    line: Mapped[str | None] = mapped_column(Text)  # the spoken line refused, when it was a line
    profile: Mapped[str] = mapped_column(String(16))  # standard | strict
    policy: Mapped[str] = mapped_column(String(40))
    decision: Mapped[dict] = mapped_column(JSON, default=dict)  # the refusal's machine-readable details
    note: Mapped[str] = mapped_column(Text, default="")
    lang: Mapped[str] = mapped_column(String(8))  # the prompt's language, for the evaluation set
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | allowed | upheld
    # The outcome as labels of the evaluation set (tests/safety/data/README.md), set when resolved.
    label: Mapped[str | None] = mapped_column(String(40))
    strict_label: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[float] = mapped_column(Float, default=now)
    resolved_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (Index("ix_moderation_appeals_status_created", "status", "created_at"),)


class ModerationAllowExample(Base):
    """A prompt moderators allowed on appeal: the classifier treats it (and what is nearly it) as harmless."""

    __tablename__ = "moderation_allow_examples"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    appeal_id: Mapped[str | None] = mapped_column(ForeignKey("moderation_appeals.id", ondelete="SET NULL"))
    added_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[float] = mapped_column(Float, default=now, index=True)
