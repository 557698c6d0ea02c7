"""catalogue version 2: who decides, handover, legs, storage term, refusal grounds, scans

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 06:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided_by', sa.String(length=10), server_default='centre', nullable=False))
        batch_op.add_column(sa.Column('handover', sa.String(length=12), server_default='register', nullable=False))
        batch_op.add_column(sa.Column('handover_working_days', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('return_working_days', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('result_storage_days', sa.Integer(), server_default='30', nullable=False))
        batch_op.add_column(sa.Column('refusal_grounds', sa.JSON(), server_default='[]', nullable=False))
    with op.batch_alter_table('service_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scan_required', sa.Boolean(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('service_documents', schema=None) as batch_op:
        batch_op.drop_column('scan_required')
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_column('refusal_grounds')
        batch_op.drop_column('result_storage_days')
        batch_op.drop_column('return_working_days')
        batch_op.drop_column('handover_working_days')
        batch_op.drop_column('handover')
        batch_op.drop_column('decided_by')
