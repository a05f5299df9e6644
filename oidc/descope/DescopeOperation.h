#pragma once

// One DescopeClient operation in flight (the client's own helper, as FlowOperation is
// FlowSession's): the stage it waits on — a request, the poller, a keys fetch — and its callback,
// called exactly once: with its result, or with NET_CANCELLED when cancelled while nothing answers
// for it. Cancel reaches whatever runs now: the handle is re-pointed at each stage; a stage that
// answers its own cancel (the transport with NET_CANCELLED, the poller with POLL_CANCELLED) ends
// the operation with that answer. Work off the calling thread (session checks, key imports) is not
// awaited: its late result is dropped, and nothing is committed after a cancel.

#include "oidc/descope/DescopeSession.h"
#include "oidc/net/Http.h"

#include <functional>
#include <memory>
#include <utility>

namespace oidc::descope {

// How an operation's result carries an error: Result<T> converts; SessionOutcome has no session.
template <typename T>
struct FailureOf final {
    static T make(Error error) { return T(std::move(error)); }
};

template <>
struct FailureOf<SessionOutcome> final {
    static SessionOutcome make(Error error) { return failedOutcome(std::move(error)); }
};

template <typename T>
class DescopeOperation final : public std::enable_shared_from_this<DescopeOperation<T>> {
public:
    using Callback = std::function<void(T)>;
    using FromError = std::function<T(Error)>;

    [[nodiscard]] static std::shared_ptr<DescopeOperation> start(Callback done, FromError fromError = &FailureOf<T>::make)
    {
        return std::shared_ptr<DescopeOperation>(new DescopeOperation(std::move(done), std::move(fromError)));
    }

    DescopeOperation(const DescopeOperation &) = delete;
    DescopeOperation &operator=(const DescopeOperation &) = delete;

    // The stage that runs now (cancel reaches it).
    void follow(net::RequestHandle stage) { m_stage = std::move(stage); }
    [[nodiscard]] bool isFinished() const { return m_finished; }

    // Delivers the result; later calls (a result after a cancel) are dropped.
    void finish(T result)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_stage = {};
        const Callback done = std::move(m_done);
        done(std::move(result));
    }
    void fail(Error error) { finish(m_fromError(std::move(error))); }

    [[nodiscard]] net::RequestHandle handle()
    {
        return net::RequestHandle([weak = this->weak_from_this()] {
            if (const auto operation = weak.lock())
                operation->cancel();
        });
    }

private:
    DescopeOperation(Callback done, FromError fromError) : m_done(std::move(done)), m_fromError(std::move(fromError)) {}

    void cancel()
    {
        if (m_finished)
            return;
        std::exchange(m_stage, {}).cancel();
        if (!m_finished)
            fail(makeError(ErrorCategory::Net, "NET_CANCELLED", "cancelled"));
    }

    Callback m_done;
    FromError m_fromError;
    net::RequestHandle m_stage;
    bool m_finished = false;
};

} // namespace oidc::descope
