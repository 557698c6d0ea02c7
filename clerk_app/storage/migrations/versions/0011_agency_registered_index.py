"""a partial index of registered cases of agency services («Готовы к передаче» at a million applications)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 13:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

AGENCY_REGISTERED = "status = 'registered' AND json_extract(state, '$.decided_by') = 'agency'"


def upgrade() -> None:
    op.create_index('ix_applications_agency_registered', 'applications', ['status'], unique=False,
                    sqlite_where=sa.text(AGENCY_REGISTERED))


def downgrade() -> None:
    op.drop_index('ix_applications_agency_registered', table_name='applications')
