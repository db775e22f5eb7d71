"""cameo voices: whether the owner lets the recorded voice speak, what is said in it, and its voiceprint

Revision ID: 0009
Revises: 0008

A speech model speaks a cameo's lines from its recording (cielo.generation.speech); it needs the words
said in the recording (the liveness digits, or the sentence read when the voice is re-recorded). The
voiceprint (cielo.likeness.voiceprint) catches a recording of someone else's cameo voice.
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cameos') as batch:
        batch.add_column(sa.Column('voice_enabled', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch.add_column(sa.Column('voice_transcript', sa.String(length=300), nullable=True))
        batch.add_column(sa.Column('voiceprint', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cameos') as batch:
        batch.drop_column('voiceprint')
        batch.drop_column('voice_transcript')
        batch.drop_column('voice_enabled')
