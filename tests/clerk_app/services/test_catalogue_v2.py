"""Catalogue version 2 fields: stored and read back; a version 1 catalogue behaves as before."""

from __future__ import annotations

import copy
import json

import pytest

from clerk_app.domain.errors import ValidationError
from clerk_app.services import applications, catalogue
from tests.clerk_app.gateway.sandbox_data import CATALOGUE as V1_CATALOGUE
from tests.factories import CLERK, DEMO_CATALOGUE, sample_application


def test_demo_catalogue_fields_are_stored(ctx):
    spec = catalogue.get_service(ctx, "housing_subsidy")
    assert spec.agency_decides and spec.handover == "electronic"
    assert (spec.handover_working_days, spec.return_working_days, spec.result_storage_days) == (1, 1, 30)
    assert spec.refusal_grounds and spec.ground_text("income_over").startswith("Доля расходов")
    assert spec.ground_text("no_such_ground") is None
    assert {d.code for d in spec.documents if d.scan_required} == {"passport"}
    centre = catalogue.get_service(ctx, "utility_compensation")
    assert centre.decided_by == "centre" and not centre.agency_decides
    by_register = catalogue.get_service(ctx, "housing_queue")
    assert by_register.handover == "register" and by_register.result_storage_days == 60


def test_a_version_1_catalogue_has_the_version_1_behaviour(ctx):
    catalogue.store_catalogue(ctx, copy.deepcopy(V1_CATALOGUE))
    spec = catalogue.get_service(ctx, "housing_subsidy")
    assert spec.decided_by == "centre" and spec.handover == "register"
    assert (spec.handover_working_days, spec.return_working_days, spec.result_storage_days) == (0, 0, 30)
    assert spec.refusal_grounds == () and not any(d.scan_required for d in spec.documents)
    res = applications.register(ctx, CLERK, sample_application(registered_at="2026-11-02T09:10:00+03:00"))
    assert res.due_date == "2026-11-17"  # no legs


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"decided_by": "mfc"}, "services[housing_subsidy].decided_by"),
        ({"handover": "pigeon"}, "services[housing_subsidy].handover"),
        ({"result_storage_days": -1}, "services[housing_subsidy].result_storage_days"),
        ({"handover_working_days": "1"}, "services[housing_subsidy].handover_working_days"),
        ({"refusal_grounds": [{"code": "x"}]}, "services[housing_subsidy].refusal_grounds.text"),
    ],
)
def test_bad_version_2_fields_are_refused_naming_the_field(ctx, change, field):
    data = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    service = next(s for s in data["services"] if s["code"] == "housing_subsidy")
    service.update(change)
    with pytest.raises(ValidationError) as caught:
        catalogue.store_catalogue(ctx, data)
    assert caught.value.field == field
    assert catalogue.get_service(ctx, "housing_subsidy").decided_by == "agency"  # nothing stored
