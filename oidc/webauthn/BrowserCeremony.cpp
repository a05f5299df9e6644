#include "BrowserCeremony.h"

#include "oidc/Json.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Random.h"
#include "oidc/net/LocalHttpServer.h"
#include "oidc/webauthn/PublicKeyCredential.h"

#include <algorithm>
#include <optional>

namespace oidc::webauthn {

namespace {

constexpr std::string_view kCeremonyPathPrefix = "/ceremony/";

// The page's script: it reads the data block, converts base64url ↔ ArrayBuffer by hand (the
// JSON helpers parseCreationOptionsFromJSON/toJSON are missing from older browsers), runs the
// ceremony, says what happens and posts the outcome to the same origin. Nothing is loaded.
constexpr std::string_view kPageScript = R"JS('use strict';
(() => {
  const data = JSON.parse(document.getElementById('ceremony').textContent);
  const status = document.getElementById('status');
  const say = (text, kind) => { status.textContent = text; status.className = kind || ''; };
  document.getElementById('what').textContent = data.create
    ? 'OIDC Playground asks your browser to create a passkey for "' + data.rpId + '" (navigator.credentials.create).'
    : 'OIDC Playground asks your browser to sign in with a passkey for "' + data.rpId + '" (navigator.credentials.get).';
  const fromBase64Url = (text) => {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; ++i) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  };
  const toBase64Url = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; ++i) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const descriptors = (list) => (list || []).map((entry) => Object.assign({}, entry, { id: fromBase64Url(entry.id) }));
  const credentialJson = (credential) => {
    const answer = credential.response;
    const response = { clientDataJSON: toBase64Url(answer.clientDataJSON) };
    if (data.create) {
      response.attestationObject = toBase64Url(answer.attestationObject);
      response.transports = typeof answer.getTransports === 'function' ? answer.getTransports() : [];
    } else {
      response.authenticatorData = toBase64Url(answer.authenticatorData);
      response.signature = toBase64Url(answer.signature);
      if (answer.userHandle && answer.userHandle.byteLength > 0) response.userHandle = toBase64Url(answer.userHandle);
    }
    const json = { id: credential.id, rawId: toBase64Url(credential.rawId), type: credential.type, response };
    if (credential.authenticatorAttachment) json.authenticatorAttachment = credential.authenticatorAttachment;
    json.clientExtensionResults = credential.getClientExtensionResults();
    return json;
  };
  const refusal = (error) => ({ name: String((error && error.name) || 'Error'), message: String((error && error.message) || error) });
  const post = async (body) => {
    const reply = await fetch(data.resultPath, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', redirect: 'error',
    });
    if (!reply.ok) throw new Error('the app answered HTTP ' + reply.status);
  };
  const run = async () => {
    let body;
    try {
      const publicKey = Object.assign({}, data.publicKey, { challenge: fromBase64Url(data.publicKey.challenge) });
      if (data.create) {
        publicKey.user = Object.assign({}, publicKey.user, { id: fromBase64Url(publicKey.user.id) });
        publicKey.excludeCredentials = descriptors(publicKey.excludeCredentials);
      } else {
        publicKey.allowCredentials = descriptors(publicKey.allowCredentials);
      }
      say(data.create ? 'Waiting for your authenticator to create the passkey…' : 'Waiting for your authenticator to sign…');
      const credential = data.create ? await navigator.credentials.create({ publicKey }) : await navigator.credentials.get({ publicKey });
      if (!credential) throw Object.assign(new Error('the browser answered no credential'), { name: 'NoCredentialError' });
      body = { credential: credentialJson(credential) };
      say('Your authenticator answered. Sending the result to OIDC Playground…');
    } catch (error) {
      body = { error: refusal(error) };
      say('The browser refused: ' + body.error.name + ': ' + body.error.message + '. Telling OIDC Playground…', 'error');
    }
    try {
      await post(body);
      if (body.credential) say('Done. OIDC Playground sends the result to the server; you can close this tab.', 'done');
      else say('The browser refused: ' + body.error.name + ': ' + body.error.message + '. OIDC Playground shows this too; you can close this tab.', 'error');
    } catch (error) {
      say('OIDC Playground is no longer waiting for this ceremony (' + error.message + '). Start again from the app.', 'error');
    }
  };
  run();
})();
)JS";

