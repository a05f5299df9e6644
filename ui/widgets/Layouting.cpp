#include "Layouting.h"

#include "ui/UiText.h"

#include <QBoxLayout>
#include <QFormLayout>
#include <QWidget>

namespace ui::layout {

namespace {

template <typename L>
L *applyBox(L *layout, const Box &box)
{
    if (box.margins)
        layout->setContentsMargins(*box.margins);
    if (box.spacing >= 0)
        layout->setSpacing(box.spacing);
    return layout;
}

template <typename L>
L *fill(L *box, std::initializer_list<Item> items, const Box &options)
{
    for (const Item &item : items)
        item.addTo(box);
    return applyBox(box, options);
}

} // namespace

Item::Item(QWidget *widget, int stretch, Qt::Alignment alignment)
    : m_kind(Kind::Widget), m_widget(widget), m_amount(stretch), m_alignment(alignment)
{
}

Item::Item(QLayout *layout, int stretch)
    : m_kind(Kind::Layout), m_layout(layout), m_amount(stretch)
{
}

Item::Item(Stretch stretch)
    : m_kind(Kind::Stretch), m_amount(stretch.factor)
{
}

Item::Item(Space space)
    : m_kind(Kind::Space), m_amount(space.pixels)
{
}

void Item::addTo(QBoxLayout *box) const
{
    switch (m_kind) {
    case Kind::Widget: box->addWidget(m_widget, m_amount, m_alignment); return;
    case Kind::Layout: box->addLayout(m_layout, m_amount); return;
    case Kind::Stretch: box->addStretch(m_amount); return;
    case Kind::Space: box->addSpacing(m_amount); return;
    }
}

QVBoxLayout *column(std::initializer_list<Item> items, const Box &box)
{
    return fill(new QVBoxLayout, items, box);
}

QHBoxLayout *row(std::initializer_list<Item> items, const Box &box)
{
    return fill(new QHBoxLayout, items, box);
}

FormRow::FormRow(const QString &label, QWidget *field)
    : m_labelText(label), m_widget(field)
{
}

FormRow::FormRow(const QString &label, QLayout *field)
    : m_labelText(label), m_layout(field)
{
}

FormRow::FormRow(QWidget *label, QWidget *field)
    : m_label(label), m_widget(field)
{
}

FormRow::FormRow(QWidget *spanning)
    : m_widget(spanning), m_spanning(true)
{
}

FormRow::FormRow(QLayout *spanning)
    : m_layout(spanning), m_spanning(true)
{
}

void FormRow::addTo(QFormLayout *form) const
{
    if (m_spanning) {
        if (m_widget)
            form->addRow(m_widget);
        else
            form->addRow(m_layout);
        return;
    }
    // The label is plain text, and the field its buddy (QFormLayout sets it for a QLabel). An
    // empty label still takes its cell: a note under a field lines up with the field, without
    // the extra space QFormLayout leaves above a row that has no label at all.
    QWidget *label = m_label ? m_label : plainLabel(m_labelText);
    if (m_widget)
        form->addRow(label, m_widget);
    else
        form->addRow(label, m_layout);
}

QFormLayout *form(std::initializer_list<FormRow> rows, const Box &box)
{
    auto *layout = new QFormLayout;
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const FormRow &row : rows)
        row.addTo(layout);
    return applyBox(layout, box);
}

QWidget *attach(QWidget *widget, QLayout *layout)
{
    widget->setLayout(layout);
    return widget;
}

QWidget *widget(QLayout *layout)
{
    return attach(new QWidget, layout);
}

} // namespace ui::layout
