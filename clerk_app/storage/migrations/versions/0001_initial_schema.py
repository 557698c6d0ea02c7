"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 10:35:42.380672
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agencies',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_agencies'))
    )
    op.create_table('applicants',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('middle_name', sa.String(length=100), nullable=True),
    sa.Column('name_key', sa.String(length=320), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('snils', sa.String(length=14), nullable=True),
    sa.Column('inn', sa.String(length=12), nullable=True),
    sa.Column('passport_series', sa.String(length=5), nullable=True),
    sa.Column('passport_number', sa.String(length=6), nullable=True),
    sa.Column('passport_issued_by', sa.String(length=300), nullable=True),
    sa.Column('passport_issued_on', sa.Date(), nullable=True),
    sa.Column('division_code', sa.String(length=7), nullable=True),
    sa.Column('phone', sa.String(length=16), nullable=True),
    sa.Column('address', sa.String(length=500), nullable=True),
    sa.Column('updated_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applicants'))
    )
    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applicants_name_key'), ['name_key'], unique=False)
        batch_op.create_index('ix_applicants_passport', ['passport_series', 'passport_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_applicants_snils'), ['snils'], unique=False)

    op.create_table('application_events',
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('application_id', sa.String(length=36), nullable=False),
    sa.Column('application_number', sa.String(length=40), nullable=False),
    sa.Column('type', sa.String(length=30), nullable=False),
    sa.Column('occurred_at', sa.String(length=40), nullable=False),
    sa.Column('workstation', sa.String(length=40), nullable=False),
    sa.Column('operator', sa.String(length=64), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=True),
    sa.Column('local_seq', sa.Integer(), nullable=False),
    sa.Column('synced', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_application_events'))
    )
    with op.batch_alter_table('application_events', schema=None) as batch_op:
        batch_op.create_index('ix_application_events_app_order', ['application_id', 'seq', 'local_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_events_local_seq'), ['local_seq'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('operator', sa.String(length=64), nullable=False),
    sa.Column('workstation', sa.String(length=40), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.String(length=80), nullable=True),
    sa.Column('result', sa.String(length=20), nullable=False),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_object_id'), ['object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_operator'), ['operator'], unique=False)

    op.create_table('calendar_overrides',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_calendar_overrides'))
    )
    op.create_table('number_sequences',
    sa.Column('prefix', sa.String(length=40), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('prefix', name=op.f('pk_number_sequences'))
    )
    op.create_table('operators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.Float(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operators')),
    sa.UniqueConstraint('login', name=op.f('uq_operators_login'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('ref_id', sa.String(length=36), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.Float(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('done_at', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('kind', 'ref_id', name=op.f('uq_outbox_kind'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_state_next', ['state', 'next_attempt_at'], unique=False)

    op.create_table('responses',
    sa.Column('response_id', sa.String(length=64), nullable=False),
    sa.Column('message_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('agency', sa.String(length=40), nullable=False),
    sa.Column('answered_at', sa.String(length=40), nullable=False),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.Column('refusal_reason', sa.Text(), nullable=True),
    sa.Column('received_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('response_id', name=op.f('pk_responses'))
    )
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_responses_message_id'), ['message_id'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('applications',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('service_code', sa.String(length=60), nullable=False),
    sa.Column('applicant_id', sa.String(length=36), nullable=True),
    sa.Column('applicant_name', sa.String(length=320), nullable=False),
    sa.Column('applicant_name_key', sa.String(length=320), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('registered_at', sa.String(length=40), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('due_provisional', sa.Boolean(), nullable=False),
    sa.Column('workstation', sa.String(length=40), nullable=False),
    sa.Column('operator', sa.String(length=64), nullable=False),
    sa.Column('open_requests', sa.Integer(), nullable=False),
    sa.Column('state', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['applicant_id'], ['applicants.id'], name=op.f('fk_applications_applicant_id_applicants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications')),
    sa.UniqueConstraint('number', name=op.f('uq_applications_number'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applications_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_applicant_name_key'), ['applicant_name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_registered_on'), ['registered_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_service_code'), ['service_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_status'), ['status'], unique=False)

    op.create_table('request_kinds',
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('agency_code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('answer_due_working_days', sa.Integer(), nullable=False),
    sa.Column('subject_fields', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['agency_code'], ['agencies.code'], name=op.f('fk_request_kinds_agency_code_agencies')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_request_kinds'))
    )
    op.create_table('response_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['responses.response_id'], name=op.f('fk_response_attachments_response_id_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_response_attachments'))
    )
    with op.batch_alter_table('response_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_response_attachments_response_id'), ['response_id'], unique=False)

    op.create_table('services',
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('agency_code', sa.String(length=40), nullable=False),
    sa.Column('due_days', sa.Integer(), nullable=False),
    sa.Column('due_working', sa.Boolean(), nullable=False),
    sa.Column('request_kind_codes', sa.JSON(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['agency_code'], ['agencies.code'], name=op.f('fk_services_agency_code_agencies')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_services'))
    )
    op.create_table('interagency_requests',
    sa.Column('message_id', sa.String(length=36), nullable=False),
    sa.Column('application_id', sa.String(length=36), nullable=False),
    sa.Column('kind_code', sa.String(length=60), nullable=False),
    sa.Column('recipient', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('sent_at', sa.String(length=40), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('answered_at', sa.String(length=40), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('operator', sa.String(length=64), nullable=False),
    sa.Column('replaces', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_interagency_requests_application_id_applications')),
    sa.PrimaryKeyConstraint('message_id', name=op.f('pk_interagency_requests'))
    )
    with op.batch_alter_table('interagency_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interagency_requests_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interagency_requests_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_interagency_requests_status'), ['status'], unique=False)

    op.create_table('service_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_code', sa.String(length=60), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('original', sa.Boolean(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_code'], ['services.code'], name=op.f('fk_service_documents_service_code_services'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_documents')),
    sa.UniqueConstraint('service_code', 'code', name=op.f('uq_service_documents_service_code'))
    )


def downgrade() -> None:
    op.drop_table('service_documents')
    with op.batch_alter_table('interagency_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interagency_requests_status'))
        batch_op.drop_index(batch_op.f('ix_interagency_requests_due_date'))
        batch_op.drop_index(batch_op.f('ix_interagency_requests_application_id'))

    op.drop_table('interagency_requests')
    op.drop_table('services')
    with op.batch_alter_table('response_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_response_attachments_response_id'))

    op.drop_table('response_attachments')
    op.drop_table('request_kinds')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_status'))
        batch_op.drop_index(batch_op.f('ix_applications_service_code'))
        batch_op.drop_index(batch_op.f('ix_applications_registered_on'))
        batch_op.drop_index(batch_op.f('ix_applications_due_date'))
        batch_op.drop_index(batch_op.f('ix_applications_applicant_name_key'))
        batch_op.drop_index(batch_op.f('ix_applications_applicant_id'))

    op.drop_table('applications')
    op.drop_table('settings')
    with op.batch_alter_table('responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_responses_message_id'))

    op.drop_table('responses')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_state_next')

    op.drop_table('outbox')
    op.drop_table('operators')
    op.drop_table('number_sequences')
    op.drop_table('calendar_overrides')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_operator'))
        batch_op.drop_index(batch_op.f('ix_audit_log_object_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
    with op.batch_alter_table('application_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_events_local_seq'))
        batch_op.drop_index('ix_application_events_app_order')

    op.drop_table('application_events')
    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applicants_snils'))
        batch_op.drop_index('ix_applicants_passport')
        batch_op.drop_index(batch_op.f('ix_applicants_name_key'))

    op.drop_table('applicants')
    op.drop_table('agencies')
