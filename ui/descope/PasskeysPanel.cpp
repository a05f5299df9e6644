#include "PasskeysPanel.h"

#include "ui/UiText.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/PasskeyAuthenticatorSettings.h"
#include "ui/descope/PasskeyBrowserWait.h"
#include "ui/descope/PasskeyCeremonyInspector.h"
#include "ui/descope/PasskeyCredentialsView.h"
#include "ui/descope/PasskeyDomainBox.h"
#include "ui/descope/PasskeyRun.h"
#include "ui/descope/PasskeyTamper.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/webauthn/CoseKey.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>

namespace ui {

using namespace oidc::descope;

namespace {

QPushButton *button(const QString &name, const QString &text, const QString &toolTip)
{
    auto *made = new QPushButton(text);
    made->setObjectName(name);
    made->setToolTip(toolTip);
    return made;
}

QString passkeySessionOwner(const DescopeSession &session)
{
    if (!session.loginIds.empty())
        return qs(session.loginIds.front());
    return qs(session.userId);
}

} // namespace

QString PasskeysPanel::defaultAuthenticatorPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/passkeys/software-authenticator.json");
}

PasskeysPanel::PasskeysPanel(DescopeContext &context, const QString &authenticatorPath, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_run(new PasskeyRun(authenticatorPath.isEmpty() ? defaultAuthenticatorPath() : authenticatorPath, this))
    , m_project(typeLabel(Type::Caption))
    , m_loginId(new QLineEdit)
    , m_displayName(new QLineEdit)
    , m_signUp(button(QStringLiteral("signUpButton"), QStringLiteral("Sign up"), QStringLiteral("webauthn/signup: a new user and a new credential")))
    , m_signIn(button(QStringLiteral("signInButton"), QStringLiteral("Sign in"), QStringLiteral("webauthn/signin: an assertion with a stored credential")))
    , m_signUpOrIn(button(QStringLiteral("signUpOrInButton"), QStringLiteral("Sign up or in"),
                          QStringLiteral("webauthn/signup-in: Descope decides: a registration for a new user, else an assertion")))
    , m_addDevice(button(QStringLiteral("addDeviceButton"), QStringLiteral("Add a device"),
                         QStringLiteral("webauthn/update: a new credential for the signed-in user (the current session's refresh JWT)")))
    , m_cancel(button(QStringLiteral("cancelButton"), QStringLiteral("Cancel"), QStringLiteral("Stops the ceremony; nothing more is sent")))
    , m_authenticatorChoice(new QComboBox)
    , m_authenticatorNote(typeLabel(Type::Caption))
    , m_algorithm(new QComboBox)
    , m_tamper(new QComboBox)
    , m_tamperRule(typeLabel(Type::Caption))
    , m_addDeviceNeedsSession(typeLabel(Type::Caption, QStringLiteral("← needs a signed-in session")))
    , m_settings(new PasskeyAuthenticatorSettings)
    , m_domain(new PasskeyDomainBox(context))
    , m_refusal(new RefusalBanner(QStringLiteral("passkeyRefusal")))
    , m_status(toneLabel(QStringLiteral("runStatus"), Tone::Neutral))
    , m_credentials(new PasskeyCredentialsView)
    , m_inspector(new PasskeyCeremonyInspector)
    , m_session(new SessionView(QStringLiteral("session")))
{
    setObjectName(QStringLiteral("passkeysPanel"));
    m_refusal->setTopic(RefusalBanner::Topic::Ceremony);
    m_project->setObjectName(QStringLiteral("projectLabel"));
    m_loginId->setObjectName(QStringLiteral("loginIdEdit"));
    m_loginId->setPlaceholderText(QStringLiteral("user@example.com"));
    m_displayName->setObjectName(QStringLiteral("displayNameEdit"));
    m_displayName->setPlaceholderText(QStringLiteral("Display name (sign-up)"));
    m_authenticatorChoice->setObjectName(QStringLiteral("authenticatorCombo"));
    m_authenticatorChoice->addItem(QStringLiteral("Software authenticator"), false);
    m_authenticatorChoice->addItem(QStringLiteral("System browser"), true);
    m_authenticatorChoice->setToolTip(QStringLiteral("Who answers the options: the app's software authenticator (every byte shown, tamper "
                                                     "switches), or your default browser with the platform's passkeys"));
    m_authenticatorNote->setObjectName(QStringLiteral("authenticatorNote"));
    m_authenticatorNote->setTextFormat(Qt::PlainText);
    m_authenticatorNote->setWordWrap(true);
    m_algorithm->setObjectName(QStringLiteral("algorithmCombo"));
    m_algorithm->setToolTip(QStringLiteral("The algorithm of the credentials the software authenticator creates"));
    for (const auto algorithm : {oidc::webauthn::CoseAlgorithm::ES256, oidc::webauthn::CoseAlgorithm::EdDSA, oidc::webauthn::CoseAlgorithm::RS256})
        m_algorithm->addItem(qs(oidc::webauthn::coseAlgorithmName(algorithm)), static_cast<qlonglong>(algorithm));
    m_tamper->setObjectName(QStringLiteral("tamperCombo"));
    for (const PasskeyTamper tamper : passkeyTampers())
        m_tamper->addItem(passkeyTamperLabel(tamper), static_cast<int>(tamper));
    m_tamperRule->setObjectName(QStringLiteral("tamperRule"));
    m_tamperRule->setTextFormat(Qt::PlainText);
    m_addDeviceNeedsSession->setObjectName(QStringLiteral("addDeviceNeedsSession"));
    m_addDeviceNeedsSession->setToolTip(QStringLiteral("A device is added to the signed-in user: sign up or sign in first, here or in "
                                                       "another area. Signing up or in needs no session."));

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_credentials);
    splitter->addWidget(buildResults());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, 430});
    layout::attach(this, layout::column({buildStart(), layout::Item(splitter, 1)}, {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));

    const auto startOn = [this](QPushButton *clicked, WebAuthnStartKind kind) {
        connect(clicked, &QPushButton::clicked, this, [this, kind] { start(kind); });
    };
    startOn(m_signUp, WebAuthnStartKind::SignUp);
    startOn(m_signIn, WebAuthnStartKind::SignIn);
    startOn(m_signUpOrIn, WebAuthnStartKind::SignUpOrIn);
    startOn(m_addDevice, WebAuthnStartKind::Update);
    connect(m_cancel, &QPushButton::clicked, m_run, &PasskeyRun::cancel);
    connect(m_authenticatorChoice, &QComboBox::currentIndexChanged, this, &PasskeysPanel::chooseAuthenticator);
    connect(m_tamper, &QComboBox::currentIndexChanged, this,
            [this] { m_tamperRule->setText(passkeyTamperRule(static_cast<PasskeyTamper>(m_tamper->currentData().toInt()))); });
    m_tamperRule->setText(passkeyTamperRule(PasskeyTamper::None));
    connect(m_run, &PasskeyRun::phaseChanged, this, &PasskeysPanel::updateBusy);
    connect(m_run, &PasskeyRun::credentialsChanged, this, &PasskeysPanel::showCredentials);
    connect(m_run, &PasskeyRun::fileFailed, this, [this](const oidc::Error &error) {
        showCredentials();
        m_refusal->showError(m_run->failedIn() == PasskeyRun::Phase::Loading ? QStringLiteral("Reading the authenticator's file")
                                                                              : QStringLiteral("Deleting the credential"),
                             error);
    });
    connect(m_run, &PasskeyRun::ceremonyRecorded, this, [this] {
        if (m_run->ceremony())
            m_inspector->showCeremony(*m_run->ceremony());
    });
    connect(m_run, &PasskeyRun::finished, this, &PasskeysPanel::finished);
    connect(m_run->browser(), &PasskeyBrowserAuthenticator::waiting, this, [this] {
        setStatus(QStringLiteral("Start answered the options; the browser runs the ceremony on the page below."), Tone::Neutral);
    });
    connect(m_run, &PasskeyRun::deviceAdded, this, &PasskeysPanel::deviceAdded);
    connect(m_credentials, &PasskeyCredentialsView::deleteRequested, this,
            [this](const QByteArray &id) { m_run->deleteCredential(id.toStdString()); });
    connect(m_session, &SessionView::openInInspector, &m_context, &DescopeContext::requestInspect);
    connect(m_inspector, &PasskeyCeremonyInspector::openInInspector, &m_context, &DescopeContext::requestInspect);
    // A device is added to the signed-in user: "Add a device" follows the session (its note says why).
    connect(&m_context, &DescopeContext::sessionChanged, this, &PasskeysPanel::updateBusy);
    // The client is the project's: a new project ends what runs on the old one (while it still answers).
    connect(&m_context, &DescopeContext::projectChanged, this, &PasskeysPanel::followProject);
    followProject();
    chooseAuthenticator();
    showCredentials();
}

