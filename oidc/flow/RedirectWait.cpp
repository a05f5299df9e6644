#include "RedirectWait.h"

#include "oidc/flow/LoopbackRedirectListener.h"

namespace oidc::flow {

RedirectWait::RedirectWait(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        end(makeError(ErrorCategory::Listener, "LISTENER_TIMEOUT",
                      "no redirect came back within " + std::to_string(m_timeoutMs / 1000) + " s; the wait is over (rp-checks L5)"));
    });
}

RedirectWait::~RedirectWait() = default; // the listener is a child: it closes with this object

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
    begin(false, listener->redirectUri(), timeoutMs, std::move(judge));
    return {};
}

void RedirectWait::openEmbedded(const QUrl &url, const QString &redirectUri, int timeoutMs, Judge judge)
{
    cancel();
    begin(true, redirectUri, timeoutMs, std::move(judge));
    // Last: the receiver may find it cannot open the browser and cancel the wait from here.
    Q_EMIT openInEmbeddedBrowser(url, {QUrl(redirectUri)});
}

void RedirectWait::begin(bool embedded, const QString &redirectUri, int timeoutMs, Judge judge)
{
    m_embedded = embedded;
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
    const bool embedded = m_waiting && m_embedded;
    m_waiting = false;
    m_timeout.stop();
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