Error ceremonyError(ErrorCategory category, std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(category, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

const Json *publicKeyOf(const Json &options)
{
    const Json &publicKey = options.is_object() && options.contains("publicKey") ? options["publicKey"] : options;
    return publicKey.is_object() ? &publicKey : nullptr;
}

// JSON text that cannot end the data block it sits in: "<", ">" and "&" only occur inside JSON
// strings, where \u escapes mean the same characters (HTML §4.12.1.3, restrictions for contents
// of script elements).
std::string dataBlockJson(const Json &value)
{
    const std::string text = value.dump();
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '<': escaped += "\\u003c"; break;
        case '>': escaped += "\\u003e"; break;
        case '&': escaped += "\\u0026"; break;
        default: escaped += c;
        }
    }
    return escaped;
}

std::string ceremonyPage(const std::string &data, const std::string &nonce)
{
    std::string page;
    page += "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
            "<meta name=\"referrer\" content=\"no-referrer\"><title>OIDC Playground: passkey</title><style nonce=\"";
    page += nonce;
    page += "\">body{font-family:system-ui,sans-serif;margin:3em auto;max-width:42em;padding:0 1em;line-height:1.45}"
            ".error{color:#a40000}.done{color:#1a6b1a}</style></head><body><h1>OIDC Playground: passkey</h1>"
            "<p id=\"what\"></p><p id=\"status\">Starting…</p>"
            "<p>This page was served by OIDC Playground on your own computer; it loads nothing from elsewhere and "
            "stops answering once the ceremony ends.</p>"
            "<script type=\"application/json\" id=\"ceremony\">";
    page += data;
    page += "</script><script nonce=\"";
    page += nonce;
    page += "\">";
    page += kPageScript;
    page += "</script></body></html>";
    return page;
}

net::LocalHttpResponse ceremonyReply(int status, QByteArray body, const QByteArray &contentType)
{
    auto response = net::LocalHttpResponse::text(status, std::move(body), contentType);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    return response;
}

net::LocalHttpResponse plainReply(int status, const char *text)
{
    return ceremonyReply(status, QByteArray(text) + '\n', QByteArrayLiteral("text/plain; charset=utf-8"));
}

bool isJsonContentType(QByteArrayView value)
{
    const qsizetype semicolon = value.indexOf(';');
    const QByteArrayView type = (semicolon < 0 ? value : value.first(semicolon)).trimmed();
    return type.compare("application/json", Qt::CaseInsensitive) == 0;
}

} // namespace

int ceremonyTimeoutMs(std::string_view optionsText)
{
    const Json options = Json::parse(optionsText, nullptr, false);
    const Json *publicKey = publicKeyOf(options);
    if (!publicKey || !publicKey->contains("timeout") || !(*publicKey)["timeout"].is_number())
        return kBrowserCeremonyDefaultTimeoutMs;
    const double timeout = (*publicKey)["timeout"].get<double>();
    if (!(timeout > 0))
        return kBrowserCeremonyDefaultTimeoutMs;
    return static_cast<int>(std::clamp(timeout, double(kBrowserCeremonyMinTimeoutMs), double(kBrowserCeremonyMaxTimeoutMs)));
}

BrowserCeremony::BrowserCeremony(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_ended)
            return;
        end();
        Q_EMIT failed(ceremonyError(ErrorCategory::Listener, "BROWSER_CEREMONY_TIMEOUT",
                                    "the browser did not answer within " + std::to_string(m_timeoutMs / 1000) + " s"));
    });
}

BrowserCeremony::~BrowserCeremony()
{
    if (m_server)
        m_server->close();
}

