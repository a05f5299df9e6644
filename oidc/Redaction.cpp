#include "Redaction.h"

#include "oidc/Json.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace oidc {

namespace {

// Descope's TOTP sign-up answers its secret three times (descope-api.md §8): "key", the
// otpauth:// "provisioningURL" and the QR "image" of that URL. Its password calls send
// "password", "oldPassword" and "newPassword". The management API's access-key create answers
// the key's "cleartext" (once); "managementKey" names the management key itself
// (`oidcplay-cli sandbox --json`); its Authorization (Bearer <projectId>:<managementKey>) is
// hidden whole by redactAuthorization.
constexpr std::array<std::string_view, 28> kSecretNames = {
    "client_secret", "code", "code_verifier", "access_token", "refresh_token", "id_token", "id_token_hint", "token",
    "assertion", "client_assertion", "password", "secret", "sessionJwt", "refreshJwt", "jwt", "accessKey", "key",
    "authorization", "cookie", "set-cookie", "device_code", "pendingRef", "provisioningURL", "image",
    "oldPassword", "newPassword", "cleartext", "managementKey"};

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

bool isNameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// Characters of a token-shaped run: base64url, '.' between JWS segments, and standard base64's
// '+' and '/' ('=' padding is taken after the run, so "name=value" stays two runs).
bool isTokenChar(char c)
{
    return isNameChar(c) || c == '.' || c == '+' || c == '/' || c == '~';
}

// A JWT ("eyJ" is '{"' in base64url), or a long run mixing letters and digits: random tokens,
// keys and hex secrets look like that; words, paths and host names rarely do.
bool isTokenShaped(std::string_view run)
{
    if (run.starts_with("eyJ") && run.size() >= 10)
        return true;
    if (run.size() < kTokenShapedMinimum)
        return false;
    const bool digit = std::any_of(run.begin(), run.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    const bool letter = std::any_of(run.begin(), run.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    return digit && letter;
}

// Ends an unquoted value: blanks, form and header separators, JSON punctuation, markup.
bool isValueDelimiter(char c)
{
    return std::isspace(static_cast<unsigned char>(c)) || std::string_view("&,;}]\"'<>{[").find(c) != std::string_view::npos;
}

// The end of a value that starts at `begin` right after a secret name and its separator: a quoted
// string to its closing quote (or the end of the text, when it was cut off), else up to the next
// delimiter. An Authorization scheme ("Bearer …") takes the credentials after it too.
size_t valueEnd(std::string_view text, size_t begin)
{
    if (begin >= text.size())
        return begin;
    const char quote = text[begin];
    if (quote == '"' || quote == '\'') {
        size_t i = begin + 1;
        while (i < text.size() && text[i] != quote)
            i += text[i] == '\\' ? 2 : 1;
        return std::min(i + 1, text.size());
    }
    size_t i = begin;
    while (i < text.size() && !isValueDelimiter(text[i]))
        ++i;
    const std::string scheme = lower(text.substr(begin, i - begin));
    if ((scheme == "bearer" || scheme == "basic" || scheme == "dpop") && i < text.size() && text[i] == ' ') {
        ++i;
        while (i < text.size() && !isValueDelimiter(text[i]))
            ++i;
    }
    return i;
}

// Hides the value after every secret name, whatever the syntax around it.
std::string redactNamedValues(std::string_view text)
{
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        if (!isNameChar(text[i]) || (i > 0 && isNameChar(text[i - 1]))) {
            out += text[i++];
            continue;
        }
        size_t nameEnd = i;
        while (nameEnd < text.size() && isNameChar(text[nameEnd]))
            ++nameEnd;
        out.append(text.substr(i, nameEnd - i));
        const bool secret = isSecretName(text.substr(i, nameEnd - i));
        i = nameEnd;
        if (!secret)
            continue;
        // name, an optional closing quote, blanks, ':' or '=', blanks: then the value.
        size_t j = i;
        if (j < text.size() && (text[j] == '"' || text[j] == '\''))
            ++j;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t'))
            ++j;
        if (j >= text.size() || (text[j] != ':' && text[j] != '='))
            continue;
        ++j;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t'))
            ++j;
        const size_t end = valueEnd(text, j);
        if (end == j)
            continue;
        out.append(text.substr(i, j - i));
        std::string_view value = text.substr(j, end - j);
        std::string_view open;
        std::string_view close;
        if (value.front() == '"' || value.front() == '\'') {
            open = value.substr(0, 1);
            value.remove_prefix(1);
            if (!value.empty() && value.back() == open.front()) {
                close = open;
                value.remove_suffix(1);
            }
        }
        out.append(open);
        out += redactSecret(value);
        out.append(close);
        i = end;
    }
    return out;
}

// Hides every token-shaped run.
std::string redactTokenShapes(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        if (!isTokenChar(text[i])) {
            out += text[i++];
            continue;
        }
        size_t end = i;
        while (end < text.size() && isTokenChar(text[end]))
            ++end;
        if (isTokenShaped(text.substr(i, end - i))) {
            while (end < text.size() && text[end] == '=')
                ++end;
            out += redactSecret(text.substr(i, end - i));
        } else {
            out.append(text.substr(i, end - i));
        }
        i = end;
    }
    return out;
}

} // namespace

std::string redactSecret(std::string_view value)
{
    if (value.empty())
        return {};
    if (value.size() <= 8)
        return "[redacted]";
    // Appended, not `string + …`: GCC 12 reports a false -Warray-bounds on that chain (PR 105651).
    std::string shown(value.substr(0, 6));
    shown.append("…[redacted, ").append(std::to_string(value.size())).append(" chars]");
    return shown;
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
    // Case-insensitive, without allocating: redactText asks this of every word of a body.
    const auto sameIgnoringCase = [name](std::string_view secret) {
        return secret.size() == name.size() && std::equal(secret.begin(), secret.end(), name.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
               });
    };
    return std::any_of(kSecretNames.begin(), kSecretNames.end(), sameIgnoringCase);
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
    const std::string_view text(body.constData(), static_cast<size_t>(body.size()));
    auto json = parseJson(text, options);
    if (!json)
        return QByteArray::fromStdString(redactText(text));
    redactJson(*json);
    return QByteArray::fromStdString(json->dump(-1, ' ', false, Json::error_handler_t::replace));
}

std::string redactText(std::string_view text)
{
    return redactTokenShapes(redactNamedValues(text));
}

std::string redactedPreview(std::string_view body, size_t maxChars)
{
    return boundedPreview(redactText(body), maxChars);
}

QString redactUrl(const QUrl &url)
{
    QUrl copy = url;
    if (!url.password().isEmpty())
        copy.setPassword(QStringLiteral("redacted"));
    if (url.hasQuery())
        copy.setQuery(QString::fromLatin1(redactUrlEncoded(url.query(QUrl::FullyEncoded).toLatin1())), QUrl::StrictMode);
    if (url.hasFragment())
        copy.setFragment(QString::fromLatin1(redactUrlEncoded(url.fragment(QUrl::FullyEncoded).toLatin1())), QUrl::StrictMode);
    return copy.toString(QUrl::FullyEncoded);
}

} // namespace oidc
