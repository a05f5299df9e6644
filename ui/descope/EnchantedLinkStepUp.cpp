#include "EnchantedLinkStepUp.h"

#include "ui/UiText.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/PanelInbox.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include "oidc/descope/DescopeClient.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

using namespace oidc::descope;

EnchantedLinkStepUp::EnchantedLinkStepUp(DescopeContext &context, StarterSetup setup, QWidget *parent)
    : SignInStarter(context, std::move(setup), QStringLiteral("enchantedLink"), parent)
    , m_start(new QPushButton(QStringLiteral("Send links")))
    , m_number(plainLabel(QString()))
    , m_polls(typeLabel(Type::Caption))
    , m_inbox(new PanelInbox(context, {QStringLiteral("enchanted-link")}))
    , m_open(nullptr)
{
    m_start->setObjectName(QStringLiteral("enchantedLinkStart"));
    m_number->setObjectName(QStringLiteral("enchantedLinkNumber"));
    QFont font = m_number->font();
    font.setPointSizeF(font.pointSizeF() * 2.2);
    font.setWeight(QFont::DemiBold);
    m_number->setFont(font);
    m_polls->setObjectName(QStringLiteral("enchantedLinkPolls"));
    m_inbox->setObjectName(QStringLiteral("enchantedLinkInbox"));
    m_inbox->setLinkAction(QStringLiteral("Open"));
    QLabel *note = typeLabel(Type::Caption, QStringLiteral("Descope emails three numbered links; only the one with the number shown here "
                                                           "signs in. The app polls until it is clicked (email only)."));

    layout::attach(this, layout::column({layout::form({{QStringLiteral("Login ID"), layout::row({layout::Item(loginIdEdit(), 1), m_start, cancelButton()})}},
                                                      {.margins = layout::kFlush}),
                                         note, layout::row({m_number, layout::Item(m_polls, 1)}, {.margins = layout::kFlush}), statusLabel(),
                                         m_inbox},
                                        {.margins = layout::kFlush, .spacing = 8}));

    connect(m_start, &QPushButton::clicked, this, &EnchantedLinkStepUp::start);
    followLoginId(m_inbox);
    connect(m_inbox, &PanelInbox::linkChosen, this, [this](const QUrl &url, const QString &number) { open(url, number); });
    // The number matters while the links wait: the start shows it, the poll's end takes it away.
    connect(this, &SignInStarter::busyChanged, this, [this](bool busy) {
        if (!busy)
            m_number->clear();
    });
    updateControls();
}

EnchantedLinkStepUp::~EnchantedLinkStepUp()
{
    m_open.abandon();
}

void EnchantedLinkStepUp::start()
{
    const QString what = QStringLiteral("Enchanted link start");
    auto options = signInOptions(what);
    if (!options)
        return;
    const PasswordlessStart start = passwordlessStart(false, std::move(*options));
    m_number->clear();
    m_polls->clear();
    requestCall<EnchantedLinkStarted>(
        what, QStringLiteral("Sending the links…"),
        [start](DescopeClient &descope, DescopeClient::Callback<EnchantedLinkStarted> done) {
            return descope.startEnchantedLink(start, std::move(done));
        },
        [this](const EnchantedLinkStarted &started) {
            m_number->setText(qs(started.linkId));
            poll(started);
        });
}

void EnchantedLinkStepUp::poll(const EnchantedLinkStarted &started)
{
    auto onPoll = [this](const PollRecord &record) {
        QString line = QStringLiteral("Poll %1 at %2 s: %3 (HTTP %4")
                           .arg(record.number)
                           .arg(static_cast<double>(record.sentAtMs) / 1000.0, 0, 'f', 1)
                           .arg(qs(pollDecisionName(record.decision)))
                           .arg(record.status);
        if (!record.code.empty())
            line += QStringLiteral(" ") + qs(record.code);
        line += QStringLiteral(")");
        if (record.nextDelayMs > 0)
            line += QStringLiteral(" · next in %1 s").arg(static_cast<double>(record.nextDelayMs) / 1000.0, 0, 'f', 1);
        m_polls->setText(line);
    };
    // The poll ends in a session as the other sign-ins' verify does.
    signInCall(QStringLiteral("Enchanted link polling"),
               QStringLiteral("Sent to %1: click link %2 in the email (or in the inbox below). Waiting…")
                   .arg(qs(started.maskedEmail), qs(started.linkId)),
               [pendingRef = started.pendingRef, onPoll](DescopeClient &descope, DescopeClient::SessionCallback done) {
                   return descope.pollEnchantedLink(pendingRef, PollSettings{}, onPoll,
                                                    [done = std::move(done)](PolledSession polled) { done(std::move(polled.session)); });
               });
}

void EnchantedLinkStepUp::open(const QUrl &url, const QString &number)
{
    const QString what = QStringLiteral("Enchanted link %1").arg(number);
    auto token = linkToken(toStd(url.toString(QUrl::FullyEncoded)));
    if (!token) {
        Q_EMIT refused(what, token.error());
        return;
    }
    DescopeClient *descope = client(what);
    if (!descope)
        return;
    const quint64 ticket = m_open.begin();
    m_open.attach(ticket, descope->verifyEnchantedLink(*token, [this, ticket, what](oidc::Status verified) {
        if (!m_open.end(ticket))
            return;
        if (!verified)
            Q_EMIT refused(what, verified.error());
        else if (isBusy())
            setStatus(what + QStringLiteral(" opened: the next poll brings the session."), Tone::Neutral);
    }));
}

void EnchantedLinkStepUp::updateControls()
{
    const bool busy = isBusy();
    m_start->setEnabled(!busy && context().hasProject() && !loginId().isEmpty());
    cancelButton()->setVisible(busy);
}

void EnchantedLinkStepUp::resetForProject()
{
    m_open.drop();
    m_number->clear();
    m_polls->clear();
}

} // namespace ui

#include "moc_EnchantedLinkStepUp.cpp"
