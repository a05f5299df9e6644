#pragma once

// setTone() (UiText.h) restyles a label through a style sheet, which re-polishes it: costly when
// done on every refresh of a page that follows a running flow. This sets it only on a change.

#include "ui/UiText.h"

namespace ui {

inline void updateTone(QLabel *label, Tone tone)
{
    const QVariant current = label->property("tone");
    if (current.isValid() && current.toInt() == static_cast<int>(tone))
        return;
    setTone(label, tone);
}

} // namespace ui
