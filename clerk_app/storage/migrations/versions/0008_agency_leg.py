"""agency leg: intake scans, case statuses from the gateway, the agencies' result documents

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 06:45:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'application_scans',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.String(length=36), nullable=False),
        sa.Column('document_code', sa.String(length=60), nullable=False),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('media_type', sa.String(length=100), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('added_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_application_scans')),
    )
    op.create_index(op.f('ix_application_scans_application_id'), 'application_scans', ['application_id'])
    op.create_table(
        'case_statuses',
        sa.Column('response_id', sa.String(length=64), nullable=False),
        sa.Column('case_id', sa.String(length=36), nullable=False),
        sa.Column('application_id', sa.String(length=36), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('comment', sa.Text(), nullable=True),
        sa.Column('result', sa.JSON(), nullable=True),
        sa.Column('at', sa.String(length=40), nullable=False),
        sa.Column('received_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('response_id', name=op.f('pk_case_statuses')),
    )
    op.create_index(op.f('ix_case_statuses_case_id'), 'case_statuses', ['case_id'])
    op.create_index(op.f('ix_case_statuses_application_id'), 'case_statuses', ['application_id'])
    op.create_table(
        'agency_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.String(length=36), nullable=False),
        sa.Column('source', sa.String(length=10), nullable=False),
        sa.Column('response_id', sa.String(length=64), nullable=True),
        sa.Column('name', sa.String(length=255), nullable=False),
        sa.Column('media_type', sa.String(length=100), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('received_at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_documents')),
    )
    op.create_index(op.f('ix_agency_documents_application_id'), 'agency_documents', ['application_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_agency_documents_application_id'), table_name='agency_documents')
    op.drop_table('agency_documents')
    op.drop_index(op.f('ix_case_statuses_application_id'), table_name='case_statuses')
    op.drop_index(op.f('ix_case_statuses_case_id'), table_name='case_statuses')
    op.drop_table('case_statuses')
    op.drop_index(op.f('ix_application_scans_application_id'), table_name='application_scans')
    op.drop_table('application_scans')
