"""Settings that fail fast without leaking, key rotation, and the secret scanner."""

from __future__ import annotations

import base64
import logging
import traceback
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.security.web.secret_scan import ALLOW_MARKER, main, scan_text
from examples.security.web.settings import SettingsError, load_settings
from examples.security.web.signing_keys import BadSignature, KeyRing, new_key

DB_URL = "postgresql://app:s3cret-pw-123@db/app"
KEYS = "k2:new-key,k1:old-key"
# Fixed keys, not new_key(): they appear in parametrized test ids, which every
# pytest-xdist worker must collect identically.
OLD, NEW = (base64.b64encode(bytes([n]) * 32).decode() for n in (1, 2))
NOW = 1_767_225_600


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
    assert raised.value.__cause__ is None
    assert (
        raised.value.__context__ is None
    )  # the validation error, with inputs, is gone


def test_a_bad_value_never_reaches_the_traceback(tmp_path: Path) -> None:
    environ = {"DATABASE_URL": DB_URL, "WEBHOOK_KEYS": {"nested": "s3cret"}}
    with pytest.raises(SettingsError) as raised:
        load_settings(environ, tmp_path)
    printed = "".join(traceback.format_exception(raised.value))
    assert "WEBHOOK_KEYS" in printed and "s3cret" not in printed


def test_a_bad_value_is_named_but_not_printed(tmp_path: Path) -> None:
    environ = {"DATABASE_URL": DB_URL, "WEBHOOK_KEYS": {"nested": "s3cret"}}
    with pytest.raises(SettingsError) as raised:
        load_settings(environ, tmp_path)
    assert "WEBHOOK_KEYS" in str(raised.value)
    assert "s3cret" not in str(raised.value)


def test_rotation_accepts_both_keys_then_only_the_new_one() -> None:
    old, both = KeyRing.parse(f"k1:{OLD}"), KeyRing.parse(f"k2:{NEW},k1:{OLD}")
    new = KeyRing.parse(f"k2:{NEW}")
    payload = b'{"event": "paid"}'
    by_old, by_both = old.sign(payload, NOW), both.sign(payload, NOW)
    assert by_both.startswith("k2.")
    assert both.verify(payload, by_old, now=NOW) == "k1"
    assert new.verify(payload, by_both, now=NOW) == "k2"
    with pytest.raises(BadSignature, match="unknown key id 'k1'"):
        new.verify(payload, by_old, now=NOW)


@given(payload=st.binary(), other=st.binary())
def test_a_signature_verifies_only_its_own_payload(
    payload: bytes, other: bytes
) -> None:
    ring = KeyRing.parse(f"k2:{NEW},k1:{OLD}")
    signature = ring.sign(payload, NOW)
    assert ring.verify(payload, signature, now=NOW) == "k2"
    if other != payload:
        with pytest.raises(BadSignature, match="does not match"):
            ring.verify(other, signature, now=NOW)


def test_a_signature_under_a_swapped_key_id_fails() -> None:
    ring = KeyRing.parse(f"k2:{NEW},k1:{OLD}")
    _, stamp, digest = ring.sign(b"x", NOW).split(".")
    with pytest.raises(BadSignature, match="does not match"):
        ring.verify(b"x", f"k1.{stamp}.{digest}", now=NOW)


@pytest.mark.parametrize(("age", "accepted"), [(0, True), (300, True), (301, False)])
def test_a_replay_outside_the_tolerance_fails(age: int, accepted: bool) -> None:
    ring = KeyRing.parse(f"k1:{OLD}")
    signature = ring.sign(b"x", NOW)
    for now in (NOW + age, NOW - age):  # late replays and clocks running ahead
        if accepted:
            assert ring.verify(b"x", signature, now=now) == "k1"
        else:
            with pytest.raises(BadSignature, match="outside the tolerance"):
                ring.verify(b"x", signature, now=now)


def test_the_timestamp_is_signed() -> None:
    ring = KeyRing.parse(f"k1:{OLD}")
    kid, _, digest = ring.sign(b"x", NOW - 3600).split(".")
    with pytest.raises(BadSignature, match="does not match"):
        ring.verify(b"x", f"{kid}.{NOW}.{digest}", now=NOW)  # a fresh stamp, old MAC


