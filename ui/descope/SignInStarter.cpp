#include "SignInStarter.h"

#include "ui/Presentation.h"
#include "ui/UiText.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/PanelInbox.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"

#include "oidc/descope/DescopeClient.h"
#include "oidc/descope/DescopeNarration.h"

#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>

namespace ui {

SignInStarter::SignInStarter(DescopeContext &context, StarterSetup setup, const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_setup(std::move(setup))
    , m_call([this](bool busy) {
        updateControls();
        Q_EMIT busyChanged(busy);
    })
    , m_loginId(new QLineEdit)
    , m_cancel(new QPushButton(QStringLiteral("Cancel")))
    , m_status(toneLabel(name + QStringLiteral("Status"), Tone::Neutral))
{
    setObjectName(name + QStringLiteral("Starter"));
    m_loginId->setObjectName(name + QStringLiteral("LoginId"));
    m_loginId->setPlaceholderText(QStringLiteral("an email address or phone number (alice@example.com, +15555550102)"));
    m_loginId->setClearButtonEnabled(true);
    m_cancel->setObjectName(name + QStringLiteral("Cancel"));
    m_cancel->setToolTip(QStringLiteral("Stop waiting: the request is aborted and nothing it brings is kept."));
    m_status->hide();
    connect(m_cancel, &QPushButton::clicked, this, &SignInStarter::cancel);
    // How a sign-in ended, in presentation mode's narration line (ui/Presentation.h).
    connect(this, &SignInStarter::finished, this, [](const QString &, const oidc::descope::SessionOutcome &outcome) {
        using oidc::descope::DescopeMove;
        Presentation::narrate(oidc::descope::descopeNarration(outcome.ok() ? DescopeMove::SignedIn : DescopeMove::Refused));
    });
    connect(this, &SignInStarter::refused, this,
            [] { Presentation::narrate(oidc::descope::descopeNarration(oidc::descope::DescopeMove::Refused)); });
    connect(m_loginId, &QLineEdit::textChanged, this, [this] {
        if (m_inbox)
            m_inbox->setLoginId(loginId());
        updateControls();
    });
    connect(&m_context, &DescopeContext::projectChanged, this, [this] {
        m_call.drop();
        m_status->hide();
        resetForProject();
        updateControls();
    });
}

SignInStarter::~SignInStarter()
{
    m_call.abandon();
}

void SignInStarter::cancel()
{
    m_call.cancel();
}

void SignInStarter::setLoginId(const QString &loginId)
{
    m_loginId->setText(loginId);
}

QString SignInStarter::loginId() const
{
    return m_loginId->text().trimmed();
}

QWidget *SignInStarter::tabPage()
{
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(layout::widget(layout::column({this, layout::Stretch{}}, {.margins = QMargins(10, 10, 10, 10)})));
    return scroll;
}

std::string SignInStarter::typedLoginId() const
{
    return toStd(loginId());
}

oidc::descope::PasswordlessStart SignInStarter::passwordlessStart(bool signUpIfNew, oidc::descope::LoginOptions options) const
{
    using oidc::descope::LoginOperation;
    oidc::descope::PasswordlessStart start;
    start.operation = signUpIfNew && !m_setup.stepUp ? LoginOperation::SignUpOrIn : LoginOperation::SignIn;
    start.loginId = typedLoginId();
    start.loginOptions = std::move(options);
    return start;
}

void SignInStarter::followLoginId(PanelInbox *inbox)
{
    m_inbox = inbox;
    m_inbox->setLoginId(loginId());
}

oidc::descope::DescopeClient *SignInStarter::client(const QString &what)
{
    if (auto *client = m_context.client(m_setup.area))
        return client;
    const QString reason = m_context.unavailableReason();
    Q_EMIT refused(what, oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NO_PROJECT",
                                         reason.isEmpty() ? std::string("no Descope project is chosen") : toStd(reason)));
    return nullptr;
}

quint64 SignInStarter::beginCall(const QString &status)
{
    setStatus(status, Tone::Neutral);
    return m_call.begin();
}

std::optional<oidc::descope::LoginOptions> SignInStarter::signInOptions(const QString &what)
{
    if (!m_setup.beginSignIn)
        return oidc::descope::LoginOptions{};
    auto options = m_setup.beginSignIn();
    if (!options) {
        Q_EMIT refused(what, options.error());
        return std::nullopt;
    }
    return std::move(options).value();
}

void SignInStarter::setStatus(const QString &text, Tone tone)
{
    m_status->setText(text);
    updateTone(m_status, tone);
    m_status->setVisible(!text.isEmpty());
}

void SignInStarter::reportError(const QString &what, const oidc::Error &error)
{
    if (error.code == "NET_CANCELLED" || error.code == "POLL_CANCELLED") {
        setStatus(what + QStringLiteral(" cancelled: nothing it would have brought is kept."), Tone::Warning);
        return;
    }
    setStatus(what + QStringLiteral(" refused (see above)."), Tone::Bad);
    Q_EMIT refused(what, error);
}

void SignInStarter::reportOutcome(const QString &what, const oidc::descope::SessionOutcome &outcome)
{
    if (outcome.ok()) {
        setStatus(m_setup.stepUp ? QStringLiteral("✔ Stepped up: the upgraded session is the app's current Descope session.")
                                 : QStringLiteral("✔ Signed in: the session is the app's current Descope session."),
                  Tone::Good);
        Q_EMIT finished(what, outcome);
        return;
    }
    const oidc::Error &error = outcome.result.error();
    if (error.code == "NET_CANCELLED" || error.code == "POLL_CANCELLED") {
        reportError(what, error);
        return;
    }
    // The outcome too: a session JWT that failed a check comes with its checks and untrusted claims.
    Q_EMIT finished(what, outcome);
    reportError(what, error);
}

} // namespace ui

#include "moc_SignInStarter.cpp"
