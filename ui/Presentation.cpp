#include "Presentation.h"

namespace ui {

Presentation &Presentation::instance()
{
    static Presentation presentation;
    return presentation;
}

void Presentation::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged(active);
}

void Presentation::setNarration(const QString &sentence)
{
    if (sentence.isEmpty())
        return;
    m_narration = sentence;
    Q_EMIT narrationChanged(sentence);
}

} // namespace ui

#include "moc_Presentation.cpp"