PasskeysPanel::~PasskeysPanel() = default;

void PasskeysPanel::setSystemBrowserOpener(PasskeyBrowserAuthenticator::Opener opener)
{
    m_run->browser()->setOpener(std::move(opener));
}

void PasskeysPanel::chooseAuthenticator()
{
    const bool browser = m_authenticatorChoice->currentData().toBool();
    m_run->setUseSystemBrowser(browser);
    m_authenticatorNote->setText(
        browser ? QStringLiteral("Your default browser opens a page this app serves on http://localhost:<port> (127.0.0.1 only, nothing "
                                 "loaded from elsewhere); it asks the platform's authenticators (Touch ID, Windows Hello, a phone, a "
                                 "security key) and posts the answer back. RP ID \"localhost\": the sandbox accepts it; a Descope project "
                                 "only if its passkey domain is localhost.")
                : QStringLiteral("The app's software authenticator answers; its credentials are listed below."));
    updateBusy();
}

QWidget *PasskeysPanel::buildStart()
{
    auto *header = new PanelHeader(Type::Title, QStringLiteral("Passkeys"),
                                   QStringLiteral("WebAuthn through Descope: start returns the options, the software authenticator "
                                                  "creates or uses a credential for them, finish sends its response and returns the "
                                                  "session. Every byte of the ceremony is in the inspector."));
    m_status->hide();
    auto *fields = layout::row({layout::Item(m_loginId, 2), layout::Item(m_displayName, 1)}, {.margins = layout::kFlush});
    auto *buttons = layout::row({m_signUp, m_signIn, m_signUpOrIn, m_addDevice, m_addDeviceNeedsSession, m_cancel, layout::Stretch{}},
                                {.margins = layout::kFlush});
    auto *authenticator = layout::row({plainLabel(QStringLiteral("Authenticator:")), m_authenticatorChoice, layout::Item(m_authenticatorNote, 1)},
                                      {.margins = layout::kFlush});
    auto *tamper = layout::row({plainLabel(QStringLiteral("New credentials:")), m_algorithm, layout::Space{12}, plainLabel(QStringLiteral("Tamper:")),
                                m_tamper, layout::Item(m_tamperRule, 1)},
                               {.margins = layout::kFlush});
    return layout::widget(layout::column({header, m_project, m_domain, fields, buttons, authenticator, m_settings, tamper, m_refusal, m_status,
                                          new PasskeyBrowserWait(*m_run)},
                                         {.margins = layout::kFlush, .spacing = 6}));
}

