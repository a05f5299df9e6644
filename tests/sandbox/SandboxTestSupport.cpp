#include "SandboxTestSupport.h"

#include "sandbox/Inbox.h"

#include "oidc/Pkce.h"
#include "oidc/jwt/Jwt.h"
#include "oidc/net/BlockingSend.h"
#include "oidc/net/LocalHttpServer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <cstring>
#include <regex>

namespace sandbox::test {

QByteArray Response::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QList<QByteArray> Response::allHeaders(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}

oidc::Json Response::json() const
{
    auto parsed = oidc::parseJson(body.toStdString());
    return parsed ? parsed.value() : oidc::Json();
}

RawConnection::RawConnection(quint16 port)
{
    m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    spinUntil([this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_socket.state() == QAbstractSocket::UnconnectedState; });
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { m_buffer += m_socket.readAll(); });
}

bool RawConnection::isConnected() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

void RawConnection::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

std::optional<Response> RawConnection::readResponse(int timeoutMs, bool headRequest)
{
    std::optional<Response> result;
    const auto tryParse = [&]() -> bool {
        m_buffer += m_socket.readAll();
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        Response response;
        const QList<QByteArray> statusLine = lines.front().trimmed().split(' ');
        if (statusLine.size() < 2)
            return false;
        response.status = statusLine[1].toInt();
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            response.headers.append({name, value});
            if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (headRequest || response.status == 204 || response.status == 304 || response.status < 200)
            length = 0;
        if (m_buffer.size() < end + 4 + length)
            return false;
        response.body = m_buffer.mid(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        result = std::move(response);
        return true;
    };
    spinUntil([&] { return tryParse() || (m_socket.state() == QAbstractSocket::UnconnectedState && m_socket.bytesAvailable() == 0 && !tryParse()); },
              timeoutMs);
    return result;
}

bool RawConnection::waitClosed(int timeoutMs)
{
    return spinUntil([this] {
        m_buffer += m_socket.readAll();
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs);
}

std::optional<Response> rawExchange(quint16 port, const QByteArray &method, const QByteArray &target, const oidc::net::HeaderList &headers,
                                    const QByteArray &body)
{
    RawConnection connection(port);
    if (!connection.isConnected())
        return std::nullopt;
    QByteArray request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    if (!body.isEmpty() || method == "POST")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "Connection: close\r\n\r\n" + body;
    connection.send(request);
    return connection.readResponse(10000, method == "HEAD");
}

std::string formEncode(const std::vector<std::pair<std::string, std::string>> &pairs)
{
    std::string out;
    for (const auto &[name, value] : pairs) {
        if (!out.empty())
            out += '&';
        out += QByteArray::fromStdString(name).toPercentEncoding().toStdString() + "="
            + QByteArray::fromStdString(value).toPercentEncoding().toStdString();
    }
    return out;
}

std::map<std::string, std::string> queryOf(const std::string &url)
{
    std::map<std::string, std::string> out;
    const auto question = url.find('?');
    if (question == std::string::npos)
        return out;
    for (const auto &[name, value] : oidc::net::parseUrlEncoded(QByteArray::fromStdString(url.substr(question + 1))))
        out.emplace(name.toStdString(), value.toStdString());
    return out;
}

namespace {

std::string htmlUnescape(std::string text)
{
    const std::pair<const char *, const char *> entities[] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    for (const auto &[entity, character] : entities) {
        size_t at = 0;
        while ((at = text.find(entity, at)) != std::string::npos) {
            text.replace(at, std::strlen(entity), character);
            at += std::strlen(character);
        }
    }
    return text;
}

} // namespace

std::optional<std::string> inputValue(const std::string &html, const std::string &name)
{
    const std::regex pattern("<input[^>]*name=\"" + name + "\"[^>]*value=\"([^\"]*)\"");
    std::smatch match;
    if (!std::regex_search(html, match, pattern))
        return std::nullopt;
    return htmlUnescape(match[1].str());
}

std::vector<std::pair<std::string, std::string>> firstFormFields(const std::string &html)
{
    std::vector<std::pair<std::string, std::string>> fields;
    const auto start = html.find("<form");
    const auto end = html.find("</form>", start);
    if (start == std::string::npos || end == std::string::npos)
        return fields;
    const std::string form = html.substr(start, end - start);
    const std::regex pattern("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    for (auto it = std::sregex_iterator(form.begin(), form.end(), pattern); it != std::sregex_iterator(); ++it)
        fields.emplace_back(htmlUnescape((*it)[1].str()), htmlUnescape((*it)[2].str()));
    return fields;
}

// ---------------------------------------------------------------------------------------------

SandboxServer *SandboxTest::s_server = nullptr;

void SandboxTest::SetUpTestSuite()
{
    s_server = new SandboxServer();
    const auto started = s_server->start(0);
    ASSERT_TRUE(started.ok()) << started.error().summary();
}

void SandboxTest::TearDownTestSuite()
{
    delete s_server;
    s_server = nullptr;
}

void SandboxTest::SetUp()
{
    ASSERT_NE(s_server, nullptr);
    s_server->reset();
    m_transport = std::make_unique<oidc::net::QtHttpTransport>();
}

Response SandboxTest::get(const std::string &target, const oidc::net::HeaderList &headers)
{
    auto response = rawExchange(port(), "GET", QByteArray::fromStdString(target), headers);
    EXPECT_TRUE(response.has_value()) << "no response to GET " << target;
    return response.value_or(Response{});
}

Response SandboxTest::send(const QByteArray &method, const std::string &path, const QByteArray &body, const QByteArray &contentType,
                           const oidc::net::HeaderList &headers)
{
    oidc::net::HttpRequest request;
    request.method = method;
    request.url = QUrl(QString::fromStdString(baseUrl() + path));
    request.body = body;
    request.timeoutMs = 10000;
    if (!contentType.isEmpty())
        request.setHeader("Content-Type", contentType);
    for (const auto &[name, value] : headers)
        request.setHeader(name, value);
    auto result = oidc::net::sendAndWait(*m_transport, request);
    EXPECT_TRUE(result.ok()) << (result.ok() ? std::string() : result.error().summary());
    if (!result)
        return {};
    return Response{result->status, result->headers, result->body};
}

Response SandboxTest::postJson(const std::string &path, const oidc::Json &body, const oidc::net::HeaderList &headers)
{
    return send("POST", path, QByteArray::fromStdString(body.dump()), "application/json", headers);
}

Response SandboxTest::postForm(const std::string &path, const std::vector<std::pair<std::string, std::string>> &pairs,
                               const oidc::net::HeaderList &headers)
{
    return send("POST", path, QByteArray::fromStdString(formEncode(pairs)), "application/x-www-form-urlencoded", headers);
}

Response SandboxTest::descope(const std::string &path, const oidc::Json &body, const std::string &token)
{
    const std::string bearer = "Bearer " + projectId() + (token.empty() ? std::string() : ":" + token);
    return postJson(path, body, {{"Authorization", QByteArray::fromStdString(bearer)}});
}

oidc::crypto::JsonWebKeySet SandboxTest::jwks()
{
    const Response response = get("/" + projectId() + "/.well-known/jwks.json");
    auto keys = oidc::crypto::parseJwks(response.body.toStdString());
    EXPECT_TRUE(keys.ok());
    return keys ? keys.value() : oidc::crypto::JsonWebKeySet{};
}

oidc::jwt::JwtValidation SandboxTest::validate(const std::string &token, oidc::jwt::ClaimCheckOptions options)
{
    oidc::jwt::SignaturePolicy policy;
    policy.allowedAlgorithms = {oidc::crypto::JwsAlgorithm::RS256};
    if (!options.issuer)
        options.issuer = issuer();
    // The sandbox clock may be moved by a test; token times follow it.
    return oidc::jwt::validateJwt(token, jwks(), policy, options);
}

oidc::Json SandboxTest::claimsOf(const std::string &token)
{
    auto decoded = oidc::jwt::decodeJwt(token);
    return decoded ? decoded->claims() : oidc::Json();
}

SandboxTest::Pkce SandboxTest::pkce()
{
    auto generated = oidc::generatePkce();
    return Pkce{generated->codeVerifier, generated->codeChallenge};
}

Response SandboxTest::authorizeAndLogin(const std::vector<std::pair<std::string, std::string>> &params, const std::string &loginId,
                                        const oidc::net::HeaderList &headers)
{
    const Response page = get("/oauth2/v1/authorize?" + formEncode(params), headers);
    EXPECT_EQ(page.status, 200) << page.text();
    auto fields = firstFormFields(page.text());
    EXPECT_FALSE(fields.empty()) << "no login form";
    for (auto &[name, value] : fields) {
        if (name == "loginId")
            value = loginId;
    }
    fields.emplace_back("loginId", loginId);
    auto response = rawExchange(port(), "POST", "/oauth2/v1/authorize",
                                [&] {
                                    oidc::net::HeaderList all = headers;
                                    all.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
                                    return all;
                                }(),
                                QByteArray::fromStdString(formEncode(fields)));
    EXPECT_TRUE(response.has_value());
    return response.value_or(Response{});
}

SandboxTest::CodeGrant SandboxTest::publicClientCode(const std::string &loginId, const std::string &scope)
{
    const Pkce challenge = pkce();
    CodeGrant grant;
    grant.verifier = challenge.verifier;
    grant.redirectUri = "http://127.0.0.1:49152/callback";
    grant.nonce = "nonce-" + std::to_string(QDateTime::currentMSecsSinceEpoch());
    grant.state = "state-" + std::to_string(QDateTime::currentMSecsSinceEpoch());
    const Response redirect = authorizeAndLogin({{"response_type", "code"},
                                                 {"client_id", publicClient()},
                                                 {"redirect_uri", grant.redirectUri},
                                                 {"scope", scope},
                                                 {"state", grant.state},
                                                 {"nonce", grant.nonce},
                                                 {"code_challenge", challenge.challenge},
                                                 {"code_challenge_method", "S256"}},
                                                loginId);
    EXPECT_EQ(redirect.status, 302) << redirect.text();
    const auto query = queryOf(redirect.location());
    EXPECT_TRUE(query.count("code")) << redirect.location();
    grant.code = query.count("code") ? query.at("code") : std::string();
    return grant;
}

oidc::Json SandboxTest::exchangeCode(const CodeGrant &grant, int expectedStatus)
{
    const Response response = postForm("/oauth2/v1/token", {{"grant_type", "authorization_code"},
                                                            {"code", grant.code},
                                                            {"redirect_uri", grant.redirectUri},
                                                            {"client_id", publicClient()},
                                                            {"code_verifier", grant.verifier}});
    EXPECT_EQ(response.status, expectedStatus) << response.text();
    return response.json();
}

std::string SandboxTest::latestOtp(const std::string &loginId)
{
    const auto messages = server().inbox().messages(loginId);
    for (const auto &message : messages) {
        if (message.kind == "otp")
            return message.code;
    }
    return {};
}

oidc::Json SandboxTest::otpLogin(const std::string &loginId, const std::string &method, const oidc::Json &loginOptions,
                                 const std::string &refreshJwt)
{
    oidc::Json body = {{"loginId", loginId}};
    if (!loginOptions.is_null())
        body["loginOptions"] = loginOptions;
    const Response start = descope("/v1/auth/otp/signin/" + method, body, refreshJwt);
    EXPECT_EQ(start.status, 200) << start.text();
    const Response verify = descope("/v1/auth/otp/verify/" + method, {{"loginId", loginId}, {"code", latestOtp(loginId)}});
    EXPECT_EQ(verify.status, 200) << verify.text();
    return verify.json();
}

Response SandboxTest::addFault(const oidc::Json &fault)
{
    const Response response = postJson("/sandbox/faults", fault);
    EXPECT_EQ(response.status, 201) << response.text();
    return response;
}

} // namespace sandbox::test
