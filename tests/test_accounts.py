"""Users, API tokens and the session secret in a real home, and the `kb user`/`kb token` CLI."""

from __future__ import annotations

import stat

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner

from cli.main import cli
from kb.accounts import TOKEN_PREFIX, AccountError, Accounts
from kb.secret_key import SECRET_KEY_FILE, load_or_create_secret_key
from kb.store import DB_NAME, Store


@pytest.fixture
def accounts(tmp_path) -> Accounts:
    """Accounts of an empty home."""
    (tmp_path / "home").mkdir()
    return Accounts(Store(tmp_path / "home"))


@pytest.fixture
def run_cli(tmp_path):
    """Run `kb --home <tmp> ...` with optional stdin; return the click result."""
    home = tmp_path / "cli-home"

    def run(*args: str, input: str | None = None):
        return CliRunner().invoke(
            cli, ["--home", str(home), *args], input=input, catch_exceptions=False
        )

    run.home = home
    return run


def test_password_is_verified_and_stored_hashed(accounts):
    user = accounts.add_user("mara", "member", "correct horse battery")
    assert (user.name, user.role) == ("mara", "member")
    assert accounts.verify_password("mara", "correct horse battery") == user
    assert accounts.verify_password("mara", "correct horse battery!") is None
    assert accounts.verify_password("nobody", "correct horse battery") is None
    stored = accounts.store.conn.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and "correct horse" not in stored


def test_old_hash_parameters_are_upgraded_on_sign_in(accounts):
    weak = Accounts(accounts.store, PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))
    weak.add_user("sten", "staff", "sten-password")
    before = accounts.store.conn.execute("SELECT password_hash FROM users").fetchone()[0]
    assert accounts.verify_password("sten", "sten-password") is not None
    after = accounts.store.conn.execute("SELECT password_hash FROM users").fetchone()[0]
    assert after != before and not accounts.hasher.check_needs_rehash(after)
    assert accounts.verify_password("sten", "sten-password") is not None


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("mara", "owner", "long enough", "unknown role"),
        ("mara", "public", "long enough", "unknown role"),
        ("", "member", "long enough", "invalid user name"),
        ("has space", "member", "long enough", "invalid user name"),
        ("../etc", "member", "long enough", "invalid user name"),
        ("mara", "member", "short", "at least 8"),
    ],
)
def test_bad_user_input_is_refused(accounts, name, role, password, message):
    with pytest.raises(AccountError, match=message):
        accounts.add_user(name, role, password)
    assert accounts.list_users() == []


def test_duplicate_user_and_removal(accounts):
    accounts.add_user("mara", "member", "first password")
    with pytest.raises(AccountError, match="already exists"):
        accounts.add_user("mara", "staff", "second password")
    accounts.add_user("ada", "admin", "ada password")
    assert [(u.name, u.role) for u in accounts.list_users()] == [
        ("ada", "admin"),
        ("mara", "member"),
    ]
    assert accounts.remove_user("mara").name == "mara"
    assert accounts.verify_password("mara", "first password") is None
    with pytest.raises(AccountError, match="no user named"):
        accounts.remove_user("mara")


def test_token_grants_its_role_until_revoked(accounts):
    token_id, token = accounts.create_token("member", "newsletter-bot")
    assert token.startswith(TOKEN_PREFIX) and len(token) > 40
    assert accounts.role_for_token(token) == "member"
    assert accounts.role_for_token(token + "x") is None
    assert accounts.role_for_token(token[len(TOKEN_PREFIX) :]) is None
    assert accounts.role_for_token("") is None
    revoked = accounts.revoke_token("newsletter-bot")
    assert [t.id for t in revoked] == [token_id] and revoked[0].revoked_at
    assert accounts.role_for_token(token) is None
    with pytest.raises(AccountError, match="no active token"):
        accounts.revoke_token("newsletter-bot")


def test_tokens_are_stored_only_as_hashes(accounts):
    _, token = accounts.create_token("staff")
    accounts.store.close()
    home = accounts.store.path.parent
    stored = b"".join(p.read_bytes() for p in home.glob(DB_NAME + "*"))
    assert token.encode() not in stored and token[len(TOKEN_PREFIX) :].encode() not in stored
    listed = accounts.list_tokens()
    assert [(t.name, t.role, t.active) for t in listed] == [
        (f"staff-{listed[0].id}", "staff", True)
    ]
    assert not hasattr(listed[0], "token") and token not in repr(listed)


