#include "StepUpPanel.h"

#include "ui/UiText.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/EnchantedLinkStepUp.h"
#include "ui/descope/MagicLinkStarter.h"
#include "ui/descope/NoSessionNotice.h"
#include "ui/descope/OtpStarter.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionView.h"
#include "ui/descope/StepUpComparisonView.h"
#include "ui/descope/TotpStarter.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/descope/StepUpComparison.h"

#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>

namespace ui {

using namespace oidc::descope;

namespace {

// What su means and when an app should ask for it, in plain words (descope-api.md §2.2, §11).
QString stepUpExplanation()
{
    return QStringLiteral(
        "su (\"stepped up\") is a claim on the session JWT: true means the signed-in user just proved who they are once more, "
        "with this session's refresh JWT sent along (loginOptions.stepup). The session stays the same — same user, same "
        "refresh JWT — but its new session JWT carries su:true, a fresh iat and, with a new method, that method in amr.\n"
        "When to ask for it: before an action that needs more assurance than the first sign-in gave — changing the email, "
        "password or MFA settings, a payment, deleting data, an admin page. The server that performs the action checks su (and "
        "how recent iat is, or which amr it wants) and, when it is missing, asks the app for a step-up instead of a new sign-in.");
}

QString sessionLine(const DescopeSession &session, const QString &area)
{
    const QString who = session.loginIds.empty() ? qs(session.userId) : qs(session.loginIds.front());
    const auto amr = session.session.claims().find("amr");
    const auto su = session.session.claims().find("su");
    return QStringLiteral("Current session: %1 · amr %2 · su %3%4")
        .arg(who, amr == session.session.claims().end() ? QStringLiteral("absent") : qs(amr->dump()),
             su == session.session.claims().end() ? QStringLiteral("absent") : qs(su->dump()),
             area.isEmpty() ? QString() : QStringLiteral(" · signed in through %1").arg(area));
}

} // namespace

StepUpPanel::StepUpPanel(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_current(toneLabel(QStringLiteral("stepUpCurrent"), Tone::Neutral))
    , m_refusal(new RefusalBanner(QStringLiteral("stepUpRefusal")))
    , m_comparison(new StepUpComparisonView)
    , m_before(new SessionView(QStringLiteral("before")))
    , m_after(new SessionView(QStringLiteral("after")))
{
    setObjectName(QStringLiteral("stepUpPanel"));
    m_before->setObjectName(QStringLiteral("stepUpBefore"));
    m_after->setObjectName(QStringLiteral("stepUpAfter"));
    auto *header = new PanelHeader(Type::Title, QStringLiteral("Step-up"),
                                   QStringLiteral("Re-authenticate the signed-in user with one more method and upgrade the current session "
                                                  "instead of starting another: OTP, magic link, enchanted link or TOTP, sent with "
                                                  "loginOptions.stepup and the session's refresh JWT."));
    QLabel *explanation = typeLabel(Type::Caption, stepUpExplanation());
    explanation->setObjectName(QStringLiteral("stepUpExplanation"));
    explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *split = new QSplitter(Qt::Horizontal);
    split->setObjectName(QStringLiteral("stepUpSplit"));
    split->addWidget(buildMethods());
    split->addWidget(buildResults());
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({410, 590});
    split->setChildrenCollapsible(false);

    layout::attach(this, layout::column({header, explanation, new NoSessionNotice(context), m_current, m_refusal, layout::Item(split, 1)},
                                        {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));

    connect(&m_context, &DescopeContext::sessionChanged, this, &StepUpPanel::sessionChanged);
    connect(&m_context, &DescopeContext::projectChanged, this, [this] {
        m_stepping.reset();
        sessionChanged();
    });
    for (SessionView *view : {m_before, m_after})
        connect(view, &SessionView::openInInspector, &m_context, &DescopeContext::requestInspect);
    m_before->clear(QStringLiteral("The session a step-up starts from appears here."));
    m_after->clear(QStringLiteral("The stepped-up session appears here."));
    sessionChanged();
}

QWidget *StepUpPanel::buildMethods()
{
    const StarterSetup setup{descope_area::kStepUp.toString(), [this] { return beginStepUp(); }, true};
    m_starters = {new OtpStarter(m_context, setup), new MagicLinkStarter(m_context, setup), new EnchantedLinkStepUp(m_context, setup),
                  new TotpStarter(m_context, setup)};
    m_methods = new QTabWidget;
    m_methods->setObjectName(QStringLiteral("stepUpMethods"));
    // Room for a login ID and a code beside their buttons; the comparison takes the rest.
    m_methods->setMinimumWidth(410);
    const QString titles[] = {QStringLiteral("OTP"), QStringLiteral("Magic link"), QStringLiteral("Enchanted link"), QStringLiteral("TOTP")};
    for (size_t i = 0; i < m_starters.size(); ++i) {
        SignInStarter *starter = m_starters[i];
        m_methods->addTab(starter->tabPage(), titles[i]);
        connect(starter, &SignInStarter::busyChanged, this, [this](bool busy) {
            if (busy)
                m_refusal->dismiss();
        });
        connect(starter, &SignInStarter::refused, m_refusal, &RefusalBanner::showError);
        connect(starter, &SignInStarter::finished, this, [this](const QString &, const SessionOutcome &outcome) { finished(outcome); });
    }
    return m_methods;
}

QWidget *StepUpPanel::buildResults()
{
    auto *sessions = new QSplitter(Qt::Horizontal);
    sessions->setObjectName(QStringLiteral("stepUpSessions"));
    sessions->addWidget(layout::widget(layout::column({typeLabel(Type::Section, QStringLiteral("Before")), layout::Item(m_before, 1)},
                                                      {.margins = layout::kFlush, .spacing = 4})));
    sessions->addWidget(layout::widget(layout::column({typeLabel(Type::Section, QStringLiteral("After")), layout::Item(m_after, 1)},
                                                      {.margins = layout::kFlush, .spacing = 4})));
    sessions->setChildrenCollapsible(false);
    auto *exchanges = new AreaExchangeList(m_context, descope_area::kStepUp);
    exchanges->setObjectName(QStringLiteral("stepUpExchanges"));

    // Two session views side by side are wider than the panel leaves them: they scroll instead
    // of widening the window.
    auto *sessionsPage = new QScrollArea;
    sessionsPage->setWidgetResizable(true);
    sessionsPage->setFrameShape(QFrame::NoFrame);
    sessionsPage->setWidget(sessions);

    m_results = new QTabWidget;
    m_results->setObjectName(QStringLiteral("stepUpResults"));
    m_results->addTab(m_comparison, QStringLiteral("What changed"));
    m_results->addTab(sessionsPage, QStringLiteral("Sessions side by side"));
    m_results->addTab(exchanges, QStringLiteral("Requests"));
    return m_results;
}

oidc::Result<LoginOptions> StepUpPanel::beginStepUp()
{
    const auto &session = m_context.session();
    if (!session)
        return oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NO_SESSION", "there is no Descope session to step up: sign in first");
    if (session->refreshJwt.empty())
        return oidc::makeError(oidc::ErrorCategory::Input, "DESCOPE_REFRESH_JWT_REQUIRED",
                               "this session has no refresh JWT (an access key's session): a step-up sends the refresh JWT of a user's session");
    m_stepping = *session;
    LoginOptions options;
    options.stepup = true;
    options.refreshJwt = session->refreshJwt;
    return options;
}

void StepUpPanel::finished(const SessionOutcome &outcome)
{
    if (!outcome.ok()) {
        if (!outcome.checks.empty()) {
            m_after->showOutcome(outcome);
            m_results->setCurrentIndex(1);
        }
        return;
    }
    if (m_stepping) {
        m_before->showSession(*m_stepping);
        const oidc::Json &before = m_stepping->session.claims();
        const oidc::Json &after = outcome.result->session.claims();
        m_comparison->setComparison(before, after, compareStepUp(before, after));
    }
    m_after->showOutcome(outcome);
    m_results->setCurrentIndex(0);
}

void StepUpPanel::sessionChanged()
{
    const auto &session = m_context.session();
    m_current->setVisible(session.has_value());
    m_methods->setEnabled(session.has_value());
    if (!session)
        return;
    m_current->setText(sessionLine(*session, m_context.sessionArea()));
    // The step-up re-authenticates this user: its login ID in every method.
    const QString loginId = session->loginIds.empty() ? QString() : qs(session->loginIds.front());
    for (SignInStarter *starter : m_starters)
        starter->setLoginId(loginId);
}

} // namespace ui

#include "moc_StepUpPanel.cpp"
