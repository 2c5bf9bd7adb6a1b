"""Mailing the digest to a local SMTP server (aiosmtpd) and what goes wrong without one."""

from __future__ import annotations

import email
import logging
import socket
from dataclasses import replace
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from digest_data import DAY, filled_store

from goftar.digest import build_digest, send_digest
from goftar.errors import ConfigError, GoftarError
from goftar.settings import Settings
from goftar.watches import add_watch


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def mail_settings(settings: Settings, smtp_server) -> Settings:
    controller, _ = smtp_server
    return replace(
        settings,
        smtp_host="127.0.0.1",
        smtp_port=controller.port,
        smtp_starttls=False,
        digest_to="analyst@example.org, desk@example.org",
    )


def test_digest_is_mailed_as_rtl_html_with_text_and_inline_chart(
    mail_settings: Settings, smtp_server
) -> None:
    _, inbox = smtp_server
    store = filled_store(mail_settings)
    send_digest(build_digest(store, DAY, mail_settings), mail_settings)
    store.close()
    ((rcpts, msg),) = inbox.messages
    assert rcpts == ["analyst@example.org", "desk@example.org"]
    assert "۳۰ آبان ۱۴۰۵" in msg["Subject"] and "۴ تعهد تازه" in msg["Subject"]
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html_part = msg.get_body(preferencelist=("html",))
    html = html_part.get_content()
    assert "علیرضا زاکانی" in text and '<html lang="fa" dir="rtl">' in html
    (image,) = [p for p in msg.walk() if p.get_content_type() == "image/png"]
    cid = image["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html
    assert image.get_content().startswith(b"\x89PNG")


def test_watch_recipients_get_their_own_mail(mail_settings: Settings, smtp_server) -> None:
    _, inbox = smtp_server
    add_watch(mail_settings, "مترو", "مترو", recipients=["metro@example.org", "desk@example.org"])
    store = filled_store(mail_settings)
    send_digest(build_digest(store, DAY, mail_settings), mail_settings, recipients=["desk@example.org"])
    store.close()
    by_rcpt = {tuple(r): m for r, m in inbox.messages}
    assert set(by_rcpt) == {("desk@example.org",), ("metro@example.org",)}  # nobody mailed twice
    assert "مترو" in by_rcpt[("metro@example.org",)]["Subject"]


def test_no_smtp_host_is_a_clear_error(settings: Settings) -> None:
    store = filled_store(settings)
    with pytest.raises(ConfigError, match="GOFTAR_SMTP_HOST"):
        send_digest(build_digest(store, DAY, settings), settings)
    store.close()


class Refuse:
    def __call__(self, server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False)


def test_refused_login_never_shows_the_password(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    controller = Controller(
        Inbox(), hostname="127.0.0.1", port=free_port(), authenticator=Refuse(), auth_require_tls=False
    )
    controller.start()
    try:
        port = controller.port
        secret = "s3cr3t-Pa55"
        mail = replace(
            settings,
            smtp_host="127.0.0.1",
            smtp_port=port,
            smtp_starttls=False,
            smtp_user="bot",
            smtp_password=secret,
            digest_to="a@example.org",
        )
        store = filled_store(mail)
        caplog.set_level(logging.DEBUG, logger="goftar")  # ours, not the test server's own log
        with pytest.raises(GoftarError) as info:
            send_digest(build_digest(store, DAY, mail), mail)
        store.close()
    finally:
        controller.stop()
    assert "login" in str(info.value) and secret not in str(info.value)
    assert secret not in caplog.text


def test_a_watch_name_with_a_line_break_does_not_stop_the_mail(settings: Settings) -> None:
    from goftar.digest.deliver import build_message
    from goftar.digest.sections import WatchSection

    store = filled_store(settings)
    digest = build_digest(store, DAY, settings)
    store.close()
    watch = WatchSection(name="مترو\nBcc: someone@example.org", query="مترو", matches=digest.due_soon)
    msg = build_message(digest, settings, ["metro@example.org"], watch)
    assert "\n" not in msg["Subject"] and "مترو Bcc: someone@example.org" in msg["Subject"]
    assert msg["Bcc"] is None
