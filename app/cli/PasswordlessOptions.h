#pragma once

// The options of the sign-ins that send something to the user (enchanted-link, magic-link, otp):
// --login-id, --signup-in, --uri (links only), --step-up with --refresh-token-file, and the
// PasswordlessStart they make.

#include "DescopeRun.h"

#include "oidc/descope/PasswordlessStart.h"

#include <QCommandLineOption>

namespace cli {

enum class LinkTarget { Given, None }; // links take --uri, OTP sends no link

struct PasswordlessOptions final {
    QCommandLineOption loginId{QStringLiteral("login-id"), QStringLiteral("The user's login ID (email or phone)."), QStringLiteral("ID")};
    QCommandLineOption signUpIn{QStringLiteral("signup-in"), QStringLiteral("Sign up when the user does not exist yet.")};
    QCommandLineOption uri{QStringLiteral("uri"), QStringLiteral("The link's target (default: the project's setting)."), QStringLiteral("URL")};
    QCommandLineOption stepUp{QStringLiteral("step-up"), QStringLiteral("Step up the session of --refresh-token-file (claims gain su).")};
    QCommandLineOption refreshFile{QStringLiteral("refresh-token-file"), QStringLiteral("File holding the refresh JWT to step up."),
                                   QStringLiteral("F")};

    [[nodiscard]] QList<QCommandLineOption> list(LinkTarget target) const;
    // Errors (INPUT): a missing --login-id, those of DescopeRun::stepUp.
    [[nodiscard]] oidc::Result<oidc::descope::PasswordlessStart> start(const DescopeRun &run, LinkTarget target) const;
};

} // namespace cli
