"""The client against the gateway served over TLS with a private CA: verified with the pinned bundle only."""

from __future__ import annotations

import datetime as dt
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from clerk_app.gateway.client import GatewayClient
from clerk_app.gateway.errors import TransientError
from clerk_app.gateway.sandbox import SandboxServer
from tests.clerk_app.gateway.sandbox_data import make_event
from tests.gateway_backend import gateway_db_url


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _ca(common_name: str):
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(_name(common_name))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def _server_cert(ca_key, ca_cert):
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name("hub.test")).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return key, cert


def _pem(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture
def pki(tmp_path):
    ca_key, ca_cert = _ca("Учебный УЦ шлюза")
    key, cert = _server_cert(ca_key, ca_cert)
    (tmp_path / "ca.pem").write_bytes(_pem(ca_cert))
    (tmp_path / "server.pem").write_bytes(_pem(cert))
    (tmp_path / "server.key").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (tmp_path / "other-ca.pem").write_bytes(_pem(_ca("Чужой УЦ")[1]))
    return tmp_path


def test_client_talks_to_the_hub_over_tls_with_the_pinned_ca_only(pki, catalogue_file):
    with SandboxServer(db_url=gateway_db_url(pki), catalogue_path=catalogue_file, tokens={},
                       ssl_certfile=str(pki / "server.pem"), ssl_keyfile=str(pki / "server.key")) as hub:
        assert hub.base_url.startswith("https://127.0.0.1:")
        token = hub.issue_token("34-001", "34-001-07")
        with GatewayClient(hub.base_url, token, "34-001", "34-001-07", ca_bundle=str(pki / "ca.pem")) as client:
            assert client.health()["status"] == "ok"
            event = make_event(workstation="34-001-07")
            assert client.push_events([event])[0] == [event["event_id"]]
            assert [e["event_id"] for e in client.pull_events()[0]] == [event["event_id"]]
        for bundle in (None, str(pki / "other-ca.pem")):  # the system store, or another CA: refused
            with GatewayClient(hub.base_url, token, "34-001", "34-001-07", ca_bundle=bundle) as client:
                with pytest.raises(TransientError) as caught:
                    client.pull_events()
                assert caught.value.code == "tls_error"
