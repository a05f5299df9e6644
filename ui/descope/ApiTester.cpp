#include "ApiTester.h"

#include "ui/CheckListView.h"
#include "ui/UiText.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ReadOnlyText.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/Json.h"
#include "oidc/Redaction.h"
#include "oidc/descope/ApiCallExplanation.h"
#include "oidc/descope/BearerCall.h"
#include "oidc/descope/SampleApi.h"

#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>

namespace ui {

using oidc::descope::sampleApiRoutes;

namespace {

// The methods the core sends (buildApiCallRequest); the sample answers POST, the sandbox GET too.
constexpr const char *kApiTesterMethods[] = {"POST", "GET", "PUT", "PATCH", "DELETE"};

Tone apiTesterTone(int status)
{
    if (status >= 200 && status < 300)
        return Tone::Good;
    if (status == 403 || status == 404 || status == 429)
        return Tone::Warning;
    return Tone::Bad;
}

// The body as the API sent it (already redacted and bounded by the core), indented when it is
// JSON that survived the bound whole.
QString apiTesterBody(const std::string &body)
{
    if (body.empty())
        return QStringLiteral("(empty body)");
    if (auto parsed = oidc::parseJson(body))
        return qs(parsed->dump(2));
    return qs(body);
}

} // namespace

ApiTester::ApiTester(oidc::net::HttpTransport &transport, QWidget *sessionNotice, QWidget *parent)
    : QWidget(parent)
    , m_transport(transport)
{
    setObjectName(QStringLiteral("apiTester"));
    auto *header = new PanelHeader(Type::Heading, tr("Call a protected API"),
                                   tr("Send a token and see what the API answers, and why."));
    layout::attach(this, layout::column({header, buildRequest(sessionNotice), layout::Item(buildAnswer(), 1)}, {.margins = layout::kFlush, .spacing = 8}));

    connect(m_route, &QComboBox::activated, this, &ApiTester::routeChosen);
    connect(m_url, &QLineEdit::textEdited, this, &ApiTester::urlEdited);
    connect(m_url, &QLineEdit::returnPressed, this, &ApiTester::send);
    connect(m_token, &QComboBox::currentIndexChanged, this, [this] {
        updateTokenNote();
        updateButtons();
    });
    connect(m_send, &QPushButton::clicked, this, &ApiTester::send);
    connect(m_cancel, &QPushButton::clicked, this, &ApiTester::cancel);
    routeChosen(0);
    updateTokenNote();
    updateButtons();
}

// A call in flight ends with this object (the transport drops its answer and aborts it).
ApiTester::~ApiTester() = default;

QWidget *ApiTester::buildRequest(QWidget *sessionNotice)
{
    m_route = new QComboBox;
    m_route->setObjectName(QStringLiteral("apiRoute"));
    for (const auto &route : sampleApiRoutes())
        m_route->addItem(QStringLiteral("%1 — %2").arg(qs(route.path), qs(route.summary)));
    m_route->addItem(tr("Any URL (type it below)"));
    m_route->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_route->setMinimumContentsLength(20);

    m_method = new QComboBox;
    m_method->setObjectName(QStringLiteral("apiMethod"));
    for (const char *method : kApiTesterMethods)
        m_method->addItem(QString::fromLatin1(method));

    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("apiUrl"));
    m_url->setPlaceholderText(tr("https://api.example.com/resource"));
    m_url->setToolTip(tr("Any URL: https, or http on this computer"));

    m_token = new QComboBox;
    m_token->setObjectName(QStringLiteral("apiToken"));
    m_token->addItem(tr("The client-credentials access token"), static_cast<int>(TokenSource::ClientCredentials));
    m_token->addItem(tr("The access-key session JWT"), static_cast<int>(TokenSource::AccessKey));
    m_token->addItem(tr("The app's Descope session JWT"), static_cast<int>(TokenSource::DescopeSession));
    m_token->addItem(tr("No token"), static_cast<int>(TokenSource::None));
    m_token->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_token->setMinimumContentsLength(20);
    m_tokenNote = typeLabel(Type::Caption);
    m_tokenNote->setObjectName(QStringLiteral("apiTokenNote"));
    // The notice shows itself while there is no session; this box only while the session is chosen.
    m_sessionNoticeBox = layout::widget(layout::column({sessionNotice}, {.margins = layout::kFlush}));