Status BrowserCeremony::open(quint16 port)
{
    if (m_server)
        return ceremonyError(ErrorCategory::Listener, "BROWSER_CEREMONY_LISTEN", "the ceremony's listener is already open");
    net::LocalHttpServerOptions options;
    options.maxBodyBytes = kBrowserCeremonyMaxPostBytes;
    options.maxConnections = 16;
    auto server = std::make_unique<net::LocalHttpServer>(
        [this](const net::LocalHttpRequest &request, net::LocalHttpResponder responder) { handle(request, std::move(responder)); }, options);
    if (auto listening = server->listen(port); !listening)
        return ceremonyError(ErrorCategory::Listener, "BROWSER_CEREMONY_LISTEN", listening.error().message);
    m_server = std::move(server);
    return {};
}

Status BrowserCeremony::serve(std::string_view optionsText, bool create, int timeoutMs)
{
    if (!m_server || m_serving || m_ended)
        return ceremonyError(ErrorCategory::Input, "BROWSER_CEREMONY_OPTIONS", "the ceremony is not open, or already serves a page");
    const Json options = Json::parse(optionsText, nullptr, false);
    const Json *publicKey = publicKeyOf(options);
    if (!publicKey || !publicKey->contains("challenge") || !(*publicKey)["challenge"].is_string())
        return ceremonyError(ErrorCategory::Input, "BROWSER_CEREMONY_OPTIONS", "the options have no publicKey object with a challenge");
    if (create && !(publicKey->contains("user") && (*publicKey)["user"].is_object() && (*publicKey)["user"].value("id", Json()).is_string()))
        return ceremonyError(ErrorCategory::Input, "BROWSER_CEREMONY_OPTIONS", "registration options have no user.id");
    auto token = crypto::randomBytes(32);
    auto nonce = crypto::randomBytes(18);
    if (!token)
        return token.error();
    if (!nonce)
        return nonce.error();
    m_token = crypto::base64UrlEncode(*token);
    m_nonce = crypto::base64UrlEncode(*nonce);
    m_create = create;
    std::string rpId;
    if (create && publicKey->contains("rp") && (*publicKey)["rp"].is_object())
        rpId = (*publicKey)["rp"].value("id", std::string());
    else if (!create)
        rpId = publicKey->value("rpId", std::string());
    const Json data{{"create", create},
                    {"rpId", rpId.empty() ? std::string("this site") : rpId},
                    {"resultPath", std::string(kCeremonyPathPrefix) + m_token + "/result"},
                    {"publicKey", *publicKey}};
    m_page = ceremonyPage(dataBlockJson(data), m_nonce);
    m_serving = true;
    m_timeoutMs = timeoutMs > 0 ? timeoutMs : ceremonyTimeoutMs(optionsText);
    m_clock.start();
    m_timeout.start(m_timeoutMs);
    return {};
}

void BrowserCeremony::cancel()
{
    end();
}

bool BrowserCeremony::isListening() const
{
    return m_server && m_server->isListening();
}

std::string BrowserCeremony::origin() const
{
    // "localhost", not 127.0.0.1: an IP address is never an RP ID (WebAuthn §5.1.2, HTML's
    // "is a registrable domain suffix of or is equal to" excludes IP addresses).
    return m_server ? "http://localhost:" + std::to_string(m_server->port()) : std::string();
}

QUrl BrowserCeremony::pageUrl() const
{
    if (!m_server || !m_serving)
        return {};
    return QUrl(QString::fromStdString(origin() + std::string(kCeremonyPathPrefix) + m_token));
}

int BrowserCeremony::remainingMs() const
{
    if (!m_serving || m_ended)
        return 0;
    return static_cast<int>(std::max<qint64>(0, m_timeoutMs - m_clock.elapsed()));
}

