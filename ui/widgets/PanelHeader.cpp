#include "PanelHeader.h"

#include "ui/widgets/Layouting.h"

#include <QBoxLayout>
#include <QLabel>

namespace ui {

PanelHeader::PanelHeader(Type type, const QString &title, const QString &caption, std::initializer_list<QWidget *> actions,
                         QWidget *parent)
    : QWidget(parent)
    , m_caption(typeLabel(Type::Caption))
{
    auto *titles = layout::column({typeLabel(type, title), m_caption}, {.margins = layout::kFlush, .spacing = 2});
    QHBoxLayout *row = layout::row({layout::Item(titles, 1)}, {.margins = layout::kFlush});
    for (QWidget *action : actions)
        row->addWidget(action, 0, Qt::AlignBottom);
    setLayout(row);
    setCaption(caption);
}

void PanelHeader::setCaption(const QString &text)
{
    m_caption->setText(text);
    m_caption->setVisible(!text.isEmpty());
}

} // namespace ui

#include "moc_PanelHeader.cpp"
