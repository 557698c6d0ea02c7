"""Running the sandbox gateway: blocking (the CLI), in a background thread (tests, training mode)."""

from __future__ import annotations

import argparse
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import requests
import uvicorn

from clerk_app.gateway.sandbox.app import BASE_PATH, DEFAULT_TOKENS, create_app

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def default_db_url() -> str:
    from platformdirs import user_data_dir

    return "sqlite:///" + (Path(user_data_dir("clerk-app", appauthor=False)) / "gateway-sandbox.sqlite").as_posix()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if sys.platform != "win32":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # accepted sockets inherit it: no 40 ms Nagle stalls
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def run(
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    db_url: str | None = None,
    answer_delay: float = 5.0,
    fail_rate: float = 0.0,
    catalogue_path: Path | None = None,
    visibility_timeout: float = 60.0,
    seed: int | None = None,
    log_level: str = "info",
    durable: bool = False,
) -> None:
    """Serve the sandbox until interrupted; prints the base URL (with the real port when port is 0)."""
    app = create_app(
        db_url or default_db_url(), catalogue_path=catalogue_path, answer_delay=answer_delay,
        fail_rate=fail_rate, visibility_timeout=visibility_timeout, seed=seed, durable=durable,
    )
    sock = _bind(host, port)
    bound_port = sock.getsockname()[1]
    token, centre = next(iter(DEFAULT_TOKENS.items()))
    print(f"Песочница шлюза: http://{_url_host(host)}:{bound_port}{BASE_PATH} "
          f"(токен {token}, центр {centre}, ответ через {answer_delay:g} с, доля сбоев {fail_rate:g})",
          flush=True)
    config = uvicorn.Config(app, log_level=log_level, lifespan="off", timeout_graceful_shutdown=3)
    uvicorn.Server(config).run(sockets=[sock])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="clerk-app gateway-sandbox", description="Песочница центрального шлюза")
    parser.add_argument("--host", default=DEFAULT_HOST, help="адрес для входящих соединений")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="порт (0 — любой свободный)")
    parser.add_argument("--db", default=None, help="URL базы SQLAlchemy (по умолчанию файл в каталоге данных)")
    parser.add_argument("--answer-delay", type=float, default=5.0, help="через сколько секунд ведомства отвечают")
    parser.add_argument("--fail-rate", type=float, default=0.0, help="доля вызовов, завершающихся сбоем (0..1)")
    parser.add_argument("--catalogue", type=Path, default=None, help="файл справочника (JSON)")
    parser.add_argument("--visibility-timeout", type=float, default=60.0,
                        help="через сколько секунд неподтверждённый ответ предлагается снова")
    parser.add_argument("--seed", type=int, default=None, help="зерно генератора сбоев")
    parser.add_argument("--durable", action="store_true",
                        help="каждую запись сразу сбрасывать на диск (медленнее; по умолчанию запись переживает "
                             "аварийное завершение песочницы, но не отключение питания)")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="завершиться, когда закроется стандартный ввод (запустивший процесс завершён)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not 0.0 <= args.fail_rate <= 1.0:
        print("--fail-rate должен быть от 0 до 1", file=sys.stderr)
        return 2
    if args.answer_delay < 0 or args.visibility_timeout <= 0:
        print("--answer-delay не может быть отрицательным, --visibility-timeout должен быть больше 0",
              file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.exit_with_parent:
        threading.Thread(target=_exit_when_stdin_closes, name="parent-watch", daemon=True).start()
    try:
        run(host=args.host, port=args.port, db_url=args.db, answer_delay=args.answer_delay,
            fail_rate=args.fail_rate, catalogue_path=args.catalogue, visibility_timeout=args.visibility_timeout,
            seed=args.seed, durable=args.durable)
    except (OSError, ValueError) as exc:
        print(f"Песочница шлюза не запущена: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


def _exit_when_stdin_closes() -> None:
    """The parent holds our standard input open; end of file means it is gone, however it ended."""
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        return  # no usable standard input: nothing to watch
    os._exit(0)


class SandboxServer:
    """The sandbox on a free loopback port in a background thread; a context manager.

    Accepts create_app's keyword arguments (db_url defaults to an in-memory database).
    """

    def __init__(self, host: str = DEFAULT_HOST, port: int = 0, ssl_certfile: str | None = None,
                 ssl_keyfile: str | None = None, **create_app_kwargs: Any) -> None:
        create_app_kwargs.setdefault("db_url", "sqlite://")
        tokens = create_app_kwargs.get("tokens")
        tokens = DEFAULT_TOKENS if tokens is None else tokens
        self.hub = not tokens  # no training tokens: only issued ones, as `clerk-app hub serve`
        self.token: str | None
        self.centre_code: str
        self.token, self.centre_code = next(iter(tokens.items())) if tokens else (None, "34-001")
        self.host = host
        self.app = create_app(**create_app_kwargs)
        self._sock = _bind(host, port)
        self.port: int = self._sock.getsockname()[1]
        scheme = "https" if ssl_certfile else "http"
        self.base_url = f"{scheme}://{_url_host(host)}:{self.port}{BASE_PATH}"
        self._server = uvicorn.Server(
            uvicorn.Config(self.app, log_level="warning", lifespan="off", timeout_graceful_shutdown=2,
                           ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile)
        )
        self._thread: threading.Thread | None = None

    def _server_started(self) -> bool:
        return bool(self._server.started)

    @property
    def store(self):
        return self.app.state.store

    @property
    def faults(self):
        return self.app.state.faults

    def issue_token(self, centre: str, workstation: str, days: float | None = 365) -> str:
        """A token bound to ``centre`` and ``workstation`` (as `clerk-app hub token issue`)."""
        from clerk_app.gateway.hub.tokens import TokenRegistry

        return TokenRegistry(self.store.db, clock=lambda: self.store.clock()).issue(centre, workstation, days).secret

    def token_for(self, centre: str, workstation: str) -> str:
        """What a workstation should use: the training token of its centre, or in the hub an issued one."""
        if not self.hub:
            for token, token_centre in self.app.state.settings.tokens.items():
                if token_centre == centre:
                    return token
        return self.issue_token(centre, workstation)

    def start(self, timeout: float = 10.0) -> SandboxServer:
        if self._thread is not None:
            return self
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, name="gateway-sandbox", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._thread.is_alive():
                raise RuntimeError("gateway sandbox stopped while starting")
            if self._server_started():
                return self
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"gateway sandbox did not answer on {self.base_url} within {timeout} s")

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._sock.close()
        self.app.state.store.close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def sandbox_command() -> list[str]:
    """How to start the sandbox in a process of its own, from a checkout or from the frozen program."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "gateway-sandbox"]
    return [sys.executable, "-m", "clerk_app.gateway.sandbox"]


class SandboxProcess:
    """The sandbox in a child process on a free loopback port (training mode, benchmarks): it never
    shares the interpreter lock with the window. A context manager, like SandboxServer."""

    def __init__(self, db_url: str, answer_delay: float = 5.0, host: str = DEFAULT_HOST,
                 log_file: Path | None = None) -> None:
        self.host = host
        self.port = _free_port(host)
        self.base_url = f"http://{_url_host(host)}:{self.port}{BASE_PATH}"
        self.token, self.centre_code = next(iter(DEFAULT_TOKENS.items()))
        self.log_file = log_file
        self.args = ["--host", host, "--port", str(self.port), "--db", db_url, "--answer-delay", str(answer_delay),
                     "--exit-with-parent"]
        self._proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> SandboxProcess:
        out = self.log_file.open("ab") if self.log_file else subprocess.DEVNULL
        try:
            self._proc = subprocess.Popen(sandbox_command() + self.args, stdin=subprocess.PIPE,
                                          stdout=out, stderr=subprocess.STDOUT)
        finally:
            if self.log_file:
                out.close()  # type: ignore[union-attr]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"gateway sandbox exited with code {self._proc.returncode}")
            try:
                if requests.get(f"{self.base_url}/health", timeout=0.5).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gateway sandbox did not answer on {self.base_url} within {timeout} s")

    def stop(self) -> None:
        if self._proc is None:
            return
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        self._proc.terminate()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(10)
        self._proc = None

    def __enter__(self) -> SandboxProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
