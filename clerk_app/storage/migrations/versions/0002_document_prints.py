"""document prints

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:44:29.582604
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_prints',
    sa.Column('application_id', sa.String(length=36), nullable=False),
    sa.Column('document', sa.String(length=30), nullable=False),
    sa.Column('version_key', sa.String(length=64), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('first_printed_at', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_document_prints_application_id_applications')),
    sa.PrimaryKeyConstraint('application_id', 'document', 'version_key', name=op.f('pk_document_prints'))
    )


def downgrade() -> None:
    op.drop_table('document_prints')
