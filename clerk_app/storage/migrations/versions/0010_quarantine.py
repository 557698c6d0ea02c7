"""quarantine of incoming answers and events that did not pass the checks; the role of an event's operator

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 06:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'quarantine',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('source', sa.String(length=20), nullable=False),
        sa.Column('item_id', sa.String(length=80), nullable=False),
        sa.Column('origin', sa.String(length=80), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('received_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_quarantine')),
        sa.UniqueConstraint('source', 'item_id', name=op.f('uq_quarantine_source')),
    )
    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quarantine_received_at'), ['received_at'], unique=False)
    with op.batch_alter_table('application_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('operator_role', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('application_events', schema=None) as batch_op:
        batch_op.drop_column('operator_role')
    with op.batch_alter_table('quarantine', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quarantine_received_at'))
    op.drop_table('quarantine')
