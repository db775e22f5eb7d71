"""safety: reports, audit log, fingerprints, takedowns and bans

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("banned_at", sa.Float(), nullable=True))
    with op.batch_alter_table("videos") as batch:
        batch.add_column(sa.Column("taken_down_at", sa.Float(), nullable=True))
    op.create_table(
        "reports",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("reporter_id", sa.String(40), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("target_type", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(40), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("resolved_by_id", sa.String(40), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("resolved_at", sa.Float(), nullable=True),
        sa.Column("resolution", sa.String(40), nullable=True),
    )
    op.create_index("ix_reports_reporter_id", "reports", ["reporter_id"])
    op.create_index("ix_reports_status_created", "reports", ["status", "created_at"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("actor_id", sa.String(40), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target_type", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(40), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_audit_log_created_at", "audit_log", ["created_at"])
    op.create_table(
        "video_fingerprints",
        sa.Column("video_id", sa.String(40), sa.ForeignKey("videos.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("hashes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("video_fingerprints")
    op.drop_index("ix_audit_log_created_at", "audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_reports_status_created", "reports")
    op.drop_index("ix_reports_reporter_id", "reports")
    op.drop_table("reports")
    with op.batch_alter_table("videos") as batch:
        batch.drop_column("taken_down_at")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("banned_at")
