#include "ui/sandbox/FaultText.h"

#include <QCoreApplication>

namespace ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ui::FaultText", text);
}
} // namespace

FaultText faultText(sandbox::FaultKind kind)
{
    using K = sandbox::FaultKind;
    switch (kind) {
    case K::Latency:
        return {tr("Latency"), tr("Delays the response by the given time."),
                tr("T8: the app must stay responsive, time out per request and let the user cancel; P4: a poller keeps polling to its deadline.")};
    case K::ServerError:
        return {tr("Server error (5xx)"), tr("Answers a proxy-style HTML 5xx page, with Retry-After for a 503."),
                tr("T2/T7: show \"unexpected HTTP 5xx\" with a short preview; never auto-retry a code or refresh exchange.")};
    case K::RateLimit:
        return {tr("Rate limit (429)"), tr("Answers 429 E130429 with a Retry-After header."),
                tr("P2: wait max(interval, Retry-After) and try again; a 429 is not a failure.")};
    case K::WrongState:
        return {tr("Wrong state"), tr("The authorization redirect carries a different state."),
                tr("A1: the app must report a state mismatch and must not redeem the code.")};
    case K::MissingIss:
        return {tr("Missing iss on redirect"), tr("The authorization redirect has no iss parameter although the metadata promises it."),
                tr("A3: the app must reject the redirect, with no token call (RFC 9207).")};
    case K::ExpiredIdToken:
        return {tr("Expired ID token"), tr("The primary token's exp is in the past."),
                tr("J7: the app must refuse the ID token (exp past, beyond a small leeway) and show both times.")};
    case K::FutureIatIdToken:
        return {tr("ID token issued in the future"), tr("The primary token's iat is far in the future."),
                tr("J8: the app must refuse the ID token (iat in the future); N6: hint at clock skew.")};
    case K::WrongNonce:
        return {tr("Wrong nonce"), tr("The ID token's nonce is not the one the app sent."),
                tr("J9: the app must refuse the ID token (nonce mismatch).")};
    case K::WrongAudience:
        return {tr("Wrong audience"), tr("The token's aud does not contain the client ID."),
                tr("J5: the app must refuse the token (aud lacks the client ID).")};
    case K::WrongIssuer:
        return {tr("Wrong issuer"), tr("The token's iss is not the provider's issuer."),
                tr("J4: the app must refuse the token (issuer mismatch, exact compare).")};
    case K::BadSignature:
        return {tr("Bad signature"), tr("The token's signature is corrupted."),
                tr("J1: the app must refuse the ID token (signature invalid) and stop before userinfo.")};
    case K::UnknownKid:
        return {tr("Unknown kid"), tr("The token's header names a key that is not in the JWKS."),
                tr("K2: the app refetches the JWKS once (behind a cooldown), then refuses the token; no refetch loop.")};
    case K::MalformedJson:
        return {tr("Malformed JSON"), tr("The JSON response body is cut in half."),
                tr("T3: the app must report a parse error and use nothing from the response (K5 for the JWKS, P7 while polling).")};
    }
    return {QString::fromUtf8(sandbox::FaultInjector::kindName(kind).data(),
                              static_cast<qsizetype>(sandbox::FaultInjector::kindName(kind).size())),
            {}, {}};
}

bool faultUsesLatency(sandbox::FaultKind kind)
{
    return kind == sandbox::FaultKind::Latency;
}

bool faultUsesStatus(sandbox::FaultKind kind)
{
    return kind == sandbox::FaultKind::ServerError;
}

bool faultUsesRetryAfter(sandbox::FaultKind kind)
{
    return kind == sandbox::FaultKind::RateLimit || kind == sandbox::FaultKind::ServerError;
}

QString faultParameters(const sandbox::Fault &fault)
{
    if (faultUsesLatency(fault.kind))
        return tr("%1 ms").arg(fault.latencyMs);
    if (fault.kind == sandbox::FaultKind::ServerError) {
        if (fault.status == 503 && fault.retryAfterSeconds > 0)
            return tr("HTTP %1, Retry-After %2 s").arg(fault.status).arg(fault.retryAfterSeconds);
        return tr("HTTP %1").arg(fault.status);
    }
    if (fault.kind == sandbox::FaultKind::RateLimit)
        return tr("Retry-After %1 s").arg(fault.retryAfterSeconds);
    return {};
}

} // namespace ui
