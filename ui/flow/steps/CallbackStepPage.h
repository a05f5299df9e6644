#pragma once

// Step 6: the callback's checks (state, iss, provider error, duplicates — computed by the core),
// a field to paste a redirect URL by hand (step 6 run alone, or a browser that could not reach
// the listener), and the notes of refused callbacks and stray requests.

#include "ui/flow/steps/StepPage.h"

class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace ui {

class CheckListView;

class CallbackStepPage final : public StepPage {
    Q_OBJECT
public:
    explicit CallbackStepPage(FlowRunner &runner, QWidget *parent = nullptr);

    void refresh(const FlowRunner &runner, FlowStepModel::Step step) override;
    void setNotes(const QStringList &notes);
    // The pasted URL can be checked while nothing runs, or while step 5 waits for the browser.
    void setCheckEnabled(bool enabled);

private:
    CheckListView *m_checks;
    QLineEdit *m_paste;
    QPushButton *m_check;
    QPlainTextEdit *m_notes;
};

} // namespace ui
