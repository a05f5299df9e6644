#include "DescopeProject.h"

#include "oidc/flow/ProviderMetadata.h"
#include "oidc/net/Http.h"

#include <QCoreApplication>

#include <algorithm>

namespace oidc::descope {

namespace {

bool isAsciiAlphanumeric(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('a') && c <= QLatin1Char('z'));
}

Status checkProjectId(const QString &projectId)
{
    if (projectId.isEmpty())
        return makeError(ErrorCategory::Input, "DESCOPE_PROJECT_ID", "the project ID is empty", "the ID from the Descope console (P…)");
    if (projectId.size() > DescopeProject::kMaxProjectIdLength || !std::all_of(projectId.begin(), projectId.end(), isAsciiAlphanumeric))
        return makeError(ErrorCategory::Input, "DESCOPE_PROJECT_ID",
                         "a project ID is 1 to " + std::to_string(DescopeProject::kMaxProjectIdLength) + " ASCII letters and digits",
                         "letters and digits", std::to_string(projectId.size()) + " characters");
    return {};
}

Result<QUrl> checkBaseUrl(const QUrl &given, bool allowHttpLoopback)
{
    const std::string shown = given.toString(QUrl::RemoveUserInfo).toStdString();
    if (auto allowed = net::checkEndpointUrl(given, allowHttpLoopback); !allowed)
        return makeError(ErrorCategory::Input, "DESCOPE_BASE_URL", "unusable base URL: " + allowed.error().message, "https://…", shown);
    if (given.hasQuery() || given.hasFragment() || !given.userInfo().isEmpty())
        return makeError(ErrorCategory::Input, "DESCOPE_BASE_URL", "a base URL has no user info, query or fragment", "https://host[/path]",
                         shown);
    QUrl url = given.adjusted(QUrl::StripTrailingSlash);
    if (url.path() == QLatin1String("/"))
        url.setPath(QString());
    return url;
}

} // namespace

Result<DescopeProject> DescopeProject::create(const QString &projectId, const QUrl &baseUrl, bool allowHttpLoopback, ClientIdentity identity)
{
    if (auto valid = checkProjectId(projectId); !valid)
        return valid.error();
    auto base = checkBaseUrl(flow::descopeBaseUrl(projectId, baseUrl), allowHttpLoopback);
    if (!base)
        return base.error();
    DescopeProject project;
    project.m_projectId = projectId;
    project.m_baseUrl = std::move(base).value();
    project.m_derived = baseUrl.isEmpty();
    project.m_allowHttpLoopback = allowHttpLoopback;
    if (identity.sdkVersion.isEmpty())
        identity.sdkVersion = QCoreApplication::applicationVersion().isEmpty() ? QByteArray("dev")
                                                                                : QCoreApplication::applicationVersion().toUtf8();
    project.m_identity = std::move(identity);
    return project;
}

QUrl DescopeProject::endpoint(std::string_view path) const
{
    while (!path.empty() && path.front() == '/')
        path.remove_prefix(1);
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + QLatin1Char('/') + QString::fromUtf8(path.data(), static_cast<qsizetype>(path.size())));
    return url;
}

QString DescopeProject::issuer() const
{
    return flow::descopeIssuer(m_baseUrl, m_projectId);
}

QUrl DescopeProject::keysUrl() const
{
    return endpoint("v2/keys/" + m_projectId.toStdString());
}

} // namespace oidc::descope
