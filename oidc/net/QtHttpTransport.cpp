#include "QtHttpTransport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>

namespace oidc::net {

namespace {

Error netError(std::string code, std::string message)
{
    return makeError(ErrorCategory::Net, std::move(code), std::move(message));
}

std::string describeCertificate(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return "no certificate";
    return "subject \"" + certificate.subjectDisplayName().toStdString() + "\", issuer \""
        + certificate.issuerDisplayName().toStdString() + "\", valid "
        + certificate.effectiveDate().toString(Qt::ISODate).toStdString() + " to "
        + certificate.expiryDate().toString(Qt::ISODate).toStdString() + ", SHA-256 "
        + certificate.digest(QCryptographicHash::Sha256).toHex(':').left(23).toStdString() + "…";
}

// State of one request; lives until the reply finishes or is aborted.
struct Pending final {
    QPointer<QNetworkReply> reply;
    QElapsedTimer clock;
    qint64 started = 0;
    std::optional<Error> failure; // decided before finished(): timeout, cancel, cap, TLS
    bool delivered = false;
};

} // namespace

QtHttpTransport::QtHttpTransport(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    m_manager->setAutoDeleteReplies(true);
    m_manager->setStrictTransportSecurityEnabled(false);
}

QtHttpTransport::~QtHttpTransport() = default;

RequestHandle QtHttpTransport::send(HttpRequest request, QObject *context, Callback callback)
{
    QNetworkRequest qRequest(request.url);
    for (const auto &[name, value] : request.headers)
        qRequest.setRawHeader(name, value);
    const bool isGet = request.method == "GET" || request.method == "HEAD";
    qRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                          isGet ? QNetworkRequest::NoLessSafeRedirectPolicy : QNetworkRequest::ManualRedirectPolicy);
    qRequest.setMaximumRedirectsAllowed(isGet ? 5 : 0);
    qRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    qRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    qRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);

    auto pending = std::make_shared<Pending>();
    pending->clock.start();
    pending->started = QDateTime::currentMSecsSinceEpoch();
    QNetworkReply *reply = m_manager->sendCustomRequest(qRequest, request.method, request.body);
    pending->reply = reply;

    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [pending, timeoutMs = request.timeoutMs] {
        if (!pending->failure)
            pending->failure = netError("NET_TIMEOUT", "no complete response within " + std::to_string(timeoutMs) + " ms");
        if (pending->reply)
            pending->reply->abort();
    });
    timer->start(request.timeoutMs);

    const qint64 cap = request.maxResponseBytes;
    connect(reply, &QNetworkReply::metaDataChanged, reply, [pending, cap] {
        const QVariant length = pending->reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > cap) {
            pending->failure = netError("NET_BODY_TOO_LARGE", "the response announces " + std::to_string(length.toLongLong())
                                                                  + " bytes, more than the cap of " + std::to_string(cap));
            pending->reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, reply, [pending, cap](qint64 received, qint64) {
        if (received > cap && !pending->failure) {
            pending->failure = netError("NET_BODY_TOO_LARGE", "the response exceeds the cap of " + std::to_string(cap) + " bytes");
            pending->reply->abort();
        }
    });
    connect(reply, &QNetworkReply::sslErrors, reply, [pending](const QList<QSslError> &errors) {
        std::string text;
        for (const auto &error : errors)
            text += (text.empty() ? "" : "; ") + error.errorString().toStdString();
        if (!errors.isEmpty())
            text += " — certificate: " + describeCertificate(errors.first().certificate());
        pending->failure = netError("NET_TLS", "TLS error: " + text);
        // Never ignoreSslErrors(): the request fails.
    });

    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    const auto finish = [this, pending, request, callback, guard, hasContext, reply]() {
        if (pending->delivered)
            return;
        pending->delivered = true;
        HttpExchange exchange;
        exchange.request = request;
        exchange.startedMsSinceEpoch = pending->started;
        exchange.elapsedMs = pending->clock.elapsed();
        std::optional<Result<HttpResponse>> outcome;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (pending->failure) {
            exchange.error = pending->failure;
        } else if (!status.isValid()) {
            const auto error = reply->error();
            std::string code = "NET_ERROR";
            if (error == QNetworkReply::ConnectionRefusedError)
                code = "NET_CONNECTION_REFUSED";
            else if (error == QNetworkReply::HostNotFoundError)
                code = "NET_HOST_NOT_FOUND";
            else if (error == QNetworkReply::RemoteHostClosedError)
                code = "NET_CONNECTION_CLOSED";
            else if (error == QNetworkReply::OperationCanceledError)
                code = "NET_CANCELLED";
            else if (error >= QNetworkReply::SslHandshakeFailedError && error <= QNetworkReply::UnknownNetworkError)
                code = "NET_TLS";
            exchange.error = netError(code, reply->errorString().toStdString());
        } else if (reply->error() != QNetworkReply::NoError && reply->error() < QNetworkReply::ContentAccessDenied
                   && reply->error() != QNetworkReply::TooManyRedirectsError && reply->error() != QNetworkReply::InsecureRedirectError) {
            // A transport failure after headers arrived (reset mid-body): a truncated body is a failure (rp-checks N3).
            exchange.error = netError("NET_TRUNCATED", "the connection failed while reading the body: " + reply->errorString().toStdString());
        } else if (reply->error() == QNetworkReply::TooManyRedirectsError || reply->error() == QNetworkReply::InsecureRedirectError) {
            exchange.error = netError("NET_REDIRECT", "redirect refused: " + reply->errorString().toStdString());
        } else {
            HttpResponse response;
            response.status = status.toInt();
            for (const auto &pair : reply->rawHeaderPairs())
                response.headers.append(pair);
            response.body = reply->readAll();
            response.url = reply->url();
            response.elapsedMs = exchange.elapsedMs;
            if (response.body.size() > request.maxResponseBytes)
                exchange.error = netError("NET_BODY_TOO_LARGE", "the response exceeds the cap of " + std::to_string(request.maxResponseBytes) + " bytes");
            else
                exchange.response = std::move(response);
        }
        if (exchange.error)
            exchange.error->httpStatus = status.isValid() ? status.toInt() : 0;
        notify(exchange);
        if (hasContext && !guard)
            return;
        if (exchange.error)
            callback(*exchange.error);
        else
            callback(std::move(*exchange.response));
    };
    // The transport receives finished() even when the caller's context is gone, so the observer
    // (the exchange log) sees every exchange; only the callback is dropped then.
    connect(reply, &QNetworkReply::finished, this, finish);
    if (context)
        connect(context, &QObject::destroyed, reply, &QNetworkReply::abort);

    return RequestHandle([pending] {
        if (!pending->reply || pending->delivered)
            return;
        if (!pending->failure)
            pending->failure = netError("NET_CANCELLED", "cancelled");
        pending->reply->abort();
    });
}

} // namespace oidc::net
