#include "SocialExchangeView.h"

#include "ui/Presentation.h"
#include "ui/UiText.h"
#include "ui/flow/RedactedUrl.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ReadOnlyText.h"
#include "ui/widgets/Type.h"

#include "oidc/Redaction.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

namespace {

QString socialExchangePath(SocialRoute route)
{
    switch (route) {
    case SocialRoute::Saml: return QStringLiteral("v1/auth/saml/exchange");
    case SocialRoute::Sso: return QStringLiteral("v1/auth/sso/exchange");
    case SocialRoute::OAuth: break;
    }
    return QStringLiteral("v1/auth/oauth/exchange");
}

} // namespace

SocialExchangeView::SocialExchangeView(QWidget *parent)
    : QWidget(parent)
    , m_redirectSent(readOnlyLine(QStringLiteral("socialRedirectSent")))
    , m_providerUrl(readOnlyLine(QStringLiteral("socialProviderUrl")))
    , m_redirectBack(readOnlyLine(QStringLiteral("socialRedirectBack")))
    , m_code(readOnlyLine(QStringLiteral("socialCode")))
    , m_showCode(new QPushButton(QStringLiteral("Show code")))
    , m_exchange(plainLabel(QString()))
    , m_replay(new QPushButton(QStringLiteral("Exchange the code again")))
    , m_paste(new QLineEdit)
    , m_pasteButton(new QPushButton(QStringLiteral("Use this redirect")))
{
    m_showCode->setObjectName(QStringLiteral("socialShowCode"));
    m_showCode->setToolTip(QStringLiteral("Shows the code while held down. It is a secret: single use, short-lived, redacted everywhere else."));
    m_exchange->setObjectName(QStringLiteral("socialExchange"));
    m_exchange->setWordWrap(true);
    m_exchange->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_replay->setObjectName(QStringLiteral("socialReplayButton"));
    m_replay->setToolTip(QStringLiteral("Sends the same code to the exchange once more: Descope takes a code once, so it must refuse it."));
    m_replay->setEnabled(false);
    m_paste->setObjectName(QStringLiteral("socialPasteEdit"));
    m_paste->setPlaceholderText(QStringLiteral("http://…?code=… — the URL the browser landed on, if the app did not catch it"));
    m_pasteButton->setObjectName(QStringLiteral("socialPasteButton"));
    m_pasteButton->setEnabled(false);

    auto *header = new PanelHeader(Type::Section, QStringLiteral("Start, redirect, code, exchange"),
                                   QStringLiteral("Secrets are redacted; the Requests tab lists every call, the Exchange Log has each in full."));
    layout::attach(this, layout::column({header,
                                         layout::form({{QStringLiteral("Redirect URL sent"), m_redirectSent},
                                                       {QStringLiteral("Page Descope answered"), m_providerUrl},
                                                       {QStringLiteral("Redirect back"), m_redirectBack},
                                                       {QStringLiteral("Code"), layout::row({layout::Item(m_code, 1), m_showCode}, {.margins = layout::kFlush})},
                                                       {QStringLiteral("Exchange"), m_exchange},
                                                       {layout::row({m_replay, layout::Stretch{}}, {.margins = layout::kFlush})},
                                                       {QStringLiteral("Paste a redirect"),
                                                        layout::row({layout::Item(m_paste, 1), m_pasteButton}, {.margins = layout::kFlush})}},
                                                      {.margins = layout::kFlush, .spacing = 6}),
                                         layout::Stretch{}},
                                        {.margins = QMargins(8, 8, 8, 8), .spacing = 8}));
    connect(m_showCode, &QPushButton::pressed, this, &SocialExchangeView::showCode);
    connect(m_showCode, &QPushButton::released, this, &SocialExchangeView::showCode);
    connect(m_replay, &QPushButton::clicked, this, &SocialExchangeView::replayRequested);
    connect(m_pasteButton, &QPushButton::clicked, this, [this] {
        const QUrl url(m_paste->text().trimmed());
        if (url.isValid() && !url.isEmpty())
            Q_EMIT pasted(url);
    });
    showRecord({});
}

void SocialExchangeView::showRecord(const SocialSignInRecord &record)
{
    m_redirectSent->setText(record.redirectUrl);
    m_providerUrl->setText(record.providerUrl.isEmpty() ? QString() : redactedUrlText(QUrl(record.providerUrl)));
    m_providerUrl->setCursorPosition(0);
    m_redirectBack->setText(record.redirect.isEmpty() ? QString() : redactedUrlText(record.redirect));
    m_redirectBack->setCursorPosition(0);
    m_codeValue = record.code;
    showCode();
    if (record.exchanges == 0) {
        m_exchange->setText(record.code.empty() ? QStringLiteral("Not sent yet.")
                                                : QStringLiteral("POST %1 {code} …").arg(socialExchangePath(record.route)));
    } else {
        const QString times = record.exchanges == 1 ? QStringLiteral("once") : QStringLiteral("%1 times").arg(record.exchanges);
        const QString answer = record.lastExchangeError ? QStringLiteral("last answer: refused — ") + errorText(*record.lastExchangeError)
                                                        : QStringLiteral("last answer: a session (see the Session tab)");
        m_exchange->setText(QStringLiteral("POST %1 {code}, sent %2; %3").arg(socialExchangePath(record.route), times, answer));
    }
}

void SocialExchangeView::showCode()
{
    m_showCode->setEnabled(!m_codeValue.empty());
    if (m_codeValue.empty()) {
        m_code->clear();
        return;
    }
    // Presenting, the code stays redacted while the button is held too (ui/Presentation.h).
    const bool shown = m_showCode->isDown() && !Presentation::secretsMasked();
    m_code->setText(shown ? qs(m_codeValue) : qs(oidc::redactSecret(m_codeValue)));
}

void SocialExchangeView::setReplayEnabled(bool enabled)
{
    m_replay->setEnabled(enabled);
}

void SocialExchangeView::setPasteEnabled(bool enabled)
{
    m_pasteButton->setEnabled(enabled);
}

} // namespace ui

#include "moc_SocialExchangeView.cpp"
