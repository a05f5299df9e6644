#pragma once

// A step page that is one read-only monospace text: the metadata, the keys, the token response,
// the UserInfo claims. A subclass says what the text is; this page shows it.

#include "ui/flow/steps/StepPage.h"

class QPlainTextEdit;

namespace ui {

class TextStepPage : public StepPage {
    Q_OBJECT
public:
    TextStepPage(const QString &name, const QString &placeholder, QWidget *parent = nullptr);

    void refresh(const FlowRunner &runner, FlowStepModel::Step step) final;

protected:
    [[nodiscard]] virtual QString text(const FlowRunner &runner, FlowStepModel::Step step) const = 0;
    // "name                              value\n", "—" for an empty value: a column of fields.
    [[nodiscard]] static QString field(const QString &name, const QString &value);

private:
    QPlainTextEdit *m_text;
    QString m_shown; // what m_text holds: the same text is not laid out again
};

} // namespace ui
