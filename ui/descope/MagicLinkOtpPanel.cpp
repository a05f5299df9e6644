#include "MagicLinkOtpPanel.h"

#include "ui/UiText.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/MagicLinkStarter.h"
#include "ui/descope/OtpStarter.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionView.h"
#include "ui/descope/TotpStarter.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/Type.h"

#include <QSplitter>
#include <QTabWidget>

namespace ui {

MagicLinkOtpPanel::MagicLinkOtpPanel(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_project(typeLabel(Type::Caption))
    , m_refusal(new RefusalBanner(QStringLiteral("magicLinkOtpRefusal")))
    , m_tabs(new QTabWidget)
    , m_session(new SessionView(QStringLiteral("session")))
{
    setObjectName(QStringLiteral("magicLinkOtpPanel"));
    m_project->setObjectName(QStringLiteral("magicLinkOtpProject"));
    m_tabs->setObjectName(QStringLiteral("magicLinkOtpTabs"));
    m_session->setObjectName(QStringLiteral("magicLinkOtpSession"));
    auto *header = new PanelHeader(
        Type::Title, QStringLiteral("Magic Link, OTP & TOTP"),
        QStringLiteral("Passwordless sign-ins whose proof the user types or clicks: a one-time code sent by email, SMS, voice or "
                       "WhatsApp; a link that carries a one-time token; or the code of an authenticator app (TOTP, RFC 6238). "
                       "Each ends in a Descope session, checked here and kept as the app's current session."));

    const StarterSetup setup{descope_area::kMagicLinkOtp.toString(), {}, false};
    auto *otp = new OtpStarter(context, setup);
    auto *magicLink = new MagicLinkStarter(context, setup);
    auto *totp = new TotpStarter(context, setup);
    m_tabs->addTab(otp->tabPage(), QStringLiteral("OTP"));
    m_tabs->addTab(magicLink->tabPage(), QStringLiteral("Magic link"));
    m_tabs->addTab(totp->tabPage(), QStringLiteral("TOTP"));
    // The sandbox's users (resources/sandbox/fixtures.json); TOTP signs up a new one.
    follow(otp, QStringLiteral("alice@example.com"));
    follow(magicLink, QStringLiteral("bob@example.com"));
    follow(totp, QStringLiteral("totp-demo@example.com"));

    // The sign-in and the requests it sent on the left, the session it ended in on the right.
    auto *exchanges = new AreaExchangeList(m_context, descope_area::kMagicLinkOtp);
    exchanges->setObjectName(QStringLiteral("magicLinkOtpExchanges"));
    auto *left = new QSplitter(Qt::Vertical);
    left->addWidget(m_tabs);
    left->addWidget(exchanges);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 1);
    left->setChildrenCollapsible(false);
    auto *split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("magicLinkOtpSplit"));
    split->addWidget(left);
    split->addWidget(layout::widget(layout::column({typeLabel(Type::Heading, QStringLiteral("Session")), layout::Item(m_session, 1)},
                                                   {.margins = layout::kFlush, .spacing = 4})));
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    layout::attach(this, layout::column({header, m_project, m_refusal, layout::Item(split, 1)}, {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));

    connect(m_session, &SessionView::openInInspector, &m_context, &DescopeContext::requestInspect);
    connect(&m_context, &DescopeContext::projectChanged, this, &MagicLinkOtpPanel::projectChanged);
    m_session->clear(QStringLiteral("Sign in with a code, a link or an authenticator code: the session appears here, with every check."));
    projectChanged();
}

void MagicLinkOtpPanel::follow(SignInStarter *starter, const QString &sandboxLoginId)
{
    m_starters.push_back({starter, sandboxLoginId});
    connect(starter, &SignInStarter::busyChanged, this, [this](bool busy) {
        if (busy)
            m_refusal->dismiss(); // a new attempt: the last refusal is history
    });
    connect(starter, &SignInStarter::refused, m_refusal, &RefusalBanner::showError);
    connect(starter, &SignInStarter::finished, this, [this](const QString &, const oidc::descope::SessionOutcome &outcome) { finished(outcome); });
}

void MagicLinkOtpPanel::finished(const oidc::descope::SessionOutcome &outcome)
{
    // A refusal before any check leaves the earlier session shown; checks that ran are shown,
    // failed ones with the claims marked untrusted.
    if (outcome.ok() || !outcome.checks.empty())
        m_session->showOutcome(outcome);
}

void MagicLinkOtpPanel::projectChanged()
{
    m_project->setText(m_context.hasProject() ? m_context.projectSummary() : m_context.unavailableReason());
    if (!m_context.isSandbox())
        return;
    // Demo users of the sandbox, only where nothing was typed yet.
    for (const Starter &entry : m_starters) {
        if (entry.starter->loginId().isEmpty())
            entry.starter->setLoginId(entry.sandboxLoginId);
    }
}

} // namespace ui

#include "moc_MagicLinkOtpPanel.cpp"
