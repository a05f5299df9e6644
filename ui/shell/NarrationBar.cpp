#include "NarrationBar.h"

#include "ui/Presentation.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QLabel>

namespace ui {

NarrationBar::NarrationBar(const QString &leaveKeys, QWidget *parent)
    : QFrame(parent)
    , m_text(typeLabel(Type::Heading))
    , m_hint(typeLabel(Type::Caption, QStringLiteral("Presentation mode · %1 to leave").arg(leaveKeys)))
{
    setObjectName(QStringLiteral("narrationBar"));
    setFrameShape(QFrame::NoFrame);
    m_text->setObjectName(QStringLiteral("narrationText"));
    m_text->setWordWrap(true);
    m_text->setAccessibleName(QStringLiteral("Current step"));
    m_hint->setObjectName(QStringLiteral("presentationHint"));
    m_hint->setWordWrap(false);
    m_hint->setAlignment(Qt::AlignRight | Qt::AlignTop);
    layout::attach(this, layout::row({layout::Item(m_text, 1), layout::Item(m_hint, 0, Qt::AlignTop)},
                                     {.margins = QMargins(18, 10, 18, 10), .spacing = 18}));
    showSentence(Presentation::instance().narration());
    connect(&Presentation::instance(), &Presentation::narrationChanged, this, &NarrationBar::showSentence);
}

void NarrationBar::showSentence(const QString &sentence)
{
    // Until a step runs there is nothing to narrate: say what will appear here.
    m_text->setText(sentence.isEmpty() ? QStringLiteral("Run a step or start a sign-in: what happens is told here, one step at a time.")
                                       : sentence);
}

} // namespace ui

#include "moc_NarrationBar.cpp"
