#pragma once

// Layouts written as what they are, nested rows and columns, in the spirit of Qt Creator's
// Layouting namespace and kept to what our panels use:
//
//     layout::attach(this, layout::column({header, layout::row({m_edit, layout::Stretch{}, m_button}),
//                                           layout::Item(m_table, 1)},
//                                          {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));
//
// Items are added in order; nothing else is set behind the caller's back.

// The layouts' types are complete here: a row or a column is passed on as a QLayout.
#include <QBoxLayout>
#include <QFormLayout>
#include <QMargins>
#include <QString>

#include <initializer_list>
#include <optional>

namespace ui::layout {

struct Stretch final {
    int factor = 1;
};

struct Space final {
    int pixels = 0;
};

// The margins and spacing of a layout; what is not set stays as the style has it.
struct Box final {
    std::optional<QMargins> margins;
    int spacing = -1;
};

// No margins: a layout inside a page that has its own.
inline constexpr QMargins kFlush{0, 0, 0, 0};

// The style's margins and `pixels` between items (a field and its note, closer than the rest).
[[nodiscard]] inline Box spaced(int pixels)
{
    return Box{std::nullopt, pixels};
}

// One entry of a row or a column: a widget (with a stretch factor and an alignment), a nested
// layout (with a stretch factor), a stretch or fixed space.
class Item final {
public:
    Item(QWidget *widget, int stretch = 0, Qt::Alignment alignment = {});
    Item(QLayout *layout, int stretch = 0);
    Item(Stretch stretch);
    Item(Space space);

    void addTo(QBoxLayout *box) const;

private:
    enum class Kind { Widget, Layout, Stretch, Space };
    Kind m_kind;
    QWidget *m_widget = nullptr;
    QLayout *m_layout = nullptr;
    int m_amount = 0; // the stretch factor, or the space in pixels
    Qt::Alignment m_alignment;
};

[[nodiscard]] QVBoxLayout *column(std::initializer_list<Item> items, const Box &box = {});
[[nodiscard]] QHBoxLayout *row(std::initializer_list<Item> items, const Box &box = {});

// One line of a form: a label (plain text, or a widget) and its field, or one widget or layout
// across both columns.
class FormRow final {
public:
    FormRow(const QString &label, QWidget *field);
    FormRow(const QString &label, QLayout *field);
    FormRow(QWidget *label, QWidget *field);
    FormRow(QWidget *spanning);
    FormRow(QLayout *spanning);

    void addTo(QFormLayout *form) const;

private:
    QString m_labelText;
    QWidget *m_label = nullptr;
    QWidget *m_widget = nullptr;
    QLayout *m_layout = nullptr;
    bool m_spanning = false;
};

// Fields grow to the form's width (as on every platform but macOS).
[[nodiscard]] QFormLayout *form(std::initializer_list<FormRow> rows, const Box &box = {});

// Installs `layout` on `widget` and returns the widget.
QWidget *attach(QWidget *widget, QLayout *layout);
// A plain widget holding `layout`: a page, a tab, one side of a splitter.
[[nodiscard]] QWidget *widget(QLayout *layout);

} // namespace ui::layout
