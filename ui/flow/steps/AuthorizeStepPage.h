#pragma once

// Step 4: the authorization request as an editable parameter table, and the URL built from it.

#include "ui/flow/steps/StepPage.h"

#include <QUrl>

namespace ui {

class AuthorizeParameterTable;
class CopyableField;

class AuthorizeStepPage final : public StepPage {
    Q_OBJECT
public:
    explicit AuthorizeStepPage(QWidget *parent = nullptr);

    // The table the runner reads the request from (FlowRunner::setRequestEditor).
    [[nodiscard]] AuthorizeParameterTable *parameters() const { return m_parameters; }
    void setUrl(const QUrl &url);
    // A bar above the table (the workspace's presets and variables, ui/workspace/PresetBar.h).
    void setToolBar(QWidget *bar);

    // The table and the URL follow the runner's signals; nothing to read on refresh.
    void refresh(const FlowRunner &runner, FlowStepModel::Step step) override;

private:
    AuthorizeParameterTable *m_parameters;
    CopyableField *m_url;
};

} // namespace ui
