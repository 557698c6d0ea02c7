"""report facts: one narrow row per application and per interagency request

The rows are filled from the events by clerk_app.services.reports.facts (a full rebuild runs
on the first report after this migration, since the setting `report_facts_version` is absent).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 06:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'report_cases',
        sa.Column('reg_ts', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.String(length=36), nullable=False),
        sa.Column('service_code', sa.String(length=60), nullable=False),
        sa.Column('operator', sa.String(length=64), nullable=False),
        sa.Column('workstation', sa.String(length=40), nullable=False),
        sa.Column('due_date', sa.String(length=10), nullable=False),
        sa.Column('intake_refused_ts', sa.Integer(), nullable=True),
        sa.Column('withdrawn_ts', sa.Integer(), nullable=True),
        sa.Column('handed_over_ts', sa.Integer(), nullable=True),
        sa.Column('handover_late', sa.Integer(), nullable=True),
        sa.Column('result_ts', sa.Integer(), nullable=True),
        sa.Column('result_approved', sa.Integer(), nullable=True),
        sa.Column('decided_ts', sa.Integer(), nullable=True),
        sa.Column('decided_approved', sa.Integer(), nullable=True),
        sa.Column('issued_ts', sa.Integer(), nullable=True),
        sa.Column('returned_ts', sa.Integer(), nullable=True),
        sa.Column('storage_until', sa.String(length=10), nullable=True),
        sa.Column('outcome_late', sa.Integer(), nullable=True),
        sa.Column('issue_days', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('reg_ts', 'application_id', name=op.f('pk_report_cases')),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_report_cases_application', 'report_cases', ['application_id'], unique=True)
    op.create_index('ix_report_cases_issued', 'report_cases', ['issued_ts'], unique=False)
    op.create_table(
        'report_requests',
        sa.Column('reg_ts', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.String(length=36), nullable=False),
        sa.Column('application_id', sa.String(length=36), nullable=False),
        sa.Column('service_code', sa.String(length=60), nullable=False),
        sa.Column('operator', sa.String(length=64), nullable=False),
        sa.Column('recipient', sa.String(length=40), nullable=False),
        sa.Column('sent_ts', sa.Integer(), nullable=False),
        sa.Column('due_date', sa.String(length=10), nullable=True),
        sa.Column('answered_ts', sa.Integer(), nullable=True),
        sa.Column('answer_day', sa.String(length=10), nullable=True),
        sa.Column('closed_ts', sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint('reg_ts', 'message_id', name=op.f('pk_report_requests')),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_report_requests_application', 'report_requests', ['application_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_report_requests_application', table_name='report_requests')
    op.drop_table('report_requests')
    op.drop_index('ix_report_cases_issued', table_name='report_cases')
    op.drop_index('ix_report_cases_application', table_name='report_cases')
    op.drop_table('report_cases')
