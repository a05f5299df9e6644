#include "SandboxAdmin.h"

#include "oidc/Redaction.h"
#include "oidc/net/BlockingSend.h"

namespace cli {

using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;

std::optional<SandboxAdmin> SandboxAdmin::at(const QString &issuer)
{
    const QUrl url(issuer);
    if (url.scheme() != QLatin1String("http") || !oidc::net::isLoopbackHost(url.host()) || url.port() <= 0)
        return std::nullopt;
    QUrl base;
    base.setScheme(url.scheme());
    base.setHost(url.host());
    base.setPort(url.port());
    std::optional<SandboxAdmin> admin(std::in_place, base);
    auto info = admin->call("GET", QStringLiteral("/sandbox/info"), nullptr, 1000);
    if (!info || info->status != 200)
        return std::nullopt;
    auto json = oidc::parseJsonObject(info->bodyView());
    if (!json || !json->contains("issuer") || !(*json)["issuer"].is_string())
        return std::nullopt;
    admin->m_issuer = QString::fromStdString((*json)["issuer"].get<std::string>());
    if ((*json)["projectId"].is_string())
        admin->m_projectId = QString::fromStdString((*json)["projectId"].get<std::string>());
    return admin;
}

oidc::Result<oidc::net::HttpResponse> SandboxAdmin::call(const QByteArray &method, const QString &path, const Json &body, int timeoutMs)
{
    oidc::net::HttpRequest request;
    request.method = method;
    request.url = m_baseUrl.resolved(QUrl(path));
    request.timeoutMs = timeoutMs;
    if (!body.is_null()) {
        request.setHeader("Content-Type", "application/json");
        request.body = QByteArray::fromStdString(body.dump());
    }
    return oidc::net::sendAndWait(*m_transport, request);
}

oidc::Result<Json> SandboxAdmin::faults()
{
    auto response = call("GET", QStringLiteral("/sandbox/faults"));
    if (!response)
        return response.error();
    auto json = oidc::parseJsonObject(response->bodyView());
    if (!json || !(*json)["faults"].is_array())
        return makeError(ErrorCategory::Sandbox, "REPLAY_FAULTS", "the sandbox's fault list could not be read");
    Json faults = Json::array();
    for (Json fault : (*json)["faults"]) {
        fault.erase("id");
        if (fault.contains("count") && fault["count"].is_null())
            fault.erase("count");
        faults.push_back(std::move(fault));
    }
    return faults;
}

oidc::Result<std::vector<int>> SandboxAdmin::addFaults(const Json &faults)
{
    std::vector<int> ids;
    if (!faults.is_array() || faults.empty())
        return ids;
    auto response = call("POST", QStringLiteral("/sandbox/faults"), Json{{"faults", faults}});
    if (!response)
        return response.error();
    auto json = oidc::parseJsonObject(response->bodyView());
    if (response->status != 201 || !json || !(*json)["added"].is_array())
        return makeError(ErrorCategory::Sandbox, "REPLAY_FAULTS", "the sandbox refused the recorded faults: " + oidc::redactedPreview(response->bodyView()));
    for (const Json &added : (*json)["added"])
        if (added.contains("id") && added["id"].is_number_integer())
            ids.push_back(added["id"].get<int>());
    return ids;
}

void SandboxAdmin::removeFaults(const std::vector<int> &ids)
{
    for (const int id : ids)
        (void)call("DELETE", QStringLiteral("/sandbox/faults/%1").arg(id));
}

oidc::Result<Json> SandboxAdmin::describeForRecording()
{
    auto faultList = faults();
    if (!faultList)
        return faultList.error();
    return Json{{"baseUrl", m_baseUrl.toString().toStdString()}, {"issuer", m_issuer.toStdString()}, {"faults", *faultList}};
}

} // namespace cli
