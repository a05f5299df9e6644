#pragma once

// One FlowSession operation in flight (FlowSession's own helper): the reports it collects, the
// step it is in, the request it waits on, and its callback, called exactly once — with its result,
// or with NET_CANCELLED when cancelled.
//
// Cancel reaches whatever the operation is doing now: the handle it returns is re-pointed to each
// request as the operation moves on (discovery's RFC 8414 fallback, a JWKS refetch after an
// unknown kid). Cancelled while it works off the calling thread (PKCE, ID-token validation), it
// ends at once, and the late result is dropped: nothing is committed after a cancel.

#include "oidc/flow/StepReport.h"
#include "oidc/net/Http.h"

#include <functional>
#include <memory>
#include <utility>

namespace oidc::flow {

class FlowOperationBase : public std::enable_shared_from_this<FlowOperationBase> {
public:
    virtual ~FlowOperationBase() = default;
    FlowOperationBase(const FlowOperationBase &) = delete;
    FlowOperationBase &operator=(const FlowOperationBase &) = delete;

    // The step that runs now (a cancel is reported against it) and the request it waits on.
    void enter(FlowStep step) { m_step = step; }
    void follow(net::RequestHandle request) { m_request = std::move(request); }

    void report(StepReport report) { m_reports.push_back(std::move(report)); }
    // Reports `step` as failed with `error` and ends the operation with it.
    void fail(FlowStep step, const Error &error)
    {
        if (m_finished)
            return;
        report(StepReport{step, false, QString::fromStdString(error.summary()), error, {}});
        end(error);
    }

    [[nodiscard]] bool isFinished() const { return m_finished; }

    // Cancels the request in flight (its callback then fails the step with NET_CANCELLED) or, while
    // none is, ends the operation at once. Does nothing once it has finished.
    [[nodiscard]] net::RequestHandle handle()
    {
        return net::RequestHandle([weak = weak_from_this()] {
            if (const auto operation = weak.lock())
                operation->cancel();
        });
    }

protected:
    explicit FlowOperationBase(FlowStep step) : m_step(step) {}
    virtual void end(const Error &error) = 0;

    std::vector<StepReport> m_reports;
    bool m_finished = false;
    net::RequestHandle m_request;

private:
    void cancel()
    {
        if (m_finished)
            return;
        const net::RequestHandle request = std::exchange(m_request, {});
        request.cancel();
        if (!m_finished)
            fail(m_step, makeError(ErrorCategory::Net, "NET_CANCELLED", "cancelled"));
    }

    FlowStep m_step;
};

template <typename T>
class FlowOperation final : public FlowOperationBase {
public:
    using Callback = std::function<void(StepOutcome<T>)>;

    [[nodiscard]] static std::shared_ptr<FlowOperation> start(FlowStep step, Callback done)
    {
        return std::shared_ptr<FlowOperation>(new FlowOperation(step, std::move(done)));
    }

    // Delivers the result and every report; later calls (a result after a cancel) are dropped.
    void finish(Result<T> result)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_request = {};
        const Callback done = std::move(m_done);
        done(StepOutcome<T>{std::move(result), std::move(m_reports)});
    }

private:
    FlowOperation(FlowStep step, Callback done) : FlowOperationBase(step), m_done(std::move(done)) {}
    void end(const Error &error) override { finish(error); }

    Callback m_done;
};

} // namespace oidc::flow