QWidget *PasskeysPanel::buildResults()
{
    m_session->clear(QStringLiteral("The session a sign-up or sign-in returns appears here."));
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("passkeyTabs"));
    m_tabs->addTab(m_session, QStringLiteral("Session"));
    m_tabs->addTab(m_inspector, QStringLiteral("Ceremony"));
    m_tabs->addTab(new AreaExchangeList(m_context, descope_area::kPasskeys), QStringLiteral("Requests"));
    return m_tabs;
}

void PasskeysPanel::followProject()
{
    m_run->setClient(nullptr); // cancels a ceremony on the old project's client
    m_project->setText(m_context.hasProject() ? m_context.projectSummary() : m_context.unavailableReason());
    updateBusy();
}

void PasskeysPanel::updateBusy()
{
    const bool busy = m_run->isBusy();
    const bool ready = !busy && m_context.hasProject();
    m_signUp->setEnabled(ready);
    m_signIn->setEnabled(ready);
    m_signUpOrIn->setEnabled(ready);
    m_addDevice->setEnabled(ready && m_context.hasSession());
    m_addDeviceNeedsSession->setVisible(m_context.hasProject() && !m_context.hasSession());
    m_cancel->setEnabled(busy && m_run->phase() != PasskeyRun::Phase::Loading && m_run->phase() != PasskeyRun::Phase::Saving);
    m_credentials->setEditable(!busy);
    // The signer, algorithm and tamper switches are the software authenticator's.
    const bool software = !m_run->usesSystemBrowser();
    m_authenticatorChoice->setEnabled(!busy);
    m_algorithm->setEnabled(!busy && software);
    m_tamper->setEnabled(!busy && software);
    m_settings->setEnabled(!busy && software);
}