void BrowserCeremony::handle(const net::LocalHttpRequest &request, net::LocalHttpResponder responder)
{
    if (m_ended || !m_serving) {
        responder.respond(plainReply(404, "not found"));
        return;
    }
    const std::string pagePath = std::string(kCeremonyPathPrefix) + m_token;
    const QByteArrayView path = request.path();
    if (path == QByteArrayView(pagePath)) {
        if (request.method() != "GET") {
            auto refused = plainReply(405, "the page is only read with GET");
            refused.setHeader("Allow", "GET");
            responder.respond(std::move(refused));
            return;
        }
        auto page = ceremonyReply(200, QByteArray::fromStdString(m_page), QByteArrayLiteral("text/html; charset=utf-8"));
        page.setHeader("Content-Security-Policy",
                       QByteArray::fromStdString("default-src 'none'; script-src 'nonce-" + m_nonce + "'; style-src 'nonce-" + m_nonce
                                                 + "'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"));
        page.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        responder.respond(std::move(page));
        Q_EMIT pageServed();
        return;
    }
    if (path == QByteArrayView(pagePath + "/result")) {
        acceptResult(request, std::move(responder));
        return;
    }
    responder.respond(plainReply(404, "not found"));
}

void BrowserCeremony::acceptResult(const net::LocalHttpRequest &request, net::LocalHttpResponder responder)
{
    if (request.method() != "POST") {
        auto refused = plainReply(405, "the result is only sent with POST");
        refused.setHeader("Allow", "POST");
        responder.respond(std::move(refused));
        return;
    }
    // The page's own origin only: another page (any site the browser has open) could otherwise
    // post a credential of its choosing (Fetch §3.2.5: browsers send Origin on every POST).
    if (request.header("Origin") != QByteArrayView(origin())) {
        responder.respond(plainReply(403, "only the ceremony page may post its result"));
        return;
    }
    if (!isJsonContentType(request.header("Content-Type"))) {
        responder.respond(plainReply(415, "the result is application/json"));
        return;
    }
    const std::string body = request.body().toStdString();
    const auto parsed = parseJsonObject(body);
    std::optional<Error> error;
    std::string credential;
    if (!parsed) {
        error = ceremonyError(ErrorCategory::Listener, "BROWSER_CEREMONY_RESULT", "the page posted no JSON object");
    } else if (parsed->contains("error") && (*parsed)["error"].is_object()) {
        const Json &refusal = (*parsed)["error"];
        const std::string name = refusal.value("name", Json()).is_string() ? refusal["name"].get<std::string>() : std::string("Error");
        const std::string message = refusal.value("message", Json()).is_string() ? refusal["message"].get<std::string>() : std::string();
        // The browser's DOMException (WebAuthn §5.1.3 and §5.1.4 name NotAllowedError,
        // InvalidStateError, SecurityError…): shown as the browser's words, as plain text.
        error = ceremonyError(ErrorCategory::Listener, "BROWSER_CEREMONY_BROWSER", "the browser refused: " + name + ": " + message, {}, name);
    } else if (parsed->contains("credential") && (*parsed)["credential"].is_object()) {
        credential = (*parsed)["credential"].dump();
        // The shape Descope's finish expects, checked by the parsers the sandbox's verifier uses.
        std::optional<Error> shape;
        if (m_create) {
            if (auto registration = parseRegistrationResponse(credential); !registration)
                shape = registration.error();
        } else if (auto assertion = parseAssertionResponse(credential); !assertion) {
            shape = assertion.error();
        }
        if (shape)
            error = ceremonyError(ErrorCategory::Listener, "BROWSER_CEREMONY_RESULT",
                                  "the page posted a credential that is not a " + std::string(m_create ? "registration" : "assertion")
                                      + ": " + shape->message);
    } else {
        error = ceremonyError(ErrorCategory::Listener, "BROWSER_CEREMONY_RESULT", "the page posted neither a credential nor an error");
    }
    responder.respond(ceremonyReply(error ? 422 : 200, error ? QByteArrayLiteral("{\"accepted\":false}\n") : QByteArrayLiteral("{\"accepted\":true}\n"),
                                    QByteArrayLiteral("application/json")));
    end();
    if (error)
        Q_EMIT failed(*error);
    else
        Q_EMIT completed(credential);
}

void BrowserCeremony::end()
{
    m_timeout.stop();
    m_ended = true;
    // The answer being written still goes out; then every connection closes.
    if (m_server)
        m_server->stopListening();
}

} // namespace oidc::webauthn

#include "moc_BrowserCeremony.cpp"
