"""command-line sessions; time of the last failed log-in

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 06:05:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'operator_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('login', sa.String(length=64), nullable=False),
        sa.Column('secret_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.Float(), nullable=False),
        sa.Column('expires_at', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_operator_sessions')),
        sa.UniqueConstraint('secret_hash', name=op.f('uq_operator_sessions_secret_hash')),
    )
    with op.batch_alter_table('operator_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_operator_sessions_login'), ['login'], unique=False)
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_failed_at', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('operators', schema=None) as batch_op:
        batch_op.drop_column('last_failed_at')
    with op.batch_alter_table('operator_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_operator_sessions_login'))
    op.drop_table('operator_sessions')