def test_token_roles_names_and_revoke_by_id(accounts):
    with pytest.raises(AccountError, match="unknown role"):
        accounts.create_token("admin")
    first, token = accounts.create_token("staff", "ci")
    with pytest.raises(AccountError, match="already exists"):
        accounts.create_token("member", "ci")
    assert accounts.revoke_token(str(first))[0].name == "ci"
    assert accounts.role_for_token(token) is None
    second, _ = accounts.create_token("member", "ci")  # the name is free again once revoked
    assert second != first


def test_secret_key_is_created_once_private_and_random(tmp_path):
    first = load_or_create_secret_key(tmp_path / "a")
    assert len(first) >= 32 and first == load_or_create_secret_key(tmp_path / "a")
    mode = stat.S_IMODE((tmp_path / "a" / SECRET_KEY_FILE).stat().st_mode)
    assert mode == 0o600
    assert load_or_create_secret_key(tmp_path / "b") != first
    (tmp_path / "a" / SECRET_KEY_FILE).chmod(0o644)
    load_or_create_secret_key(tmp_path / "a")
    assert stat.S_IMODE((tmp_path / "a" / SECRET_KEY_FILE).stat().st_mode) == 0o600
    (tmp_path / "a" / SECRET_KEY_FILE).write_text("short")
    with pytest.raises(ValueError, match="fewer than 32"):
        load_or_create_secret_key(tmp_path / "a")


# -- the command line --


def test_cli_user_add_list_remove(run_cli):
    added = run_cli(
        "user", "add", "mara", "--role", "member", "--password-stdin", input="mara-password\n"
    )
    assert added.exit_code == 0, added.output
    assert "Added member mara" in added.output
    listed = run_cli("user", "list")
    assert listed.exit_code == 0 and "mara" in listed.output and "member" in listed.output
    assert "mara-password" not in listed.output
    accounts = Accounts(Store(run_cli.home))
    assert accounts.verify_password("mara", "mara-password") is not None
    removed = run_cli("user", "remove", "mara")
    assert removed.exit_code == 0 and "Removed member mara" in removed.output
    assert accounts.verify_password("mara", "mara-password") is None


def test_cli_user_add_prompts_twice(run_cli):
    mismatch = run_cli(
        "user", "add", "sten", "--role", "staff", input="first-password\nsecond-password\n"
    )
    assert mismatch.exit_code != 0
    assert Accounts(Store(run_cli.home)).list_users() == []
    match = run_cli(
        "user", "add", "sten", "--role", "staff", input="staff-password\nstaff-password\n"
    )
    assert match.exit_code == 0, match.output
    assert "staff-password" not in match.stdout
    assert Accounts(Store(run_cli.home)).verify_password("sten", "staff-password").role == "staff"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ("user", "add", "mara", "--role", "owner", "--password-stdin"),
            "long-password\n",
            "Invalid value for '--role'",
        ),
        (
            ("user", "add", "bad name", "--role", "member", "--password-stdin"),
            "long-password\n",
            "invalid user name",
        ),
        (("user", "add", "mara", "--role", "member", "--password-stdin"), "short\n", "at least 8"),
        (("user", "remove", "ghost"), "", "no user named 'ghost'"),
        (("token", "create", "--role", "admin"), "", "Invalid value for '--role'"),
        (("token", "revoke", "404"), "", "no active token"),
    ],
)
def test_cli_bad_input_exits_2(run_cli, args, stdin, message):
    result = run_cli(*args, input=stdin)
    assert result.exit_code == 2
    assert message in result.stderr


def test_cli_duplicate_user_exits_2(run_cli):
    run_cli("user", "add", "mara", "--role", "member", "--password-stdin", input="password-1\n")
    again = run_cli(
        "user", "add", "mara", "--role", "staff", "--password-stdin", input="password-2\n"
    )
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_cli_token_create_list_revoke(run_cli):
    created = run_cli("token", "create", "--role", "member", "--name", "bot")
    assert created.exit_code == 0, created.output
    token = created.stdout.splitlines()[-1]
    accounts = Accounts(Store(run_cli.home))
    assert token.startswith(TOKEN_PREFIX) and accounts.role_for_token(token) == "member"
    listed = run_cli("token", "list")
    assert listed.exit_code == 0 and "bot" in listed.output and "active" in listed.output
    assert token not in listed.output and token[len(TOKEN_PREFIX) :] not in listed.output
    revoked = run_cli("token", "revoke", "bot")
    assert revoked.exit_code == 0 and "Revoked member token" in revoked.output
    assert accounts.role_for_token(token) is None
    assert "revoked" in run_cli("token", "list").output
