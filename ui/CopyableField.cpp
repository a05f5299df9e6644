#include "CopyableField.h"

#include "ui/Presentation.h"
#include "ui/UiText.h"

#include "oidc/Redaction.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>

namespace ui {

CopyableField::CopyableField(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_copy(new QPushButton(QStringLiteral("Copy"), this))
{
    setObjectName(name);
    m_edit->setObjectName(name + QStringLiteral("Edit"));
    m_copy->setObjectName(name + QStringLiteral("CopyButton"));
    m_edit->setReadOnly(true);
    m_edit->setFont(monospaceFont());
    m_copy->setEnabled(false);
    m_copy->setAutoDefault(false);
    // Wide enough for "Copied" too, so the row does not move when the label changes.
    m_copy->setMinimumWidth(m_copy->sizeHint().width() + m_copy->fontMetrics().horizontalAdvance(QStringLiteral("ied")));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_copy);

    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_value);
        m_copy->setText(QStringLiteral("Copied"));
        QTimer::singleShot(1200, m_copy, [button = m_copy] { button->setText(QStringLiteral("Copy")); });
    });
}

void CopyableField::setText(const QString &text)
{
    m_value = text;
    m_copy->setEnabled(!text.isEmpty());
    showValue();
}

QString CopyableField::text() const
{
    return m_value;
}

void CopyableField::setSecret(bool secret)
{
    if (m_secret == secret)
        return;
    m_secret = secret;
    if (secret)
        connect(&Presentation::instance(), &Presentation::activeChanged, this, &CopyableField::showValue);
    else
        disconnect(&Presentation::instance(), nullptr, this, nullptr);
    showValue();
}

void CopyableField::showValue()
{
    const QString shown = m_secret && Presentation::secretsMasked() && !m_value.isEmpty() ? oidc::redactSecret(m_value) : m_value;
    m_edit->setText(shown);
    m_edit->setCursorPosition(0);
    m_edit->setToolTip(plainToolTip(shown));
}

void CopyableField::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

} // namespace ui

#include "moc_CopyableField.cpp"
