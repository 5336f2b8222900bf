"""Settings that fail fast without leaking, key rotation, and the secret scanner."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.security.web.secret_scan import ALLOW_MARKER, main, scan_text
from examples.security.web.settings import SettingsError, load_settings
from examples.security.web.signing_keys import BadSignature, KeyRing

DB_URL = "postgresql://app:s3cret-pw-123@db/app"
KEYS = "k2:new-key,k1:old-key"


def test_environment_wins_over_the_mounted_file(tmp_path: Path) -> None:
    (tmp_path / "database_url").write_text("postgresql://from-file@db/app\n")
    (tmp_path / "webhook_keys").write_text(KEYS + "\n")
    settings = load_settings({"DATABASE_URL": DB_URL}, tmp_path)
    assert settings.database_url.get_secret_value() == DB_URL
    assert settings.webhook_keys.get_secret_value() == KEYS  # newline stripped


def test_values_never_show_in_repr_str_logs_or_dumps(caplog, tmp_path: Path) -> None:
    settings = load_settings({"DATABASE_URL": DB_URL, "WEBHOOK_KEYS": KEYS}, tmp_path)
    with caplog.at_level(logging.INFO):
        logging.getLogger("app").info("settings %s %r", settings, settings)
    shown = [repr(settings), str(settings), caplog.text, settings.model_dump_json()]
    for text in shown:
        assert "s3cret" not in text and "new-key" not in text
    assert "**********" in repr(settings)


def test_missing_settings_name_every_variable(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({}, tmp_path)
    assert str(raised.value) == (
        "bad settings: DATABASE_URL: Field required; WEBHOOK_KEYS: Field required"
    )
    assert raised.value.__cause__ is None  # the validation error, with inputs, is gone


def test_a_bad_value_is_named_but_not_printed(tmp_path: Path) -> None:
    environ = {"DATABASE_URL": DB_URL, "WEBHOOK_KEYS": {"nested": "s3cret"}}
    with pytest.raises(SettingsError) as raised:
        load_settings(environ, tmp_path)
    assert "WEBHOOK_KEYS" in str(raised.value)
    assert "s3cret" not in str(raised.value)


def test_rotation_accepts_both_keys_then_only_the_new_one() -> None:
    old, both = KeyRing.parse("k1:old"), KeyRing.parse("k2:new,k1:old")
    new = KeyRing.parse("k2:new")
    payload = b'{"event": "paid"}'
    by_old, by_both = old.sign(payload), both.sign(payload)
    assert by_both.startswith("k2.")
    assert both.verify(payload, by_old) == "k1"
    assert new.verify(payload, by_both) == "k2"
    with pytest.raises(BadSignature, match="unknown key id 'k1'"):
        new.verify(payload, by_old)


@given(payload=st.binary(), other=st.binary())
def test_a_signature_verifies_only_its_own_payload(
    payload: bytes, other: bytes
) -> None:
    ring = KeyRing.parse("k2:new,k1:old")
    signature = ring.sign(payload)
    assert ring.verify(payload, signature) == "k2"
    if other != payload:
        with pytest.raises(BadSignature, match="does not match"):
            ring.verify(other, signature)


def test_a_signature_under_a_swapped_key_id_fails() -> None:
    ring = KeyRing.parse("k2:new,k1:old")
    digest = ring.sign(b"x").split(".", 1)[1]
    with pytest.raises(BadSignature):
        ring.verify(b"x", "k1." + digest)


@pytest.mark.parametrize("spec", ["", "k1", "k1:", ":key", "k1:a,,k2"])
def test_malformed_key_specs_are_refused(spec: str) -> None:
    with pytest.raises(ValueError, match="expected 'kid:key,kid:key'"):
        KeyRing.parse(spec)


FINDINGS = {
    'aws = "AKIAIOSFODNN7EXAMPLE"': "aws-access-key-id",
    "-----BEGIN RSA PRIVATE KEY-----": "private-key",
    "-----BEGIN OPENSSH PRIVATE KEY-----": "private-key",
    "token: ghp_" + "a" * 36: "github-token",
    "url = 'redis://default:hunter22@cache:6379/0'": "password-in-url",
    'DB_PASSWORD = "correct-horse-battery"': "assigned-secret",
    "api_key: 'abcdef123456'": "assigned-secret",
}
CLEAN = [
    'password = os.environ["DB_PASSWORD"]',
    "password = settings.db_password.get_secret_value()",
    'password = ""',
    "url = 'https://example.com/path'",
    "AKIA_IS_NOT_A_KEY",
    'token = "short"',
]


@pytest.mark.parametrize(("line", "rule"), FINDINGS.items())
def test_the_scanner_finds_each_kind(line: str, rule: str) -> None:
    assert (1, rule) in scan_text(line)


@pytest.mark.parametrize("line", CLEAN)
def test_the_scanner_leaves_clean_lines_alone(line: str) -> None:
    assert scan_text(line) == []


def test_a_reviewed_line_can_be_allowed() -> None:
    assert scan_text(f'aws = "AKIAIOSFODNN7EXAMPLE"  # {ALLOW_MARKER}') == []


def test_main_reports_file_line_and_rule_but_not_the_secret(tmp_path, capsys) -> None:
    leaky, clean = tmp_path / "leaky.py", tmp_path / "clean.py"
    leaky.write_text('x = 1\nDB_PASSWORD = "correct-horse-battery"\n')
    clean.write_text("x = 1\n")
    assert main([str(clean)]) == 0
    assert main([str(leaky), str(clean)]) == 1
    out = capsys.readouterr().out
    assert out == f"{leaky}:2: assigned-secret\n"
    assert "correct-horse" not in out
