#pragma once

// What refresh, revoke and logout did to the session: the outcome and its notes, the
// end-session URL (id_token_hint redacted), and a refresh's ID-token checks.

#include "ui/flow/steps/StepPage.h"

class QPlainTextEdit;

namespace ui {

class CheckListView;

class SessionActionStepPage final : public StepPage {
    Q_OBJECT
public:
    explicit SessionActionStepPage(QWidget *parent = nullptr);

    void refresh(const FlowRunner &runner, FlowStepModel::Step step) override;

private:
    QPlainTextEdit *m_text;
    CheckListView *m_checks;
    QString m_shown; // what m_text holds: the same text is not laid out again
};

} // namespace ui
