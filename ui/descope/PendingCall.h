#pragma once

// The one Descope call a starter has in flight, for its Cancel button and its busy state. Each
// call gets a ticket and its answer counts only while that ticket is current: an answer after a
// newer call, after drop() (a new project: DescopeContext destroys the clients, and no answer
// comes) or after abandon() is ignored. cancel() makes the client answer NET_CANCELLED (or the
// poller POLL_CANCELLED) at once, to the current ticket, so the owner resets its state in one
// place. The owner calls abandon() first thing in its destructor: the call is cancelled, its
// answer is ignored, and nothing reaches the owner afterwards (DescopeClient answers exactly once).

#include "oidc/net/Http.h"

#include <QtGlobal>

#include <functional>

namespace ui {

class PendingCall final {
public:
    explicit PendingCall(std::function<void(bool busy)> busyChanged);
    ~PendingCall();
    PendingCall(const PendingCall &) = delete;
    PendingCall &operator=(const PendingCall &) = delete;

    // A new call (an earlier one is dropped): busy until its answer reaches end().
    [[nodiscard]] quint64 begin();
    // The call's handle, as the client returned it (it may have answered already).
    void attach(quint64 ticket, oidc::net::RequestHandle handle);
    // True when `ticket` is the current call's: it is over (not busy). False: ignore the answer.
    [[nodiscard]] bool end(quint64 ticket);

    void cancel();
    void drop();
    void abandon();
    [[nodiscard]] bool isBusy() const { return m_ticket != 0; }

private:
    void setIdle();

    std::function<void(bool)> m_busyChanged;
    oidc::net::RequestHandle m_handle;
    quint64 m_ticket = 0; // 0: nothing in flight
    quint64 m_lastTicket = 0;
    bool m_abandoned = false;
};

} // namespace ui