@pytest.mark.parametrize(
    "signature",
    [
        "k1",
        "k1.abc",
        "k1.",
        "k1.12.é",
        "k1.12.ab\u00ff",
        "k1.١٢.ab",
        "k1.²3.ab",  # isdigit() is true for "²", int() refuses it
        # past int()'s 4,300-digit limit: ValueError, once a 500 in a receiver
        pytest.param("k1." + "9" * 4301 + ".ab", id="k1.4301-digits.ab"),
        "k1.12345678901.ab",  # 11 digits: no real Unix time for centuries
    ],
)
def test_a_malformed_signature_is_a_bad_signature_not_a_crash(signature: str) -> None:
    with pytest.raises(BadSignature):
        KeyRing.parse(f"k1:{OLD}").verify(b"x", signature, now=NOW)


def test_the_ring_never_shows_its_keys() -> None:
    ring = KeyRing.parse(f"k1:{OLD}")
    raw = base64.b64decode(OLD)
    assert (
        repr(raw) not in repr(ring)
        and OLD not in repr(ring)
        and str(raw) not in str(ring)
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "expected 'kid:key,kid:key'"),
        ("k1", "expected 'kid:key,kid:key'"),
        ("k1:", "expected 'kid:key,kid:key'"),
        (f":{OLD}", "expected 'kid:key,kid:key'"),
        (f"k1:{OLD},,k2:{NEW}", "expected 'kid:key,kid:key'"),
        (f"k1:{OLD},k1:{NEW}", "key id 'k1' appears twice"),
        ("k1:correct-horse-battery-staple", "not base64"),
        ("k1:" + base64.b64encode(b"short").decode(), "shorter than 32 bytes"),
        (f"k.1:{OLD}", "must match"),  # the "." splits a signature
        (f"k 1:{OLD}", "must match"),
        (f"{'k' * 65}:{OLD}", "must match"),
    ],
)
def test_malformed_key_specs_are_refused(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        KeyRing.parse(spec)


@given(kid=st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True))
def test_every_accepted_key_id_verifies_its_own_signatures(kid: str) -> None:
    ring = KeyRing.parse(f"{kid}:{OLD}")  # once, "k.1" was accepted here ...
    assert ring.verify(b"x", ring.sign(b"x", NOW), now=NOW) == kid  # ... refused here


FINDINGS = {
    'aws = "AKIAIOSFODNN7EXAMPLE"': "aws-access-key-id",
    "-----BEGIN RSA PRIVATE KEY-----": "private-key",
    "-----BEGIN OPENSSH PRIVATE KEY-----": "private-key",
    "token: ghp_" + "a" * 36: "github-token",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----": "private-key",
    "-----BEGIN DSA PRIVATE KEY-----": "private-key",
    "-----BEGIN PGP PRIVATE KEY BLOCK-----": "private-key",
    "pat = github_pat_" + "A1b2" * 20: "github-token",
    "SLACK = 'xoxb-" + "1234567890-" * 3 + "'": "slack-token",
    "url = 'redis://default:hunter22@cache:6379/0'": "password-in-url",
    "url = 'redis://:hunter22@cache:6379/0'": "password-in-url",
    'DB_PASSWORD = "correct-horse-battery"': "assigned-secret",
    "api_key: 'abcdef123456'": "assigned-secret",
    '{"password": "correct-horse-battery"}': "assigned-secret",
    "API_KEY=sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc": "env-secret",
    "export DB_PASSWORD=correct-horse-battery-9": "env-secret",
    "  password: hunter2222": "yaml-secret",
}
CLEAN = [
    'password = os.environ["DB_PASSWORD"]',
    "password = settings.db_password.get_secret_value()",
    'password = ""',
    "url = 'https://example.com/path'",
    "AKIA_IS_NOT_A_KEY",
    'token = "short"',
    'max_tokens_doc = "see-the-docs-page"',
    'API_KEY = os.environ["API_KEY"]',
    "SECRET_KEY=${SECRET_KEY}",
    "    api_key: SecretStr",
    "url = 'https://example.com:8443/path'",
    'token_url = "https://auth.example.com/oauth/token"',
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


def test_new_keys_are_32_random_bytes_in_base64() -> None:
    first, second = new_key(), new_key()
    assert len(base64.b64decode(first, validate=True)) == 32
    assert first != second
    assert KeyRing.parse(f"k1:{first}").keys == {"k1": base64.b64decode(first)}
