"""likeness_trainings: LoRA trainings of a cameo's likeness, queued and run by the workers

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('likeness_trainings',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('cameo_id', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.String(length=40), nullable=False),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('steps', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=60), nullable=True),
    sa.Column('cancel_requested', sa.Boolean(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('lease_owner', sa.String(length=120), nullable=True),
    sa.Column('lease_expires_at', sa.Float(), nullable=True),
    sa.Column('initial_loss', sa.Float(), nullable=True),
    sa.Column('final_loss', sa.Float(), nullable=True),
    sa.Column('error_code', sa.String(length=60), nullable=True),
    sa.Column('error_message', sa.Text(), nullable=True),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.Column('started_at', sa.Float(), nullable=True),
    sa.Column('completed_at', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['cameo_id'], ['cameos.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('likeness_trainings', schema=None) as batch_op:
        batch_op.create_index('ix_likeness_trainings_cameo', ['cameo_id', 'created_at'], unique=False)
        batch_op.create_index('ix_likeness_trainings_status', ['status', 'created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('likeness_trainings', schema=None) as batch_op:
        batch_op.drop_index('ix_likeness_trainings_status')
        batch_op.drop_index('ix_likeness_trainings_cameo')

    op.drop_table('likeness_trainings')
