#include "CleartextOnce.h"

#include "ui/CopyableField.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include <QPushButton>

namespace ui {

CleartextOnce::CleartextOnce(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_warning(toneLabel(name + QStringLiteral("Warning"), Tone::Warning))
    , m_value(new CopyableField(name + QStringLiteral("Value")))
    , m_hint(typeLabel(Type::Caption))
    , m_forget(new QPushButton(tr("I have copied it")))
{
    setObjectName(name);
    m_hint->setObjectName(name + QStringLiteral("Hint"));
    m_forget->setObjectName(name + QStringLiteral("Forget"));
    m_value->setSecret(true); // a live access key: masked while presenting
    m_forget->setAutoDefault(false);
    m_forget->setToolTip(tr("Forgets the cleartext: it cannot be shown again"));
    layout::attach(this, layout::column({m_warning, layout::row({layout::Item(m_value, 1), m_forget}, {.margins = layout::kFlush}), m_hint},
                                        {.margins = layout::kFlush, .spacing = 4}));
    connect(m_forget, &QPushButton::clicked, this, &CleartextOnce::forget);
    hide();
}

void CleartextOnce::showKey(const QString &keyId, const QString &cleartext, const QString &hint)
{
    m_warning->setText(tr("Access key %1 created. Copy its cleartext now: Descope returns it only this once, and this panel forgets it when "
                          "you click \"I have copied it\", create another key or change the project.")
                           .arg(keyId));
    m_value->setText(cleartext);
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    show();
}

void CleartextOnce::forget()
{
    m_value->setText(QString());
    m_warning->clear();
    m_hint->clear();
    hide();
}

} // namespace ui

#include "moc_CleartextOnce.cpp"
