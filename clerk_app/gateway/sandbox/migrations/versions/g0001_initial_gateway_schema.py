"""the gateway store as the sandbox created it before migrations: messages, answers, events

Revision ID: g0001
Revises:
Create Date: 2026-12-02 06:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'g0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sandbox_messages',
        sa.Column('message_id', sa.String(length=64), primary_key=True),
        sa.Column('centre_code', sa.String(length=32), nullable=False),
        sa.Column('workstation_id', sa.String(length=64), nullable=False),
        sa.Column('kind', sa.String(length=64), nullable=False),
        sa.Column('body_sha256', sa.String(length=64), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('accepted_at', sa.Float(), nullable=False),
        sa.Column('cancelled_at', sa.Float(), nullable=True),
    )
    op.create_table(
        'sandbox_responses',
        sa.Column('response_id', sa.String(length=64), primary_key=True),
        sa.Column('message_id', sa.String(length=64), sa.ForeignKey('sandbox_messages.message_id'),
                  nullable=False, unique=True),
        sa.Column('centre_code', sa.String(length=32), nullable=False),
        sa.Column('workstation_id', sa.String(length=64), nullable=False),
        sa.Column('due_at', sa.Float(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=True),
        sa.Column('payload', sa.Text(), nullable=True),
        sa.Column('acked', sa.Boolean(), nullable=False),
        sa.Column('cancelled', sa.Boolean(), nullable=False),
        sa.Column('lease_until', sa.Float(), nullable=True),
        sa.Column('offered_count', sa.Integer(), nullable=False),
    )
    op.create_index('ix_sandbox_responses_queue', 'sandbox_responses',
                    ['workstation_id', 'centre_code', 'acked', 'due_at'])
    op.create_table(
        'sandbox_events',
        sa.Column('seq', sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column('event_id', sa.String(length=64), nullable=False, unique=True),
        sa.Column('centre_code', sa.String(length=32), nullable=False),
        sa.Column('body_sha256', sa.String(length=64), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('received_at', sa.Float(), nullable=False),
    )
    op.create_index('ix_sandbox_events_centre_seq', 'sandbox_events', ['centre_code', 'seq'])


def downgrade() -> None:
    op.drop_index('ix_sandbox_events_centre_seq', table_name='sandbox_events')
    op.drop_table('sandbox_events')
    op.drop_index('ix_sandbox_responses_queue', table_name='sandbox_responses')
    op.drop_table('sandbox_responses')
    op.drop_table('sandbox_messages')
