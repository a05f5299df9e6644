#include "SandboxCredentials.h"

#include "ui/UiText.h"

#include "sandbox/SandboxHost.h"

namespace ui {

namespace {

QString sandboxCredentialText(const oidc::Json &object, const char *member)
{
    const auto it = object.find(member);
    return it != object.end() && it->is_string() ? qs(it->get_ref<const std::string &>()) : QString();
}

QStringList sandboxCredentialRoles(const oidc::Json &object)
{
    QStringList roles;
    if (const auto it = object.find("roles"); it != object.end() && it->is_array())
        for (const auto &role : *it)
            if (role.is_string())
                roles << qs(role.get_ref<const std::string &>());
    return roles;
}

} // namespace

QList<SandboxCredential> sandboxCredentials(const oidc::Json &described)
{
    QList<SandboxCredential> credentials;
    if (!described.is_object())
        return credentials;
    if (const auto clients = described.find("clients"); clients != described.end() && clients->is_array()) {
        for (const auto &client : *clients) {
            if (!client.is_object() || sandboxCredentialText(client, "type") != QLatin1String("confidential"))
                continue;
            credentials.append({SandboxCredential::Kind::ConfidentialClient, sandboxCredentialText(client, "clientId"),
                                sandboxCredentialText(client, "name"), sandboxCredentialText(client, "clientSecret"), {}});
        }
    }
    if (const auto keys = described.find("accessKeys"); keys != described.end() && keys->is_array()) {
        for (const auto &key : *keys) {
            if (!key.is_object())
                continue;
            credentials.append({SandboxCredential::Kind::AccessKey, sandboxCredentialText(key, "id"), sandboxCredentialText(key, "name"),
                                sandboxCredentialText(key, "accessKey"), sandboxCredentialRoles(key)});
        }
    }
    return credentials;
}

void fetchSandboxCredentials(sandbox::SandboxHost &host, QObject *context, std::function<void(QList<SandboxCredential>)> done)
{
    host.call<oidc::Json>(
        context, [](sandbox::SandboxServer &server) { return server.describe(); },
        [done = std::move(done)](oidc::Json described) { done(sandboxCredentials(described)); });
}

} // namespace ui
