"""A previewed receipt or decision counts as printed only once it is printed or saved from the preview."""

from __future__ import annotations

from functools import partial

from clerk_app.services.context import AppContext
from clerk_app.services.roles import Actor
from ui.operations import Operation
from ui.pdf_preview import PdfPreviewDialog
from ui.tasks import TaskRunner
from ui.widgets.messages import error_text


def _record(ctx: AppContext, actor: Actor, number: str, document: str, how: str) -> int:
    from clerk_app.services import printing

    return printing.record_delivery(ctx, actor, number, document, how)


def count_deliveries(preview: PdfPreviewDialog, ctx: AppContext, actor: Actor, tasks: TaskRunner,
                     number: str, document: str) -> None:
    """Each print or save from `preview` is counted and audited on a worker; a failure is shown in it."""
    def delivered(how: str) -> None:
        Operation(preview, ctx, partial(_record, ctx, actor, number, document, how)) \
            .failure(lambda exc: preview.info_label.setText(
                preview.tr("Печать не учтена: {0}").format(error_text(exc)))) \
            .run_in(tasks)

    preview.delivered.connect(delivered)
