"""filtered list indexes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 12:23:32.708044
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_service_code'))
        batch_op.drop_index(batch_op.f('ix_applications_status'))
        batch_op.create_index('ix_applications_service_order', ['service_code', 'registered_on', 'number'], unique=False)
        batch_op.create_index('ix_applications_status_order', ['status', 'registered_on', 'number'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('ix_applications_status_order')
        batch_op.drop_index('ix_applications_service_order')
        batch_op.create_index(batch_op.f('ix_applications_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_service_code'), ['service_code'], unique=False)

