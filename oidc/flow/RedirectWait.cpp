#include "RedirectWait.h"

#include "oidc/flow/LoopbackRedirectListener.h"
#include "oidc/flow/RedirectHandOver.h"

namespace oidc::flow {

RedirectWait::RedirectWait(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        end(makeError(ErrorCategory::Listener, "LISTENER_TIMEOUT",
                      "no redirect came back within " + std::to_string(m_timeoutMs / 1000) + " s; the wait is over (rp-checks L5)"));
    });
}

RedirectWait::~RedirectWait()
{
    // The listener is a child: it closes with this object. The hand-over is not.
    if (RedirectHandOver *handOver = m_handOver)
        handOver->detach(this);
}

Status RedirectWait::listen(quint16 port, const QString &path, int timeoutMs, Judge judge)
{
    cancel();
    auto *listener = new LoopbackRedirectListener(this);
    connect(listener, &LoopbackRedirectListener::strayRequest, this, &RedirectWait::note);
    connect(listener, &LoopbackRedirectListener::accepted, this, [this](const QUrl &redirect) { end(redirect); });
    // The wait keeps the time (0: the listener has no timeout of its own).
    const Status started = listener->start(port, path, 0, [this](const QUrl &redirect) -> Status {
        const Verdict verdict = judgeRedirect(redirect);
        return verdict.error ? Status(*verdict.error) : Status();
    });
    if (!started) {
        listener->deleteLater();
        return started;
    }
    m_listener = listener;
    begin(Mode::Loopback, listener->redirectUri(), timeoutMs, std::move(judge));
    return {};
}

Status RedirectWait::awaitPrivateUse(RedirectHandOver &handOver, const QString &scheme, const QString &path, int timeoutMs, Judge judge)
{
    cancel();
    Result<PrivateUseScheme> parsed = PrivateUseScheme::parse(scheme);
    if (!parsed)
        return parsed.error();
    if (const Status pathOk = PrivateUseScheme::checkPath(path); !pathOk)
        return pathOk;
    m_scheme = *parsed;
    m_schemePath = path;
    m_handOver = &handOver;
    handOver.attach(this);
    begin(Mode::PrivateUse, m_scheme->redirectUri(path), timeoutMs, std::move(judge));
    return {};
}

bool RedirectWait::expectsRedirect(const QUrl &url) const
{
    return m_waiting && m_mode == Mode::PrivateUse && m_scheme && m_scheme->matches(url, m_schemePath);
}

bool RedirectWait::expectsScheme(const QUrl &url) const
{
    return m_waiting && m_mode == Mode::PrivateUse && m_scheme && m_scheme->owns(url);
}

void RedirectWait::openEmbedded(const QUrl &url, const QString &redirectUri, int timeoutMs, Judge judge)
{
    cancel();
    begin(Mode::Embedded, redirectUri, timeoutMs, std::move(judge));
    // Last: the receiver may find it cannot open the browser and cancel the wait from here.
    Q_EMIT openInEmbeddedBrowser(url, {QUrl(redirectUri)});
}

void RedirectWait::begin(Mode mode, const QString &redirectUri, int timeoutMs, Judge judge)
{
    m_mode = mode;
    m_redirectUri = redirectUri;
    m_judge = std::move(judge);
    m_timeoutMs = timeoutMs;
    m_waiting = true;
    if (timeoutMs > 0)
        m_timeout.start(timeoutMs);
}

RedirectWait::Verdict RedirectWait::judgeRedirect(const QUrl &redirect)
{
    if (!m_waiting || !m_judge)
        return Verdict::stray(makeError(ErrorCategory::Listener, "LISTENER_NOT_WAITING", "no sign-in is waiting for a redirect"));
    if (m_mode == Mode::PrivateUse && !expectsRedirect(redirect)) {
        // Only "<scheme>:<path>" is this wait's (RFC 8252 §7.1); the judge never sees the rest.
        const Error foreign = makeError(ErrorCategory::Listener, "LISTENER_FOREIGN_REDIRECT",
                                        "refused a redirect to " + redirect.toString(QUrl::RemoveQuery | QUrl::RemoveFragment).toStdString()
                                            + ": this wait accepts only " + m_redirectUri.toStdString());
        Q_EMIT note(QString::fromStdString(foreign.message));
        return Verdict::stray(foreign);
    }
    const Judge judge = m_judge; // the judge may start another wait, which replaces m_judge
    const Verdict verdict = judge(redirect);
    if (verdict.kind == Verdict::Kind::Refused)
        end(*verdict.error);
    return verdict;
}

Status RedirectWait::deliver(const QUrl &redirect)
{
    const Verdict verdict = judgeRedirect(redirect);
    if (verdict.kind == Verdict::Kind::Accepted) {
        end(redirect);
        return {};
    }
    return *verdict.error;
}

void RedirectWait::cancel()
{
    stop();
}

void RedirectWait::end(const Result<QUrl> &outcome)
{
    if (!m_waiting)
        return;
    stop();
    Q_EMIT finished(outcome);
}

void RedirectWait::stop()
{
    const bool embedded = m_waiting && m_mode == Mode::Embedded;
    m_waiting = false;
    m_timeout.stop();
    if (RedirectHandOver *handOver = m_handOver) {
        m_handOver = nullptr;
        handOver->detach(this);
    }
    if (LoopbackRedirectListener *listener = m_listener) {
        // This may run inside the listener's own handler (a judged redirect): it answers first and
        // closes on the next turn; meanwhile any request finds no wait (LISTENER_NOT_WAITING).
        m_listener = nullptr;
        listener->disconnect(this);
        QMetaObject::invokeMethod(
            listener,
            [listener] {
                listener->cancel();
                listener->deleteLater();
            },
            Qt::QueuedConnection);
    }
    if (embedded)
        Q_EMIT stopEmbeddedBrowser();
}

} // namespace oidc::flow

#include "moc_RedirectWait.cpp"
