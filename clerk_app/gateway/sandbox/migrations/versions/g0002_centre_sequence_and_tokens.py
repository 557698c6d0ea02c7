"""a gap-free event sequence per centre, the pushing workstation, issued tokens, workstation bindings

Existing events keep their old number as their centre number (cursors held by workstations stay valid);
new events continue each centre's sequence without gaps.

Revision ID: g0002
Revises: g0001
Create Date: 2026-12-02 06:15:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'g0002'
down_revision = 'g0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sandbox_events') as batch:
        batch.add_column(sa.Column('centre_seq', sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column('origin_workstation', sa.String(length=64), nullable=True))
    op.execute("UPDATE sandbox_events SET centre_seq = seq")
    with op.batch_alter_table('sandbox_events') as batch:
        batch.alter_column('centre_seq', existing_type=sa.BigInteger(), nullable=False)
        batch.create_unique_constraint('uq_sandbox_events_centre_seq', ['centre_code', 'centre_seq'])
    op.create_table(
        'gateway_event_counters',
        sa.Column('centre_code', sa.String(length=32), primary_key=True),
        sa.Column('last_seq', sa.BigInteger(), nullable=False),
    )
    op.execute("INSERT INTO gateway_event_counters (centre_code, last_seq) "
               "SELECT centre_code, MAX(centre_seq) FROM sandbox_events GROUP BY centre_code")
    op.create_table(
        'gateway_tokens',
        sa.Column('token_id', sa.String(length=32), primary_key=True),
        sa.Column('token_sha256', sa.String(length=64), nullable=False, unique=True),
        sa.Column('centre_code', sa.String(length=32), nullable=False),
        sa.Column('workstation_id', sa.String(length=64), nullable=False),
        sa.Column('issued_at', sa.Float(), nullable=False),
        sa.Column('expires_at', sa.Float(), nullable=True),
        sa.Column('revoked_at', sa.Float(), nullable=True),
    )
    op.create_index('ix_gateway_tokens_workstation', 'gateway_tokens', ['centre_code', 'workstation_id'])
    op.create_table(
        'gateway_workstation_bindings',
        sa.Column('centre_code', sa.String(length=32), primary_key=True),
        sa.Column('workstation_id', sa.String(length=64), primary_key=True),
        sa.Column('token_sha256', sa.String(length=64), nullable=False),
        sa.Column('bound_at', sa.Float(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table('gateway_workstation_bindings')
    op.drop_index('ix_gateway_tokens_workstation', table_name='gateway_tokens')
    op.drop_table('gateway_tokens')
    op.drop_table('gateway_event_counters')
    with op.batch_alter_table('sandbox_events') as batch:
        batch.drop_constraint('uq_sandbox_events_centre_seq', type_='unique')
        batch.drop_column('origin_workstation')
        batch.drop_column('centre_seq')
