#include "ProfileJson.h"

#include <optional>

namespace oidc::flow {

namespace {

Error invalidMember(const QString &member, const QString &why)
{
    return makeError(ErrorCategory::Input, "PROFILE_JSON_INVALID",
                     QStringLiteral("the profile's \"%1\" %2").arg(member, why).toStdString());
}

// Reads one optional member of `object` into `out`; a present member of another type fails.
class MemberReader final {
public:
    MemberReader(const Json &object, QString prefix) : m_object(object), m_prefix(std::move(prefix)) {}

    [[nodiscard]] std::optional<Error> error() const { return m_error; }

    void text(const char *name, QString &out)
    {
        if (const Json *value = find(name, "a string", &Json::is_string))
            out = QString::fromStdString(value->get<std::string>());
    }
    void flag(const char *name, bool &out)
    {
        if (const Json *value = find(name, "true or false", &Json::is_boolean))
            out = value->get<bool>();
    }
    template <typename Integer>
    void integer(const char *name, Integer &out, qint64 low, qint64 high)
    {
        const Json *value = find(name, "an integer", &Json::is_number_integer);
        if (!value)
            return;
        const auto number = value->get<qint64>();
        if (number < low || number > high) {
            fail(name, QStringLiteral("must be between %1 and %2").arg(low).arg(high));
            return;
        }
        out = static_cast<Integer>(number);
    }
    // A word from `words` (the JSON spelling → the value).
    template <typename Enum, size_t N>
    void word(const char *name, Enum &out, const std::pair<const char *, Enum> (&words)[N])
    {
        const Json *value = find(name, "a string", &Json::is_string);
        if (!value)
            return;
        const auto &given = value->get_ref<const std::string &>();
        for (const auto &[spelling, meaning] : words) {
            if (given == spelling) {
                out = meaning;
                return;
            }
        }
        QStringList allowed;
        for (const auto &entry : words)
            allowed << QString::fromLatin1(entry.first);
        fail(name, QStringLiteral("must be one of %1").arg(allowed.join(QStringLiteral(", "))));
    }

    void fail(const char *name, const QString &why)
    {
        if (!m_error)
            m_error = invalidMember(m_prefix + QString::fromLatin1(name), why);
    }

private:
    const Json *find(const char *name, const char *kind, bool (Json::*is)() const noexcept)
    {
        const auto it = m_object.find(name);
        if (it == m_object.end() || it->is_null())
            return nullptr;
        if (!((*it).*is)()) {
            fail(name, QStringLiteral("must be %1").arg(QString::fromLatin1(kind)));
            return nullptr;
        }
        return &*it;
    }

