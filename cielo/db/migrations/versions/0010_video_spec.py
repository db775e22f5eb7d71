"""a video job's spec in one typed column; the engine column, always equal to model, goes

Revision ID: 0010
Revises: 0009

The worker used to rebuild what to render from the row's columns plus loose keys in `details`
(requested_model, new_seconds, source_key, source_prompt); it now reads `videos.spec`, a VideoSpec
(cielo.videos.spec) written once when the video is made. Existing rows get theirs from the same columns and
keys, so a job queued before the upgrade still renders after it.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

videos = sa.table(
    'videos',
    sa.column('id', sa.String), sa.column('model', sa.String), sa.column('prompt', sa.Text),
    sa.column('seconds', sa.String), sa.column('size', sa.String), sa.column('seed', sa.Integer),
    sa.column('mode', sa.String), sa.column('source_video_id', sa.String),
    sa.column('input_reference_key', sa.String), sa.column('details', sa.JSON), sa.column('spec', sa.JSON),
)


def _spec(row) -> dict:
    details = row.details if isinstance(row.details, dict) else json.loads(row.details or "null") or {}
    width, height = (int(v) for v in (row.size or "720x1280").split("x"))
    return {
        "model": row.model, "requested_model": details.get("requested_model") or row.model, "prompt": row.prompt,
        "new_seconds": int(details.get("new_seconds") or int(row.seconds or 4)), "width": width, "height": height,
        "seed": row.seed or 0, "mode": row.mode or "generate", "source_video_id": row.source_video_id,
        "source_key": details.get("source_key"), "source_prompt": details.get("source_prompt"),
        "input_reference_key": row.input_reference_key,
    }


def upgrade() -> None:
    with op.batch_alter_table('videos') as batch:
        batch.add_column(sa.Column('spec', sa.JSON(), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.select(videos.c.id, videos.c.model, videos.c.prompt, videos.c.seconds, videos.c.size,
                                  videos.c.seed, videos.c.mode, videos.c.source_video_id,
                                  videos.c.input_reference_key, videos.c.details)).all()
    for row in rows:
        bind.execute(videos.update().where(videos.c.id == row.id).values(spec=_spec(row)))
    with op.batch_alter_table('videos') as batch:
        batch.drop_column('engine')
        if bind.dialect.name == "sqlite":  # SQLite rebuilds the table here anyway: it gets 0008's widths too
            batch.alter_column('stage', type_=sa.String(length=60), existing_type=sa.String(length=40))
            batch.alter_column('lease_owner', type_=sa.String(length=120), existing_type=sa.String(length=80))


def downgrade() -> None:
    with op.batch_alter_table('videos') as batch:
        batch.add_column(sa.Column('engine', sa.String(length=80), nullable=True))
    op.execute("UPDATE videos SET engine = model")
    with op.batch_alter_table('videos') as batch:
        batch.alter_column('engine', nullable=False, existing_type=sa.String(length=80))
        batch.drop_column('spec')