    m_send = new QPushButton(tr("Send"));
    m_send->setObjectName(QStringLiteral("apiSend"));
    m_send->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("apiCancel"));

    return layout::widget(layout::form({{tr("Route"), m_route},
                                        {tr("Request"), layout::row({m_method, layout::Item(m_url, 1)}, {.margins = layout::kFlush})},
                                        {tr("Token"), m_token},
                                        {QString(), layout::column({m_tokenNote, m_sessionNoticeBox}, {.margins = layout::kFlush, .spacing = 4})},
                                        {QString(), layout::row({m_send, m_cancel, layout::Stretch{}}, {.margins = layout::kFlush})}},
                                       {.margins = layout::kFlush}));
}

QWidget *ApiTester::buildAnswer()
{
    m_refusal = new RefusalBanner(QStringLiteral("apiRefusal"));
    m_verdict = toneLabel(QStringLiteral("apiVerdict"), Tone::Neutral, tr("Nothing sent yet."));
    m_message = plainLabel(QString());
    m_message->setObjectName(QStringLiteral("apiMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();
    // The detail pane shows the first failure in full: which scope or role, and what the token holds.
    m_checks = new CheckListView(QStringLiteral("apiChecks"), {.detailPane = true, .ruleColumn = false});
    m_body = readOnlyText(QStringLiteral("apiBody"), tr("The API's answer (redacted, at most 2,000 characters)"));
    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("apiAnswerTabs"));
    tabs->setDocumentMode(true);
    tabs->addTab(m_checks, tr("Why, from the token's claims"));
    tabs->addTab(m_body, tr("Body"));
    tabs->setTabToolTip(0, tr("The token's claims read without verifying them (the API verifies), against what the route requires"));
    return layout::widget(layout::column({m_refusal, m_verdict, m_message, layout::Item(tabs, 1)}, {.margins = layout::kFlush, .spacing = 6}));
}

void ApiTester::setSampleBase(const QUrl &base)
{
    m_sampleBase = base.isEmpty() ? sampleDefaultBase() : base;
    if (m_route->currentIndex() < static_cast<int>(sampleApiRoutes().size()))
        routeChosen(m_route->currentIndex());
}

void ApiTester::setToken(TokenSource source, const QString &token)
{
    m_tokens.insert(static_cast<int>(source), token);
    updateTokenNote();
    updateButtons();
}

void ApiTester::selectSource(TokenSource source)
{
    m_token->setCurrentIndex(m_token->findData(static_cast<int>(source)));
}

ApiTester::TokenSource ApiTester::currentSource() const
{
    return static_cast<TokenSource>(m_token->currentData().toInt());
}

void ApiTester::routeChosen(int index)
{
    const auto &routes = sampleApiRoutes();
    if (index < 0 || index >= static_cast<int>(routes.size())) {
        m_url->setFocus();
        return;
    }
    m_url->setText(m_sampleBase.resolved(QUrl(qs(routes[static_cast<size_t>(index)].path))).toString());
    m_method->setCurrentText(QStringLiteral("POST"));
    updateButtons();
}

void ApiTester::urlEdited()
{
    // A URL typed by hand is the user's own unless it is one of the sample's.
    const auto *route = oidc::descope::findSampleApiRoute(QUrl(m_url->text().trimmed()), m_sampleBase);
    const auto &routes = sampleApiRoutes();
    m_route->setCurrentIndex(route ? static_cast<int>(route - routes.data()) : static_cast<int>(routes.size()));
    updateButtons();
}

void ApiTester::updateTokenNote()
{
    const TokenSource source = currentSource();
    const QString token = m_tokens.value(static_cast<int>(source));
    m_sessionNoticeBox->setVisible(source == TokenSource::DescopeSession);
    QString note;
    switch (source) {
    case TokenSource::None:
        note = tr("Sends no Authorization header: a protected API answers 401 (RFC 6750 §3.1).");
        break;
    case TokenSource::ClientCredentials:
        note = token.isEmpty() ? tr("No client-credentials token yet: request one under Client credentials.") : QString();
        break;
    case TokenSource::AccessKey:
        note = token.isEmpty() ? tr("No access-key session JWT yet: exchange a key under Access key.") : QString();
        break;
    case TokenSource::DescopeSession:
        break; // without a session, the notice underneath says so and offers to sign in
    }
    if (!token.isEmpty() && source != TokenSource::None)
        note = tr("Sends Authorization: Bearer %1").arg(oidc::redactSecret(token));
    m_tokenNote->setText(note);
    m_tokenNote->setVisible(!note.isEmpty());
}

void ApiTester::updateButtons()
{
    const TokenSource source = currentSource();
    const bool hasToken = source == TokenSource::None || !m_tokens.value(static_cast<int>(source)).isEmpty();
    m_send->setEnabled(!m_busy && hasToken && !m_url->text().trimmed().isEmpty());
    m_cancel->setEnabled(m_busy);
}

void ApiTester::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    updateButtons();
}

