#pragma once

// Boxed messages: banners, warnings and statuses in a tone's colours (setTone, UiText.h).
// setTone() restyles a label through a style sheet, which re-polishes it: costly when done on
// every refresh of a page that follows a running flow, so updateTone() sets it only on a change.

#include "ui/UiText.h"
#include "ui/widgets/UnderPointer.h"
#include "ui/widgets/WrappedLabel.h"

namespace ui {

inline void updateTone(QLabel *label, Tone tone)
{
    const QVariant current = label->property("tone");
    if (current.isValid() && current.toInt() == static_cast<int>(tone))
        return;
    setTone(label, tone);
}

// A plain-text label named `name` that wraps and can be selected (to copy an error) with the
// pointer over it (UnderPointer.h), for a boxed message whose tone is set later (updateTone): a
// hidden one that may never show need not pay for its style sheet.
[[nodiscard]] inline QLabel *untonedLabel(const QString &name, const QString &text = {})
{
    auto *label = new WrappedLabel(text);
    label->setObjectName(name);
    label->setWordWrap(true);
    selectableUnderPointer(label);
    return label;
}

// A plain-text boxed message named `name` in `tone`, as untonedLabel() makes it.
[[nodiscard]] inline QLabel *toneLabel(const QString &name, Tone tone, const QString &text = {})
{
    QLabel *label = untonedLabel(name, text);
    setTone(label, tone);
    return label;
}

} // namespace ui
