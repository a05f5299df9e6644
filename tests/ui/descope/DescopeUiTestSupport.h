#pragma once

// Shared by the Descope GUI tests: an app context with the built-in sandbox running (as the app
// starts it), and a sign-in through an area's client against it — OTP by email, the code read from
// the sandbox's Inbox as a person would read it — so a test starts from a real session.

#include "ui/descope/DescopeContext.h"

#include "oidc/descope/DescopeSession.h"

#include <QString>
#include <QStringView>

#include <functional>

namespace descope_testing {

// Turns the event loop until `done` or `timeoutMs`; false on timeout.
[[nodiscard]] bool waitFor(const std::function<bool()> &done, int timeoutMs = 20000);

// The newest OTP code the sandbox sent to `loginId` after message `afterId`; empty when none came.
[[nodiscard]] QString waitForOtpCode(ui::DescopeContext &context, const QString &loginId, quint64 afterId = 0, int timeoutMs = 20000);
// The id of the newest message in the sandbox's Inbox (0 when empty).
[[nodiscard]] quint64 newestInboxId(ui::DescopeContext &context);

// Signs `loginId` in by email OTP through `area`'s client; the outcome (DESCOPE_NOT_RUN with a
// message when a step did not answer in time).
[[nodiscard]] oidc::descope::SessionOutcome otpSignIn(ui::DescopeContext &context, QStringView area, const QString &loginId);

} // namespace descope_testing