void ApiTester::send()
{
    if (m_busy || !m_send->isEnabled())
        return;
    const QUrl url(m_url->text().trimmed());
    const TokenSource source = currentSource();
    const std::string token = source == TokenSource::None ? std::string() : toStd(m_tokens.value(static_cast<int>(source)));
    auto request = oidc::descope::buildApiCallRequest(url, m_method->currentText().toLatin1(), token, true);
    if (!request) {
        m_refusal->showError(tr("The API call"), request.error());
        return;
    }
    m_refusal->dismiss();
    updateTone(m_verdict, Tone::Neutral);
    m_verdict->setText(tr("Waiting for %1…").arg(oidc::redactUrl(url)));
    m_message->clear();
    m_message->hide();
    m_checks->clear();
    m_body->clear();
    setBusy(true);
    m_call = m_transport.send(std::move(request).value(), this,
                              [this, url, token](const oidc::Result<oidc::net::HttpResponse> &response) { finished(response, url, token); });
}

void ApiTester::cancel()
{
    // The transport answers NET_CANCELLED before cancel() returns (finished() resets the state).
    m_call.cancel();
}

void ApiTester::finished(const oidc::Result<oidc::net::HttpResponse> &response, const QUrl &url, const std::string &token)
{
    m_call = {};
    setBusy(false);
    if (!response) {
        if (response.error().code == "NET_CANCELLED") {
            m_verdict->setText(tr("Cancelled before the API answered."));
            return;
        }
        m_verdict->setText(tr("No answer from the API."));
        m_refusal->showError(tr("The API call"), response.error());
        return;
    }
    const oidc::descope::BearerCallAnswer answer = oidc::descope::processBearerCallResponse(*response);
    const auto *route = oidc::descope::findSampleApiRoute(url, m_sampleBase);
    showAnswer(answer, oidc::descope::explainApiCall(answer, token, route ? &route->requirement : nullptr,
                                                     QDateTime::currentSecsSinceEpoch()));
}

void ApiTester::showAnswer(const oidc::descope::BearerCallAnswer &answer, const oidc::descope::ApiCallExplanation &explanation)
{
    updateTone(m_verdict, apiTesterTone(answer.status));
    m_verdict->setText(qs(explanation.headline));
    m_message->setText(answer.message.empty() ? tr("The API gave no message of its own.") : tr("The API said: %1").arg(qs(answer.message)));
    m_message->show();
    m_checks->setChecks(explanation.checks);
    m_body->setPlainText(apiTesterBody(answer.body));
}

} // namespace ui

#include "moc_ApiTester.cpp"