    const Json &m_object;
    QString m_prefix;
    std::optional<Error> m_error;
};

enum class PkceChoice { S256, Plain, Off };

constexpr std::pair<const char *, ProviderKind> kKindWords[] = {
    {"sandbox", ProviderKind::Sandbox},
    {"descope", ProviderKind::DescopeProject},
    {"issuer", ProviderKind::OidcIssuer},
    {"manual", ProviderKind::Manual},
};
constexpr std::pair<const char *, ClientAuthMethod> kClientAuthWords[] = {
    {"none", ClientAuthMethod::None},
    {"client_secret_basic", ClientAuthMethod::ClientSecretBasic},
    {"client_secret_post", ClientAuthMethod::ClientSecretPost},
};
constexpr std::pair<const char *, BrowserMode> kBrowserWords[] = {
    {"embedded", BrowserMode::Embedded},
    {"system", BrowserMode::System},
    {"private-use", BrowserMode::PrivateUseScheme},
};
constexpr std::pair<const char *, PkceChoice> kPkceWords[] = {
    {"S256", PkceChoice::S256},
    {"plain", PkceChoice::Plain},
    {"off", PkceChoice::Off},
};

template <typename Enum, size_t N>
std::string spellingOf(Enum value, const std::pair<const char *, Enum> (&words)[N])
{
    for (const auto &[spelling, meaning] : words) {
        if (meaning == value)
            return spelling;
    }
    return words[0].first;
}

void putText(Json &object, const char *name, const QString &value)
{
    if (!value.isEmpty())
        object[name] = value.toStdString();
}

} // namespace

Json profileToJson(const ProviderProfile &profile)
{
    Json json = Json::object();
    putText(json, "id", profile.id);
    putText(json, "name", profile.name);
    json["kind"] = spellingOf(profile.kind, kKindWords);
    switch (profile.kind) {
    case ProviderKind::DescopeProject:
        putText(json, "descopeProjectId", profile.descopeProjectId);
        putText(json, "descopeCustomBase", profile.descopeCustomBase);
        break;
    case ProviderKind::Manual: {
        putText(json, "issuer", profile.issuer);
        // Kept as typed, so a `{{variable}}` in a URL is written and read back unchanged
        // (resolveProfile substitutes it); the member names are kManualEndpointFields' keys.
        Json endpoints = Json::object();
        for (const ManualEndpointField &field : kManualEndpointFields)
            putText(endpoints, field.key, profile.manualEndpoints.*field.text);
        json["endpoints"] = std::move(endpoints);
        break;
    }
    case ProviderKind::OidcIssuer:
        putText(json, "issuer", profile.issuer);
        break;
    case ProviderKind::Sandbox:
        break; // its issuer and project are the running sandbox's, known only at run time
    }
    putText(json, "clientId", profile.clientId);
    json["clientAuth"] = spellingOf(profile.authMethod, kClientAuthWords);
    json["scope"] = profile.scope.toStdString();
    json["browser"] = spellingOf(profile.browserMode, kBrowserWords);
    json["redirectPort"] = profile.redirectPort;
    json["redirectPath"] = profile.redirectPath.toStdString();
    json["privateUseScheme"] = profile.privateUseScheme.toStdString();
    const SecuritySettings &security = profile.security;
    const PkceChoice pkce = !security.usePkce ? PkceChoice::Off
                            : security.pkceMethod == PkceMethod::Plain ? PkceChoice::Plain
                                                                        : PkceChoice::S256;
    json["security"] = Json{
        {"pkce", spellingOf(pkce, kPkceWords)},
        {"verifierLength", security.verifierLength},
        {"state", security.useState},
        {"nonce", security.useNonce},
        {"allowUnsignedIdToken", security.allowUnsignedIdToken},
        {"leewaySeconds", security.leewaySeconds},
    };
    return json;
}

Result<ProviderProfile> profileFromJson(const Json &json)
{
    if (!json.is_object())
        return makeError(ErrorCategory::Input, "PROFILE_JSON_INVALID", "a profile must be a JSON object");
    ProviderProfile profile;
    MemberReader read(json, {});
    read.text("id", profile.id);
    read.text("name", profile.name);
    read.word("kind", profile.kind, kKindWords);
    read.text("issuer", profile.issuer);
    read.text("descopeProjectId", profile.descopeProjectId);
    read.text("descopeCustomBase", profile.descopeCustomBase);
    read.text("clientId", profile.clientId);
    read.word("clientAuth", profile.authMethod, kClientAuthWords);
    read.text("scope", profile.scope);
    read.word("browser", profile.browserMode, kBrowserWords);
    read.integer("redirectPort", profile.redirectPort, 0, 65535);
    read.text("redirectPath", profile.redirectPath);
    read.text("privateUseScheme", profile.privateUseScheme);
    if (auto error = read.error())
        return *error;
    // RFC 8252 §7.1: a reverse-domain scheme, checked as the profile editor checks it.
    if (const auto scheme = PrivateUseScheme::parse(profile.privateUseScheme); !scheme)
        return invalidMember(QStringLiteral("privateUseScheme"), QString::fromStdString(scheme.error().message));

    if (const auto endpoints = json.find("endpoints"); endpoints != json.end() && !endpoints->is_null()) {
        if (!endpoints->is_object())
            return invalidMember(QStringLiteral("endpoints"), QStringLiteral("must be an object"));
        MemberReader readEndpoint(*endpoints, QStringLiteral("endpoints."));
        for (const ManualEndpointField &field : kManualEndpointFields)
            readEndpoint.text(field.key, profile.manualEndpoints.*field.text);
        if (auto error = readEndpoint.error())
            return *error;
    }
    if (const auto security = json.find("security"); security != json.end() && !security->is_null()) {
        if (!security->is_object())
            return invalidMember(QStringLiteral("security"), QStringLiteral("must be an object"));
        MemberReader readSecurity(*security, QStringLiteral("security."));
        PkceChoice pkce = PkceChoice::S256;
        readSecurity.word("pkce", pkce, kPkceWords);
        SecuritySettings &settings = profile.security;
        settings.usePkce = pkce != PkceChoice::Off;
        settings.pkceMethod = pkce == PkceChoice::Plain ? PkceMethod::Plain : PkceMethod::S256;
        // RFC 7636 §4.1: a verifier has 43 to 128 characters.
        readSecurity.integer("verifierLength", settings.verifierLength, 43, 128);
        readSecurity.flag("state", settings.useState);
        readSecurity.flag("nonce", settings.useNonce);
        readSecurity.flag("allowUnsignedIdToken", settings.allowUnsignedIdToken);
        readSecurity.integer("leewaySeconds", settings.leewaySeconds, 0, 24 * 3600);
        if (auto error = readSecurity.error())
            return *error;
    }
    return profile;
}

} // namespace oidc::flow
