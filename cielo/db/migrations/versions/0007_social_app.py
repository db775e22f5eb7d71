"""social app: profile language, the feed's per-session served list, full-text search of posts and people

Revision ID: 0007
Revises: 0006

- users.language: the language a person picked for the pages (null: their browser's).
- feed_served: what a "For you" session already showed, so its pages never repeat; what a person watched stays
  in feed_seen (impressions reported by the page), and only that counts as seen.
- posts.search_text: the caption and, when shown, the prompt. PostgreSQL indexes it (and users' handles and
  names) in generated tsvector columns with GIN indexes, English and Spanish stemming; SQLite in FTS5 tables:
  posts_fts holds terms stemmed in Python (cielo.social.search), users_fts follows users through triggers
  (a later SQLite batch migration that rebuilds `users` drops them and must create them again).
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_POST_VECTOR = ("to_tsvector('english', coalesce(search_text, '')) || "
                "to_tsvector('spanish', coalesce(search_text, ''))")
_USER_VECTOR = "to_tsvector('simple', handle || ' ' || display_name)"


def upgrade() -> None:
    op.add_column('users', sa.Column('language', sa.String(length=8), nullable=True))
    op.add_column('posts', sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    op.create_table('feed_served',
    sa.Column('user_id', sa.String(length=40), nullable=False),
    sa.Column('video_id', sa.String(length=40), nullable=False),
    sa.Column('served_at', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['video_id'], ['posts.video_id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'video_id')
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("ALTER TABLE posts ADD COLUMN search_vector tsvector "
                   f"GENERATED ALWAYS AS ({_POST_VECTOR}) STORED")
        op.execute("CREATE INDEX ix_posts_search ON posts USING gin (search_vector)")
        op.execute("ALTER TABLE users ADD COLUMN search_vector tsvector "
                   f"GENERATED ALWAYS AS ({_USER_VECTOR}) STORED")
        op.execute("CREATE INDEX ix_users_search ON users USING gin (search_vector)")
        return
    op.execute("CREATE VIRTUAL TABLE posts_fts USING fts5(terms, video_id UNINDEXED, "
               "tokenize = 'unicode61 remove_diacritics 2')")
    op.execute("CREATE VIRTUAL TABLE users_fts USING fts5(handle, display_name, content='users', "
               "content_rowid='rowid', tokenize = 'unicode61 remove_diacritics 2')")
    op.execute("INSERT INTO users_fts (rowid, handle, display_name) "
               "SELECT rowid, handle, display_name FROM users")
    op.execute("CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN INSERT INTO users_fts "
               "(rowid, handle, display_name) VALUES (new.rowid, new.handle, new.display_name); END")
    op.execute("CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN INSERT INTO users_fts "
               "(users_fts, rowid, handle, display_name) "
               "VALUES ('delete', old.rowid, old.handle, old.display_name); END")
    op.execute("CREATE TRIGGER users_fts_update AFTER UPDATE OF handle, display_name ON users BEGIN "
               "INSERT INTO users_fts (users_fts, rowid, handle, display_name) "
               "VALUES ('delete', old.rowid, old.handle, old.display_name); "
               "INSERT INTO users_fts (rowid, handle, display_name) "
               "VALUES (new.rowid, new.handle, new.display_name); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP INDEX ix_users_search")
        op.execute("ALTER TABLE users DROP COLUMN search_vector")
        op.execute("DROP INDEX ix_posts_search")
        op.execute("ALTER TABLE posts DROP COLUMN search_vector")
    else:
        for trigger in ("users_fts_insert", "users_fts_delete", "users_fts_update"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE users_fts")
        op.execute("DROP TABLE posts_fts")
    op.drop_table('feed_served')
    with op.batch_alter_table('posts') as batch:
        batch.drop_column('search_text')
    with op.batch_alter_table('users') as batch:
        batch.drop_column('language')
