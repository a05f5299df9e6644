#pragma once

// Above the flow page's authorize parameter table: the open workspace's authorize parameter
// presets (oidc::workspace::AuthorizePreset) — apply one, save the table as one (an existing name
// is replaced), rename, delete — and "Variables…", the current profile's `{{name}}` variables
// (VariablesDialog). Every change goes to the WorkspaceController, so it marks the workspace
// modified and is saved with it. Names are asked in window-modal dialogs that do not block.
//
// Object names: presetCombo, presetApply, presetSave, presetRename, presetDelete, variablesButton;
// the name dialog presetNameDialog.

#include <QWidget>

#include <functional>

class QComboBox;
class QPushButton;

namespace ui {

class AuthorizeParameterTable;
class WorkspaceController;

class PresetBar final : public QWidget {
    Q_OBJECT
public:
    // `profileId`: the profile whose variables "Variables…" edits (the flow page's current one).
    PresetBar(WorkspaceController &workspace, AuthorizeParameterTable &table, std::function<QString()> profileId,
              QWidget *parent = nullptr);

private:
    void reload();
    void updateButtons();
    void apply();
    void askName(const QString &title, const QString &label, const QString &initial, std::function<void(const QString &)> done);
    void saveAs(const QString &name);
    void rename(const QString &name);
    void removeCurrent();
    void editVariables();

    WorkspaceController &m_workspace;
    AuthorizeParameterTable &m_table;
    std::function<QString()> m_profileId;
    QComboBox *m_combo;
    QPushButton *m_apply;
    QPushButton *m_save;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QPushButton *m_variables;
};

} // namespace ui
