#include "Redaction.h"

#include "oidc/Json.h"

#include <QUrl>

#include <algorithm>
#include <array>

namespace oidc {

namespace {

constexpr std::array<std::string_view, 22> kSecretNames = {
    "client_secret", "code", "code_verifier", "access_token", "refresh_token", "id_token", "id_token_hint", "token",
    "assertion", "client_assertion", "password", "secret", "sessionJwt", "refreshJwt", "jwt", "accessKey", "key",
    "authorization", "cookie", "set-cookie", "device_code", "pendingRef"};

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

void redactJson(Json &json)
{
    if (json.is_object()) {
        for (auto &[name, value] : json.items()) {
            if (isSecretName(name) && value.is_string())
                value = redactSecret(value.get<std::string>());
            else
                redactJson(value);
        }
    } else if (json.is_array()) {
        for (auto &entry : json)
            redactJson(entry);
    }
}

} // namespace

std::string redactSecret(std::string_view value)
{
    if (value.empty())
        return {};
    if (value.size() <= 8)
        return "[redacted]";
    return std::string(value.substr(0, 6)) + "…[redacted, " + std::to_string(value.size()) + " chars]";
}

QString redactSecret(const QString &value)
{
    return QString::fromStdString(redactSecret(value.toStdString()));
}

QByteArray redactAuthorization(const QByteArray &value)
{
    const int space = value.indexOf(' ');
    if (space < 0)
        return "[redacted]";
    return value.left(space) + " [redacted, " + QByteArray::number(value.size() - space - 1) + " chars]";
}

bool isSecretName(std::string_view name)
{
    const std::string key = lower(name);
    return std::any_of(kSecretNames.begin(), kSecretNames.end(), [&](std::string_view secret) { return lower(secret) == key; });
}

QByteArray redactUrlEncoded(const QByteArray &text)
{
    QByteArray out;
    for (const QByteArray &pair : text.split('&')) {
        if (!out.isEmpty())
            out += '&';
        const int eq = pair.indexOf('=');
        const QByteArray name = eq < 0 ? pair : pair.left(eq);
        const QByteArray decodedName = QByteArray::fromPercentEncoding(QByteArray(name).replace('+', ' '));
        if (eq >= 0 && isSecretName(decodedName.toStdString())) {
            const QByteArray value = QByteArray::fromPercentEncoding(pair.mid(eq + 1).replace('+', ' '));
            out += name + '=' + QUrl::toPercentEncoding(QString::fromStdString(redactSecret(value.toStdString())));
        } else {
            out += pair;
        }
    }
    return out;
}

QByteArray redactJsonBody(const QByteArray &body)
{
    JsonParseOptions options;
    options.rejectDuplicateNames = false;
    auto json = parseJson(std::string_view(body.constData(), static_cast<size_t>(body.size())), options);
    if (!json)
        return body;
    redactJson(*json);
    return QByteArray::fromStdString(json->dump(-1, ' ', false, Json::error_handler_t::replace));
}

} // namespace oidc
