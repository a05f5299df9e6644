#include "Type.h"

#include "ui/UiText.h"
#include "ui/widgets/WrappedLabel.h"

#include <QLabel>

namespace ui {

namespace {

void scaleBold(QLabel *label, double scale)
{
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    if (scale != 1.0 && font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    label->setFont(font);
}

} // namespace

void applyType(QLabel *label, Type type)
{
    switch (type) {
    case Type::Title: scaleBold(label, 1.35); return;
    case Type::Heading: scaleBold(label, 1.1); return;
    case Type::Section: scaleBold(label, 1.0); return;
    case Type::Caption: {
        label->setWordWrap(true);
        setInk(label, Ink::Muted);
        return;
    }
    }
}

QLabel *typeLabel(Type type, const QString &text)
{
    QLabel *label = new WrappedLabel(text); // captions wrap: their height is remembered per width
    applyType(label, type);
    return label;
}

namespace {
double g_fontScale = 1.0; // GUI thread only
} // namespace

double fontScale()
{
    return g_fontScale;
}

void setFontScale(double scale)
{
    g_fontScale = scale > 0 ? scale : 1.0;
}

} // namespace ui
