#pragma once

// A profile's `{{name}}` variables (oidc/workspace/VariableSubstitution.h), edited as a
// name/value table: the built-ins first, read-only, with the values they have now (from the
// profile), then the workspace's variables for it. The core checks the names
// (oidc::workspace::checkVariables: the pattern, a built-in's name, twice) and OK waits until
// they pass; a variable that looks like a secret (looksLikeSecret) is warned about, not refused —
// variables are saved in the workspace file as plain text, which is shared and committed.
// OK hands them to the WorkspaceController (the workspace is then modified); Cancel drops them.
//
// Object names: variablesDialog, variablesTable, variablesAdd, variablesRemove, variablesProblems,
// variablesButtons.

#include "oidc/workspace/VariableSubstitution.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QTableWidget;

namespace ui {

class WorkspaceController;

class VariablesDialog final : public QDialog {
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn };

    VariablesDialog(WorkspaceController &workspace, QString profileId, QWidget *parent = nullptr);

    void accept() override;

private:
    void addRow(const QString &name, const QString &value, bool builtin);
    void check();
    [[nodiscard]] oidc::workspace::Parameters typed() const; // the rows under the built-ins, blank ones left out

    WorkspaceController &m_workspace;
    QString m_profileId;
    QTableWidget *m_table;
    QLabel *m_problems;
    QDialogButtonBox *m_buttons;
    int m_builtinCount = 0;
    bool m_filling = false;
};

} // namespace ui
