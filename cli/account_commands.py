"""`kb user ...` and `kb token ...`: who may sign in to the web app and who may call the API."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.context import CliState, fail, pass_state
from kb.accounts import TOKEN_ROLES, USER_ROLES, AccountError, Accounts


def open_accounts(state: CliState) -> Accounts:
    """Open the accounts of the home (the embedding model is not needed for this)."""
    from kb.store import Store

    home = Path(state.config.home)
    home.mkdir(parents=True, exist_ok=True)
    return Accounts(Store(home))


def read_password(from_stdin: bool) -> str:
    """Read a new password from the first line of stdin, or ask twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt(
        "Password", hide_input=True, confirmation_prompt="Repeat the password", err=True
    )


def register_account_commands(cli: click.Group) -> None:
    """Attach the `user` and `token` command groups."""

    @cli.group()
    def user() -> None:
        """Add, list and remove people who sign in to the web app."""

    @user.command("add")
    @click.argument("name")
    @click.option(
        "--role",
        required=True,
        type=click.Choice(USER_ROLES),
        help="member: members-only documents; staff: everything and uploads; "
        "admin: staff who also manage.",
    )
    @click.option(
        "--password-stdin",
        is_flag=True,
        help="Read the password from the first line of stdin instead of asking.",
    )
    @pass_state
    def user_add(state: CliState, name, role, password_stdin) -> None:
        """Add a user with a role and a password."""
        accounts = open_accounts(state)
        try:
            created = accounts.add_user(name, role, read_password(password_stdin))
        except AccountError as error:
            fail(str(error), status=2)
        click.echo(f"Added {created.role} {created.name}.")

    @user.command("list")
    @pass_state
    def user_list(state: CliState) -> None:
        """List users with their role and creation date."""
        users = open_accounts(state).list_users()
        for person in users:
            click.echo(f"{person.name:<24} {person.role:<7} {person.created_at}")
        if not users:
            click.echo("No users.", err=True)

    @user.command("remove")
    @click.argument("name")
    @pass_state
    def user_remove(state: CliState, name) -> None:
        """Remove a user; they are signed out at their next request."""
        try:
            removed = open_accounts(state).remove_user(name)
        except AccountError as error:
            fail(str(error), status=2)
        click.echo(f"Removed {removed.role} {removed.name}.")

    @cli.group()
    def token() -> None:
        """Create, list and revoke API tokens (sent as 'Authorization: Bearer TOKEN')."""

    @token.command("create")
    @click.option(
        "--role",
        required=True,
        type=click.Choice(TOKEN_ROLES),
        help="What the token may read: members-only or everything.",
    )
    @click.option("--name", default=None, help="A name to revoke it by (default ROLE-ID).")
    @pass_state
    def token_create(state: CliState, role, name) -> None:
        """Create a token; it is printed once, as the last line, and cannot be shown again."""
        accounts = open_accounts(state)
        try:
            token_id, secret = accounts.create_token(role, name)
        except AccountError as error:
            fail(str(error), status=2)
        created = next(t for t in accounts.list_tokens() if t.id == token_id)
        click.echo(
            f"Created {role} token {token_id} ({created.name}). "
            "Copy it now: it is not stored and cannot be shown again."
        )
        click.echo(secret)

    @token.command("revoke")
    @click.argument("id_or_name")
    @pass_state
    def token_revoke(state: CliState, id_or_name) -> None:
        """Revoke a token by id or name; requests using it get 401 from then on."""
        try:
            revoked = open_accounts(state).revoke_token(id_or_name)
        except AccountError as error:
            fail(str(error), status=2)
        for info in revoked:
            click.echo(f"Revoked {info.role} token {info.id} ({info.name}).")

    @token.command("list")
    @pass_state
    def token_list(state: CliState) -> None:
        """List tokens: id, name, role, created and revoked dates (never the tokens)."""
        tokens = open_accounts(state).list_tokens()
        for info in tokens:
            status = f"revoked {info.revoked_at}" if info.revoked_at else "active"
            click.echo(f"{info.id:>4}  {info.name:<24} {info.role:<7} {info.created_at}  {status}")
        if not tokens:
            click.echo("No tokens.", err=True)
