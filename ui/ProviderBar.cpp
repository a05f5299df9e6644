#include "ProviderBar.h"

#include "ui/UiText.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace ui {

namespace {
const QString &kNoProfilesStatus()
{
    static const QString text = QStringLiteral(
        "No provider profiles yet: they arrive with the sandbox and flow features. "
        "The PKCE generator and the JWT inspector work without a provider.");
    return text;
}
} // namespace

ProviderBar::ProviderBar(QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_status(plainLabel(kNoProfilesStatus(), this))
{
    setObjectName(QStringLiteral("providerBar"));
    setAutoFillBackground(true);

    auto *title = plainLabel(QStringLiteral("Provider"), this);
    QFont bold = title->font();
    bold.setWeight(QFont::DemiBold);
    title->setFont(bold);

    m_combo->setObjectName(QStringLiteral("providerCombo"));
    m_combo->setMinimumWidth(240);
    m_combo->setPlaceholderText(QStringLiteral("No provider profiles"));
    m_combo->setEnabled(false);
    m_combo->setToolTip(QStringLiteral("Provider profiles arrive with the sandbox and flow features."));

    m_status->setObjectName(QStringLiteral("providerStatusLabel"));
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, mutedColor());
    m_status->setPalette(palette);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(m_combo);
    layout->addWidget(m_status, 1);

    connect(m_combo, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        if (m_combo->isEnabled() && !name.isEmpty())
            Q_EMIT profileChanged(name);
    });
}

void ProviderBar::setProfiles(const QStringList &names)
{
    m_combo->clear();
    m_combo->addItems(names);
    m_combo->setEnabled(!names.isEmpty());
    if (names.isEmpty())
        m_status->setText(kNoProfilesStatus());
}

void ProviderBar::setStatus(const QString &text)
{
    m_status->setText(text);
}

} // namespace ui
