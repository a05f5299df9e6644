#pragma once

// Labels whose text a person can select and copy, made selectable only while the pointer is over
// them. A selectable QLabel keeps its text in a QTextDocument (a QWidgetTextControl) and lays it out
// again at the first paint after every change of text: ~0.15-0.2 ms a paint on the GUI thread for a
// one-line status, and the labels that change during a flow (the status bar's newest exchange, the
// flow page's status banner, the session line) change many times a second (issue 12, bench/gui
// --trace). A label that is not selectable paints its text directly, and a text that fits its label
// is painted to the same pixels and measured to the same size hints either way (tst_widgets
// compares them), so nothing moves when the pointer comes.
// The label stays selectable while it holds a selection (to be copied) or while a popup (its context
// menu with Copy) is open; flags its owner sets afterwards win, and the label is left to them.

class QLabel;

namespace ui {

// From now on `label` is selectable by mouse while the pointer is over it. A label that wraps must be
// a WrappedLabel: QLabel measures a wrapping label's size hints through its QTextDocument when it is
// selectable, to other sizes than without one, so the layout would move under the pointer.
void selectableUnderPointer(QLabel *label);

} // namespace ui
