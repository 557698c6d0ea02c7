"""Training mode: a sandbox gateway on loopback and a workstation of its own with a trainee operator."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clerk_app.gateway.sandbox.server import SandboxProcess
from clerk_app.resources_path import resources_dir
from clerk_app.services import catalogue, operators, workstation
from clerk_app.services.context import DB_FILE, AppContext

TRAINING_FOLDER = "training"
CENTRE = "34-001"
WORKSTATION = "34-001-99"
TRAINEE_LOGIN = "uchenik"
TRAINEE_PASSWORD = "uchenik-2026"
TRAINEE_NAME = "Учебный Оператор"
ANSWER_DELAY = 5.0
CENTRE_DETAILS = {
    "centre_name": "Учебный МФЦ «Мои документы» (учебный режим)",
    "centre_address": "г. Волгоград, ул. Учебная, д. 1",
    "centre_phone": "+7 8442 00-00-00",
}


def training_dir(data_root: Path) -> Path:
    """The training workstation lives apart from the real one: <data folder>/training."""
    return Path(data_root) / TRAINING_FOLDER


@dataclass
class TrainingSession:
    data_dir: Path
    server: SandboxProcess
    ctx: AppContext

    @property
    def login_hint(self) -> str:
        return f"Учебный режим: логин {TRAINEE_LOGIN}, пароль {TRAINEE_PASSWORD}"

    def stop(self) -> None:
        self.ctx.close()
        self.server.stop()


def start_training(data_dir: Path, answer_delay: float = ANSWER_DELAY) -> TrainingSession:
    """Start the sandbox in a process of its own (its database in `data_dir`, so answers survive a
    restart) and point the training workstation at it; import the demo catalogue and add the trainee
    if missing."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    db_url = "sqlite:///" + (data_dir / "gateway-sandbox.sqlite3").as_posix()
    server = SandboxProcess(db_url, answer_delay=answer_delay, log_file=data_dir / "gateway-sandbox.log").start()
    try:
        ctx = _prepare(data_dir, server)
    except BaseException:
        server.stop()
        raise
    return TrainingSession(data_dir, server, ctx)


def _prepare(data_dir: Path, server: SandboxProcess) -> AppContext:
    first_time = not (data_dir / DB_FILE).exists()
    extra = CENTRE_DETAILS if first_time else {}
    # the sandbox's port is new on every start, so the address is written every time
    ctx = workstation.init(data_dir, CENTRE, WORKSTATION, server.base_url, server.token, **extra)
    try:
        if not catalogue.list_services(ctx):
            catalogue.import_file(ctx, resources_dir() / "catalogue" / "demo-volgograd.json")
        if not operators.exists(ctx, TRAINEE_LOGIN):
            operators.add_operator(ctx, TRAINEE_LOGIN, TRAINEE_NAME, "supervisor", TRAINEE_PASSWORD)
    except BaseException:
        ctx.close()
        raise
    return ctx
