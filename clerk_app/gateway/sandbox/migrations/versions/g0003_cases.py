"""cases handed over to agencies (protocol version 2) and their case_status items

Revision ID: g0003
Revises: g0002
Create Date: 2026-12-02 06:35:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'g0003'
down_revision = 'g0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sandbox_cases',
        sa.Column('case_id', sa.String(length=64), primary_key=True),
        sa.Column('centre_code', sa.String(length=32), nullable=False),
        sa.Column('workstation_id', sa.String(length=64), nullable=False),
        sa.Column('service', sa.String(length=64), nullable=False),
        sa.Column('agency', sa.String(length=64), nullable=False),
        sa.Column('body_sha256', sa.String(length=64), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('accepted_at', sa.Float(), nullable=False),
    )
    op.create_table(
        'sandbox_case_items',
        sa.Column('response_id', sa.String(length=64), primary_key=True),
        sa.Column('case_id', sa.String(length=64), sa.ForeignKey('sandbox_cases.case_id'), nullable=False),
        sa.Column('stage', sa.String(length=16), nullable=False),
        sa.Column('centre_code', sa.String(length=32), nullable=False),
        sa.Column('workstation_id', sa.String(length=64), nullable=False),
        sa.Column('due_at', sa.Float(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=True),
        sa.Column('payload', sa.Text(), nullable=True),
        sa.Column('acked', sa.Boolean(), nullable=False),
        sa.Column('lease_until', sa.Float(), nullable=True),
        sa.Column('offered_count', sa.Integer(), nullable=False),
    )
    op.create_index('ix_sandbox_case_items_case_id', 'sandbox_case_items', ['case_id'])
    op.create_index('ix_sandbox_case_items_queue', 'sandbox_case_items',
                    ['workstation_id', 'centre_code', 'acked', 'due_at'])


def downgrade() -> None:
    op.drop_index('ix_sandbox_case_items_queue', table_name='sandbox_case_items')
    op.drop_index('ix_sandbox_case_items_case_id', table_name='sandbox_case_items')
    op.drop_table('sandbox_case_items')
    op.drop_table('sandbox_cases')
