#include "DescopeUiTestSupport.h"

#include "ui/AppContext.h"

#include "sandbox/SandboxHost.h"

#include <QTest>

#include <optional>

namespace descope_testing {

using oidc::descope::SessionOutcome;

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    return QTest::qWaitFor(done, timeoutMs);
}

quint64 newestInboxId(ui::DescopeContext &context)
{
    const auto &inbox = context.app().sandbox()->inbox();
    return inbox.empty() ? 0 : inbox.front().id;
}

QString waitForOtpCode(ui::DescopeContext &context, const QString &loginId, quint64 afterId, int timeoutMs)
{
    QString code;
    (void)waitFor(
        [&] {
            for (const sandbox::InboxMessage &message : context.app().sandbox()->inbox()) {
                if (message.id > afterId && message.kind == "otp" && QString::fromStdString(message.loginId).compare(loginId, Qt::CaseInsensitive) == 0) {
                    code = QString::fromStdString(message.code);
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return code;
}

SessionOutcome otpSignIn(ui::DescopeContext &context, QStringView area, const QString &loginId)
{
    oidc::descope::DescopeClient *client = context.client(area);
    if (!client)
        return oidc::descope::failedOutcome(oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NOT_RUN", "no Descope project"));
    const quint64 before = newestInboxId(context);
    std::optional<oidc::Status> started;
    oidc::descope::PasswordlessStart start;
    start.loginId = loginId.toStdString();
    (void)client->startOtp(oidc::descope::DeliveryMethod::Email, start, [&started](oidc::Result<oidc::descope::MaskedAddress> answer) {
        started = answer.ok() ? oidc::Status() : oidc::Status(answer.error());
    });
    if (!waitFor([&] { return started.has_value(); }))
        return oidc::descope::failedOutcome(oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NOT_RUN", "the OTP start did not answer"));
    if (!*started)
        return oidc::descope::failedOutcome(started->error()); // the start's refusal, as the server gave it
    const QString code = waitForOtpCode(context, loginId, before);
    if (code.isEmpty())
        return oidc::descope::failedOutcome(oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NOT_RUN", "no code in the inbox"));
    std::optional<SessionOutcome> verified;
    (void)client->verifyOtp(oidc::descope::DeliveryMethod::Email, start.loginId, code.toStdString(),
                            [&verified](SessionOutcome outcome) { verified = std::move(outcome); });
    if (!waitFor([&] { return verified.has_value(); }))
        return oidc::descope::failedOutcome(oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NOT_RUN", "the OTP verify did not answer"));
    return std::move(*verified);
}

} // namespace descope_testing