void PasskeysPanel::showCredentials()
{
    m_credentials->setFile(m_run->authenticatorPath(), m_run->fileError() ? errorText(*m_run->fileError()) : QString());
    m_credentials->setCredentials(m_run->authenticator().credentials());
    m_settings->showSettings(m_run->authenticator().options());
}

void PasskeysPanel::start(WebAuthnStartKind kind)
{
    m_refusal->dismiss();
    m_kind = kind;
    WebAuthnStart request;
    request.kind = kind;
    request.loginId = toStd(m_loginId->text().trimmed());
    if (kind == WebAuthnStartKind::SignUp || kind == WebAuthnStartKind::SignUpOrIn)
        request.user.name = toStd(m_displayName->text().trimmed());
    if (kind == WebAuthnStartKind::Update) {
        if (!m_context.hasSession())
            return;
        const DescopeSession &session = *m_context.session();
        request.refreshJwt = session.refreshJwt;
        if (request.loginId.empty() && !session.loginIds.empty())
            request.loginId = session.loginIds.front();
    }
    if (const auto origin = m_domain->origin()) {
        if (!*origin) {
            m_refusal->showError(QStringLiteral("The passkey domain"), origin->error());
            return;
        }
        request.origin = origin->value();
    }
    request.passkeyOptions = m_settings->passkeyOptions();
    oidc::webauthn::SoftwareAuthenticatorOptions settings = m_run->authenticator().options();
    m_settings->applyTo(settings);
    m_run->setSettings(settings);
    m_run->setClient(m_context.client(descope_area::kPasskeys));
    m_inspector->clear();
    setStatus(QStringLiteral("Starting…"), Tone::Neutral);
    const bool software = !m_run->usesSystemBrowser();
    m_run->run(request, software ? m_credentials->selectedId() : std::string(),
               software ? static_cast<PasskeyTamper>(m_tamper->currentData().toInt()) : PasskeyTamper::None,
               static_cast<oidc::webauthn::CoseAlgorithm>(m_algorithm->currentData().toLongLong()));
}

QString PasskeysPanel::refusedWhat() const
{
    switch (m_run->failedIn()) {
    case PasskeyRun::Phase::Loading:
        return QStringLiteral("Reading the authenticator's file");
    case PasskeyRun::Phase::Starting:
        return QStringLiteral("The passkey start");
    case PasskeyRun::Phase::Signing:
        return m_run->usesSystemBrowser() ? QStringLiteral("The system browser") : QStringLiteral("The software authenticator");
    default:
        return QStringLiteral("The passkey finish");
    }
}

void PasskeysPanel::finished(const SessionOutcome &outcome)
{
    if (m_run->phase() != PasskeyRun::Phase::Cancelled)
        m_inspector->showOutcome(refusedWhat(), outcome);
    if (outcome.ok()) {
        m_refusal->dismiss();
        m_session->showOutcome(outcome);
        m_tabs->setCurrentWidget(m_session);
        setStatus(QStringLiteral("Signed in as %1 with a passkey. This is now the app's Descope session.").arg(passkeySessionOwner(*outcome.result)),
                  Tone::Good);
        return;
    }
    if (m_run->phase() == PasskeyRun::Phase::Cancelled) {
        m_refusal->dismiss();
        setStatus(QStringLiteral("Cancelled: nothing more is sent. The app's Descope session is unchanged."), Tone::Neutral);
        return;
    }
    if (!outcome.checks.empty())
        m_session->showOutcome(outcome);
    m_refusal->showError(refusedWhat(), outcome.result.error());
    const auto tamper = m_run->usesSystemBrowser() ? PasskeyTamper::None : static_cast<PasskeyTamper>(m_tamper->currentData().toInt());
    const QString rule = tamper == PasskeyTamper::None ? QString() : QStringLiteral(" Tampered: %1").arg(passkeyTamperRule(tamper));
    setStatus((m_context.hasSession() ? QStringLiteral("Not signed in. The app's earlier Descope session stays.") : QStringLiteral("Not signed in."))
                  + rule,
              Tone::Warning);
}

void PasskeysPanel::deviceAdded()
{
    m_inspector->showDeviceAdded();
    m_refusal->dismiss();
    setStatus(QStringLiteral("Device added: the new credential is registered for the signed-in user. The session is unchanged."), Tone::Good);
}

void PasskeysPanel::setStatus(const QString &text, Tone tone)
{
    m_status->setText(text);
    updateTone(m_status, tone);
    m_status->setVisible(!text.isEmpty());
}

} // namespace ui

#include "moc_PasskeysPanel.cpp"
