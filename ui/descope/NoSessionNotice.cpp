#include "NoSessionNotice.h"

#include "ui/descope/DescopeContext.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"

#include <QLabel>
#include <QPushButton>

namespace ui {

NoSessionNotice::NoSessionNotice(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_text(toneLabel(QStringLiteral("noSessionText"), Tone::Neutral))
    , m_signIn(new QPushButton(QStringLiteral("Sign in…")))
{
    setObjectName(QStringLiteral("noSessionNotice"));
    m_signIn->setObjectName(QStringLiteral("noSessionSignIn"));
    m_signIn->setToolTip(QStringLiteral("Opens a sign-in area: a session obtained there becomes the app's current Descope session."));
    connect(m_signIn, &QPushButton::clicked, &m_context, &DescopeContext::requestSignIn);
    connect(&m_context, &DescopeContext::sessionChanged, this, &NoSessionNotice::follow);
    connect(&m_context, &DescopeContext::projectChanged, this, &NoSessionNotice::follow);
    layout::attach(this, layout::row({layout::Item(m_text, 1), layout::Item(m_signIn, 0, Qt::AlignVCenter)}, {.margins = layout::kFlush}));
    follow();
}

void NoSessionNotice::follow()
{
    if (!m_context.hasProject()) {
        m_text->setText(QStringLiteral("No Descope project: %1").arg(m_context.unavailableReason()));
        m_signIn->hide();
    } else {
        m_text->setText(QStringLiteral("No Descope session yet — sign in first (Enchanted Link; Magic Link, OTP & TOTP; or Passkeys): the session "
                                       "obtained there becomes the app's current Descope session."));
        m_signIn->show();
    }
    setVisible(!m_context.hasSession());
}

} // namespace ui

#include "moc_NoSessionNotice.cpp"
