"""moderation_appeals: "This was wrong" on a refusal, and the allow examples moderators add from them

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('moderation_appeals',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.String(length=40), nullable=False),
    sa.Column('prompt', sa.Text(), nullable=False),
    sa.Column('line', sa.Text(), nullable=True),
    sa.Column('profile', sa.String(length=16), nullable=False),
    sa.Column('policy', sa.String(length=40), nullable=False),
    sa.Column('decision', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('label', sa.String(length=40), nullable=True),
    sa.Column('strict_label', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.Column('resolved_by_id', sa.String(length=40), nullable=True),
    sa.Column('resolved_at', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('moderation_appeals', schema=None) as batch_op:
        batch_op.create_index('ix_moderation_appeals_status_created', ['status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_moderation_appeals_user_id'), ['user_id'], unique=False)

    op.create_table('moderation_allow_examples',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('appeal_id', sa.String(length=40), nullable=True),
    sa.Column('added_by_id', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['appeal_id'], ['moderation_appeals.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('moderation_allow_examples', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderation_allow_examples_created_at'), ['created_at'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('moderation_allow_examples', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moderation_allow_examples_created_at'))
    op.drop_table('moderation_allow_examples')
    with op.batch_alter_table('moderation_appeals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moderation_appeals_user_id'))
        batch_op.drop_index('ix_moderation_appeals_status_created')
    op.drop_table('moderation_appeals')
