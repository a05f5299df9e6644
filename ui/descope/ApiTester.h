#pragma once

// The protected-API tester of the Client Credentials & M2M area. A URL and a method — the M2M
// sample's routes one click away (/api/protected takes any valid session JWT, /api/user needs the
// scope read:data, /api/admin the role admin: oidc/descope/SampleApi.h), at the sandbox's base URL
// or, with another provider, at the sample's own default — or any URL typed by the user; the token
// to send: the client-credentials access token, the access-key session JWT, the app's Descope
// session, or none. The answer: its status with the core's explanation (ApiCallExplanation: which
// scope or role the token lacks, an expired or missing token), the API's own words, the checks
// read from the token's claims, and the body (redacted, size-capped, plain text).
//
// The request goes through the transport it is given (the area's, so the Exchange Log says M2M);
// Cancel stops it in flight; the GUI thread never waits. Tokens are secrets: kept in memory only,
// shown redacted. Object names: apiRoute, apiMethod, apiUrl, apiToken, apiTokenNote, apiSend,
// apiCancel, apiRefusal, apiVerdict, apiMessage, apiChecks (table apiChecksTable), apiBody.

#include "oidc/net/HttpTransport.h"

#include <QHash>
#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace oidc::descope {
struct ApiCallExplanation;
struct BearerCallAnswer;
} // namespace oidc::descope

namespace ui {

class CheckListView;
class RefusalBanner;

class ApiTester final : public QWidget {
    Q_OBJECT
public:
    enum class TokenSource { ClientCredentials, AccessKey, DescopeSession, None };
    Q_ENUM(TokenSource)

    // Where the M2M sample listens when it runs on its own (its index.js: PORT or 3000).
    static QUrl sampleDefaultBase() { return QUrl(QStringLiteral("http://localhost:3000")); }

    // `sessionNotice` (NoSessionNotice; ownership taken) shows under the token choice while the app's
    // Descope session is the one to send.
    ApiTester(oidc::net::HttpTransport &transport, QWidget *sessionNotice, QWidget *parent = nullptr);
    ~ApiTester() override;

    // The base URL of the sample routes (the sandbox's, else sampleDefaultBase()); a chosen route
    // follows it.
    void setSampleBase(const QUrl &base);
    // The token a source sends; empty: it has none (yet).
    void setToken(TokenSource source, const QString &token);
    void selectSource(TokenSource source);

public Q_SLOTS:
    void send();
    void cancel();

private:
    QWidget *buildRequest(QWidget *sessionNotice);
    QWidget *buildAnswer();
    void routeChosen(int index);
    void urlEdited();
    void updateTokenNote();
    void updateButtons();
    void setBusy(bool busy);
    void finished(const oidc::Result<oidc::net::HttpResponse> &response, const QUrl &url, const std::string &token);
    void showAnswer(const oidc::descope::BearerCallAnswer &answer, const oidc::descope::ApiCallExplanation &explanation);
    [[nodiscard]] TokenSource currentSource() const;

    oidc::net::HttpTransport &m_transport;
    QUrl m_sampleBase = sampleDefaultBase();
    QHash<int, QString> m_tokens; // by TokenSource; secrets, in memory only
    oidc::net::RequestHandle m_call;
    bool m_busy = false;

    QComboBox *m_route = nullptr;
    QComboBox *m_method = nullptr;
    QLineEdit *m_url = nullptr;
    QComboBox *m_token = nullptr;
    QLabel *m_tokenNote = nullptr;
    QWidget *m_sessionNoticeBox = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_cancel = nullptr;
    RefusalBanner *m_refusal = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_message = nullptr;
    CheckListView *m_checks = nullptr;
    QPlainTextEdit *m_body = nullptr;
};

} // namespace ui
