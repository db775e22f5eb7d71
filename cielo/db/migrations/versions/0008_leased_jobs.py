"""leased jobs share their columns: a video's stage and lease owner as long as a training's

Revision ID: 0008
Revises: 0007

Videos and likeness trainings now take their job columns from one mixin (cielo.db.models.LeasedJob); the
two had drifted: videos.stage String(40) and videos.lease_owner String(80) against the trainings' 60 and 120.
PostgreSQL widens the two columns in place. SQLite does not enforce a VARCHAR's length, so its tables are
left as they are (rebuilding `videos` would copy every row for nothing).
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column('videos', 'stage', type_=sa.String(length=60), existing_type=sa.String(length=40),
                        existing_nullable=True)
        op.alter_column('videos', 'lease_owner', type_=sa.String(length=120), existing_type=sa.String(length=80),
                        existing_nullable=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column('videos', 'lease_owner', type_=sa.String(length=80), existing_type=sa.String(length=120),
                        existing_nullable=True)
        op.alter_column('videos', 'stage', type_=sa.String(length=40), existing_type=sa.String(length=60),
                        existing_nullable=True)
