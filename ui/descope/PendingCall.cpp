#include "PendingCall.h"

#include <utility>

namespace ui {

PendingCall::PendingCall(std::function<void(bool busy)> busyChanged)
    : m_busyChanged(std::move(busyChanged))
{
}

PendingCall::~PendingCall()
{
    abandon();
}

quint64 PendingCall::begin()
{
    const bool wasBusy = isBusy();
    const oidc::net::RequestHandle earlier = std::exchange(m_handle, {});
    m_ticket = ++m_lastTicket;
    earlier.cancel(); // answers the old ticket, which end() no longer takes
    if (!wasBusy && !m_abandoned && m_busyChanged)
        m_busyChanged(true);
    return m_ticket;
}

void PendingCall::attach(quint64 ticket, oidc::net::RequestHandle handle)
{
    if (ticket == m_ticket)
        m_handle = std::move(handle);
}

bool PendingCall::end(quint64 ticket)
{
    if (ticket == 0 || ticket != m_ticket || m_abandoned)
        return false;
    m_handle = {};
    setIdle();
    return true;
}

void PendingCall::cancel()
{
    if (!isBusy())
        return;
    const oidc::net::RequestHandle handle = std::exchange(m_handle, {});
    handle.cancel(); // the answer (NET_CANCELLED) reaches end() with the current ticket
    if (isBusy())
        setIdle(); // a call that had not attached its handle yet
}

void PendingCall::drop()
{
    m_handle = {};
    if (isBusy())
        setIdle();
}

void PendingCall::abandon()
{
    m_abandoned = true;
    m_ticket = 0;
    std::exchange(m_handle, {}).cancel();
}

void PendingCall::setIdle()
{
    m_ticket = 0;
    if (!m_abandoned && m_busyChanged)
        m_busyChanged(false);
}

} // namespace ui
