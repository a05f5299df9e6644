#include "SandboxRequest.h"

namespace sandbox {

namespace {

QByteArrayView mediaType(QByteArrayView contentType)
{
    if (const qsizetype semicolon = contentType.indexOf(';'); semicolon >= 0)
        contentType = contentType.first(semicolon);
    return contentType.trimmed();
}

} // namespace

SandboxRequest::SandboxRequest(const oidc::net::LocalHttpRequest &http, const Router::Match &match)
    : m_http(http)
    , m_match(match)
{
}

QByteArrayView SandboxRequest::routePattern() const
{
    return m_match.route ? QByteArrayView(m_match.route->pattern) : QByteArrayView();
}

std::string SandboxRequest::param(QByteArrayView name) const
{
    for (const auto &param : m_match.params) {
        if (QByteArrayView(param.name) == name)
            return param.value.toStdString();
    }
    return {};
}

const FormParams &SandboxRequest::query() const
{
    if (!m_query)
        m_query = FormParams::fromUrlEncoded(m_http.query());
    return *m_query;
}

std::optional<std::string> SandboxRequest::cookie(std::string_view name) const
{
    // RFC 6265 §5.4: "name=value; name2=value2". Several Cookie fields are joined the same way.
    for (qsizetype i = 0; i < m_http.headerCount(); ++i) {
        if (m_http.headerName(i).compare("cookie", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArrayView value = m_http.headerValue(i);
        qsizetype start = 0;
        while (start < value.size()) {
            qsizetype end = value.indexOf(';', start);
            if (end < 0)
                end = value.size();
            const QByteArrayView pair = value.sliced(start, end - start).trimmed();
            const qsizetype equals = pair.indexOf('=');
            if (equals > 0 && pair.first(equals).trimmed() == QByteArrayView(name.data(), static_cast<qsizetype>(name.size())))
                return pair.sliced(equals + 1).trimmed().toByteArray().toStdString();
            start = end + 1;
        }
    }
    return std::nullopt;
}

bool SandboxRequest::hasFormBody() const
{
    return mediaType(m_http.header("content-type")).compare("application/x-www-form-urlencoded", Qt::CaseInsensitive) == 0;
}

bool SandboxRequest::hasJsonBody() const
{
    const QByteArrayView type = mediaType(m_http.header("content-type"));
    return type.compare("application/json", Qt::CaseInsensitive) == 0 || type.endsWith("+json");
}

const oidc::Result<oidc::Json> &SandboxRequest::jsonBody() const
{
    if (!m_json) {
        if (m_http.body().trimmed().isEmpty()) {
            m_json.emplace(oidc::Json::object());
        } else {
            oidc::JsonParseOptions options;
            options.what = "the request body";
            m_json.emplace(oidc::parseJsonObject(bodyText(), options));
        }
    }
    return *m_json;
}

oidc::Result<FormParams> SandboxRequest::oauthParams() const
{
    if (method() == "GET" || method() == "HEAD")
        return query();
    if (hasFormBody())
        return FormParams::fromUrlEncoded(m_http.body());
    if (hasJsonBody() || m_http.body().trimmed().startsWith('{')) {
        const auto &json = jsonBody();
        if (!json)
            return json.error();
        return FormParams::fromJsonObject(json.value());
    }
    if (m_http.header("content-type").isNull() || m_http.body().isEmpty())
        return FormParams::fromUrlEncoded(m_http.body());
    return oidc::makeError(oidc::ErrorCategory::Sandbox, "PARAM_CONTENT_TYPE",
                           "the body must be application/x-www-form-urlencoded or application/json");
}

std::optional<std::string> SandboxRequest::bearer() const
{
    const QByteArrayView value = m_http.header("authorization");
    if (value.size() < 7 || value.first(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    return value.sliced(7).trimmed().toByteArray().toStdString();
}

std::string SandboxRequest::peer() const
{
    return m_http.peerAddress().toString().toStdString() + ":" + std::to_string(m_http.peerPort());
}

} // namespace sandbox
