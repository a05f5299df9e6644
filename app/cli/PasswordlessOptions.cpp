#include "PasswordlessOptions.h"

namespace cli {

QList<QCommandLineOption> PasswordlessOptions::list(LinkTarget target) const
{
    QList<QCommandLineOption> options{loginId, signUpIn, stepUp, refreshFile};
    if (target == LinkTarget::Given)
        options.append(uri);
    return options;
}

oidc::Result<oidc::descope::PasswordlessStart> PasswordlessOptions::start(const DescopeRun &run, LinkTarget target) const
{
    using namespace oidc::descope;
    auto id = run.required(loginId);
    if (!id)
        return id.error();
    auto loginOptions = run.stepUp(stepUp, refreshFile);
    if (!loginOptions)
        return loginOptions.error();
    PasswordlessStart result;
    result.operation = run.parser().isSet(signUpIn) ? LoginOperation::SignUpOrIn : LoginOperation::SignIn;
    result.loginId = *id;
    if (target == LinkTarget::Given)
        result.redirectUrl = run.parser().value(uri).toStdString();
    result.loginOptions = std::move(loginOptions).value();
    return result;
}

} // namespace cli
