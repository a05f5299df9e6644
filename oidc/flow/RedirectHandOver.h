#pragma once

// Where redirects to a private-use URI scheme arrive in this process (RFC 8252 §7.1). The desktop
// starts `oidcplay <url>`; the app's single-instance guard (ui::SingleInstance) hands the URL to
// the running app, which offers it here; the RedirectWait waiting in private-use mode for that
// scheme judges it (every callback check, FlowSession::acceptCallback). One per process, owned by
// the app (ui::AppContext); tests offer URLs directly.

#include "oidc/Result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace oidc::flow {

class RedirectWait;

class RedirectHandOver final : public QObject {
    Q_OBJECT
public:
    explicit RedirectHandOver(QObject *parent = nullptr) : QObject(parent) {}

    // The verdict of the wait expecting this URL's scheme (and path), or LISTENER_NOT_WAITING
    // when no sign-in or logout waits for a redirect to that scheme.
    Status offer(const QUrl &url);
    [[nodiscard]] bool hasWaits() const;

private:
    friend class RedirectWait;
    void attach(RedirectWait *wait);
    void detach(RedirectWait *wait);

    QList<QPointer<RedirectWait>> m_waits;
};

} // namespace oidc::flow
