#include "RedirectHandOver.h"

#include "oidc/flow/RedirectWait.h"

#include <algorithm>

namespace oidc::flow {

Status RedirectHandOver::offer(const QUrl &url)
{
    // The wait whose redirect URI this is; else one on the same scheme, which refuses the path
    // and keeps waiting (a stray redirect, rp-checks A1).
    RedirectWait *sameScheme = nullptr;
    const QList<QPointer<RedirectWait>> waits = m_waits; // delivering may end or start waits
    for (const QPointer<RedirectWait> &wait : waits) {
        if (!wait || !wait->isWaiting())
            continue;
        if (wait->expectsRedirect(url))
            return wait->deliver(url);
        if (!sameScheme && wait->expectsScheme(url))
            sameScheme = wait;
    }
    if (sameScheme)
        return sameScheme->deliver(url);
    return makeError(ErrorCategory::Listener, "LISTENER_NOT_WAITING",
                     "no sign-in or logout waits for a redirect to " + url.scheme().toStdString() + ":");
}

bool RedirectHandOver::hasWaits() const
{
    return std::any_of(m_waits.cbegin(), m_waits.cend(), [](const QPointer<RedirectWait> &wait) { return wait && wait->isWaiting(); });
}

void RedirectHandOver::attach(RedirectWait *wait)
{
    if (!m_waits.contains(wait))
        m_waits.append(wait);
}

void RedirectHandOver::detach(RedirectWait *wait)
{
    m_waits.removeIf([wait](const QPointer<RedirectWait> &entry) { return !entry || entry == wait; });
}

} // namespace oidc::flow

#include "moc_RedirectHandOver.cpp"
