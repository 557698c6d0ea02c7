"""search keys: folded name, surname with initials, reversed number; indexes in search order

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 06:05:00

The keys are computed in Python (SQLite's lower() does not fold Cyrillic), in batches.
"""
from alembic import op
import sqlalchemy as sa

from clerk_app.domain import search_keys


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

BATCH = 20_000


def upgrade() -> None:
    op.add_column('applications', sa.Column('applicant_initials_key', sa.String(length=320), nullable=False,
                                            server_default=''))
    op.add_column('applications', sa.Column('number_key', sa.String(length=40), nullable=False, server_default=''))
    conn = op.get_bind()
    last = -1
    while True:
        rows = conn.exec_driver_sql(
            "SELECT rowid, applicant_name, number FROM applications WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (last, BATCH)).fetchall()
        if not rows:
            break
        conn.exec_driver_sql(
            "UPDATE applications SET applicant_name_key = ?, applicant_initials_key = ?, number_key = ? "
            "WHERE rowid = ?",
            [(search_keys.name_key(name), search_keys.initials_key(name), search_keys.number_key(number), rowid)
             for rowid, name, number in rows])
        last = rows[-1][0]
    op.drop_index('ix_applications_applicant_name_key', table_name='applications')
    op.create_index('ix_applications_number_key', 'applications', ['number_key'])
    op.create_index('ix_applications_name_order', 'applications',
                    ['applicant_name_key', sa.text('registered_on DESC'), sa.text('number DESC')])
    op.create_index('ix_applications_initials_order', 'applications',
                    ['applicant_initials_key', sa.text('registered_on DESC'), sa.text('number DESC')])


def downgrade() -> None:
    op.drop_index('ix_applications_initials_order', table_name='applications')
    op.drop_index('ix_applications_name_order', table_name='applications')
    op.drop_index('ix_applications_number_key', table_name='applications')
    op.create_index('ix_applications_applicant_name_key', 'applications', ['applicant_name_key'])
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('number_key')
        batch_op.drop_column('applicant_initials_key')
