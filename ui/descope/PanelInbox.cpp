#include "PanelInbox.h"

#include "ui/UiText.h"
#include "ui/descope/DescopeContext.h"
#include "ui/sandbox/InboxModel.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "ui/AppContext.h"

#include "sandbox/SandboxHost.h"

#include <QDateTime>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ui {

PanelInbox::PanelInbox(DescopeContext &context, const QStringList &kinds, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_kinds(kinds)
    , m_caption(typeLabel(Type::Caption))
    , m_empty(typeLabel(Type::Caption, QStringLiteral("Nothing sent yet.")))
    , m_unavailable(toneLabel(QStringLiteral("panelInboxUnavailable"), Tone::Neutral))
    , m_entries(layout::column({}, {.margins = layout::kFlush, .spacing = 6}))
{
    setObjectName(QStringLiteral("panelInbox"));
    m_empty->setObjectName(QStringLiteral("panelInboxEmpty"));
    m_unavailable->setText(QStringLiteral("Messages go to the user's own email or phone. The inbox here shows what the built-in "
                                          "sandbox sends; choose it in the provider bar to see it."));
    layout::attach(this, layout::column({typeLabel(Type::Section, QStringLiteral("Sandbox inbox")), m_caption, m_unavailable, m_empty,
                                         m_entries},
                                        {.margins = layout::kFlush, .spacing = 4}));
    sandbox::SandboxHost *host = m_context.app().sandbox();
    connect(host, &sandbox::SandboxHost::inboxMessageAdded, this, [this](const sandbox::InboxMessage &message) {
        if (accepts(message))
            rebuild();
    });
    connect(host, &sandbox::SandboxHost::inboxChanged, this, &PanelInbox::rebuild);
    connect(&m_context, &DescopeContext::projectChanged, this, &PanelInbox::rebuild);
    rebuild();
}

void PanelInbox::setLoginId(const QString &loginId)
{
    const QString trimmed = loginId.trimmed();
    if (trimmed == m_loginId)
        return;
    m_loginId = trimmed;
    rebuild();
}

void PanelInbox::setCodeAction(const QString &text)
{
    m_codeAction = text;
    rebuild();
}

void PanelInbox::setLinkAction(const QString &text)
{
    m_linkAction = text;
    rebuild();
}

bool PanelInbox::accepts(const sandbox::InboxMessage &message) const
{
    if (!m_kinds.contains(qs(message.kind)))
        return false;
    if (m_loginId.isEmpty())
        return true;
    return m_loginId.compare(qs(message.loginId), Qt::CaseInsensitive) == 0 || m_loginId.compare(qs(message.to), Qt::CaseInsensitive) == 0;
}

void PanelInbox::rebuild()
{
    while (QLayoutItem *item = m_entries->takeAt(0)) {
        if (QWidget *old = item->widget()) {
            // Gone for findChild at once; deleted later, since a click on one of its buttons may be
            // what rebuilds.
            old->hide();
            old->setObjectName(QString());
            for (QObject *part : old->findChildren<QObject *>())
                part->setObjectName(QString());
            old->deleteLater();
        }
        delete item;
    }
    const bool sandbox = m_context.isSandbox();
    m_unavailable->setVisible(!sandbox);
    m_caption->setVisible(sandbox);
    m_caption->setText(m_loginId.isEmpty() ? QStringLiteral("What the sandbox sent, newest first.")
                                           : QStringLiteral("What the sandbox sent to %1, newest first.").arg(m_loginId));
    int shown = 0;
    if (sandbox) {
        for (const sandbox::InboxMessage &message : m_context.app().sandbox()->inbox()) {
            if (shown == kMaxShown)
                break;
            if (!accepts(message))
                continue;
            m_entries->addWidget(entry(message));
            ++shown;
        }
    }
    m_empty->setVisible(sandbox && shown == 0);
}

QWidget *PanelInbox::entry(const sandbox::InboxMessage &message)
{
    auto *frame = new QFrame;
    frame->setObjectName(QStringLiteral("panelInboxEntry"));
    frame->setProperty("messageId", QVariant::fromValue<quint64>(message.id));
    frame->setFrameShape(QFrame::StyledPanel);
    const QString when = QDateTime::fromSecsSinceEpoch(message.createdAt).toString(QStringLiteral("HH:mm:ss"));
    QLabel *meta = typeLabel(Type::Caption, QStringLiteral("%1 · %2 · %3 to %4")
                                                .arg(when, InboxModel::kindLabel(message.kind), qs(message.channel), qs(message.to)));
    auto *box = layout::column({meta}, {.margins = QMargins(8, 6, 8, 6), .spacing = 4});
    const quint64 id = message.id;
    if (!message.code.empty()) {
        const QString code = qs(message.code);
        QLabel *codeText = plainLabel(code);
        codeText->setObjectName(QStringLiteral("panelInboxCode"));
        codeText->setProperty("code", code);
        codeText->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont font = monospaceFont();
        if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 1.5);
        font.setWeight(QFont::DemiBold);
        codeText->setFont(font);
        auto *row = layout::row({codeText, layout::Stretch{}}, {.margins = layout::kFlush});
        if (!m_codeAction.isEmpty()) {
            auto *fill = new QPushButton(m_codeAction);
            fill->setObjectName(QStringLiteral("panelInboxFill"));
            fill->setProperty("code", code);
            connect(fill, &QPushButton::clicked, this, [this, code, id] { Q_EMIT codeChosen(code, id); });
            row->addWidget(fill);
        }
        box->addLayout(row);
    }
    if (!message.links.empty()) {
        auto *row = layout::row({}, {.margins = layout::kFlush});
        for (const sandbox::InboxLink &link : message.links) {
            const QString number = qs(link.number);
            const QUrl url(qs(link.url));
            QString text = m_linkAction.isEmpty() ? QStringLiteral("Link") : m_linkAction;
            if (!number.isEmpty())
                text += QLatin1Char(' ') + number;
            auto *button = new QPushButton(text);
            button->setObjectName(QStringLiteral("panelInboxLink"));
            button->setProperty("linkNumber", number);
            button->setProperty("linkUrl", url);
            button->setToolTip(plainToolTip(url.toString()));
            button->setEnabled(!m_linkAction.isEmpty());
            connect(button, &QPushButton::clicked, this, [this, url, number, id] { Q_EMIT linkChosen(url, number, id); });
            row->addWidget(button);
        }
        row->addStretch(1);
        box->addLayout(row);
    }
    frame->setLayout(box);
    return frame;
}

} // namespace ui

#include "moc_PanelInbox.cpp"
