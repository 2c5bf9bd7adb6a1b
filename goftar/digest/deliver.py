"""Deliver the digest by SMTP: a multipart/alternative mail (plain text + RTL HTML with the chart inline).

Credentials come from ``Settings`` (environment) or, in Airflow, from a Connection the DAG turns into
Settings; they are never logged. Each watch with its own recipients gets its own mail, whose subject names
the watch; a recipient is mailed once per digest.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from goftar.digest.chart import render_chart
from goftar.digest.render import render_html, render_text, subject
from goftar.digest.sections import Digest, WatchSection
from goftar.errors import ConfigError, GoftarError
from goftar.jalali import fa_number
from goftar.settings import Settings

log = logging.getLogger(__name__)

SMTP_TIMEOUT = 60


def send_digest(digest: Digest, settings: Settings, recipients: list[str] | None = None) -> None:
    """Mail ``digest`` to ``recipients`` (default: ``GOFTAR_DIGEST_TO``) and to each watch's recipients.

    Raises ConfigError when no SMTP host or no recipient is configured, GoftarError when the server
    refuses or cannot be reached.
    """
    if not settings.smtp_host:
        raise ConfigError(
            "no SMTP server configured: set GOFTAR_SMTP_HOST (and GOFTAR_DIGEST_TO) to mail the digest"
        )
    main = _addresses(recipients if recipients is not None else settings.digest_to.split(","))
    messages = [build_message(digest, settings, main)] if main else []
    mailed = set(main)
    for watch in digest.watches:
        extra = [r for r in _addresses(watch.recipients) if r not in mailed]
        if extra and watch.matches:
            messages.append(build_message(digest, settings, extra, watch))
            mailed.update(extra)
    if not messages:
        raise ConfigError("the digest has no recipients: set GOFTAR_DIGEST_TO or pass recipients")
    _send(messages, settings)


def _addresses(raw: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for address in raw:
        if address.strip():
            seen.setdefault(address.strip(), None)
    return list(seen)


def build_message(
    digest: Digest, settings: Settings, recipients: list[str], watch: WatchSection | None = None
) -> EmailMessage:
    """The mail: plain text, then HTML with the chart as a related inline image (``cid:``), which mail
    clients show without "load remote images" (unlike ``data:`` URIs, which Gmail and Outlook drop)."""
    msg = EmailMessage()
    title = subject(digest)
    if watch is not None:
        title = f"{title} · {watch.name}: {fa_number(len(watch.matches))} مورد تازه"
    # One line: a watch name is the user's text, and a line break in a header makes the mail unsendable.
    msg["Subject"] = " ".join(title.split())
    msg["From"] = settings.digest_from
    msg["To"] = ", ".join(recipients)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=settings.digest_from.rpartition("@")[2] or "localhost")
    msg.set_content(render_text(digest), subtype="plain", charset="utf-8")
    chart_cid = make_msgid(domain="goftar")
    msg.add_alternative(
        render_html(digest, chart_src=f"cid:{chart_cid[1:-1]}"), subtype="html", charset="utf-8"
    )
    html_part = msg.get_body(preferencelist=("html",))
    assert isinstance(html_part, EmailMessage)  # just added above
    html_part.add_related(
        render_chart(digest.daily_commitments, "png"),
        maintype="image",
        subtype="png",
        cid=chart_cid,
        filename=f"{digest.day.isoformat()}.png",
    )
    return msg


def _send(messages: list[EmailMessage], settings: Settings) -> None:
    log.info("mailing %d digest message(s) via %s:%s", len(messages), settings.smtp_host, settings.smtp_port)
    try:
        with _connect(settings) as smtp:
            for msg in messages:
                smtp.send_message(msg)
    except smtplib.SMTPAuthenticationError as exc:
        # The server's reply, not our credentials, goes into the message.
        raise GoftarError(f"SMTP login to {settings.smtp_host} refused ({exc.smtp_code})") from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise GoftarError(
            f"cannot mail the digest via {settings.smtp_host}:{settings.smtp_port}: {exc}"
        ) from exc


def _connect(settings: Settings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if settings.smtp_port == 465:  # implicit TLS ("SMTPS")
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT)
    try:
        if settings.smtp_starttls and settings.smtp_port != 465:
            smtp.starttls(context=context)
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
    except BaseException:
        smtp.close()
        raise
    return smtp
