#include "PresetBar.h"

#include "ui/UiText.h"
#include "ui/flow/AuthorizeParameterTable.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"
#include "ui/workspace/VariablesDialog.h"
#include "ui/workspace/WorkspaceController.h"

#include "oidc/workspace/Workspace.h"

#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <algorithm>
#include <utility>

namespace ui {

namespace {

QPushButton *barButton(const char *objectName, const QString &text, const QString &toolTip)
{
    auto *button = new QPushButton(text);
    button->setObjectName(QString::fromLatin1(objectName));
    button->setToolTip(toolTip);
    button->setAutoDefault(false);
    return button;
}

// "prompt=login  login_hint={{user}}": what a preset holds, for its tooltip.
QString describe(const oidc::workspace::AuthorizePreset &preset)
{
    QStringList pairs;
    for (const auto &[name, value] : preset.parameters)
        pairs << name + QLatin1Char('=') + value;
    return pairs.isEmpty() ? QStringLiteral("(no parameters: applying it clears the optional ones)") : pairs.join(QLatin1Char('\n'));
}

} // namespace

PresetBar::PresetBar(WorkspaceController &workspace, AuthorizeParameterTable &table, std::function<QString()> profileId,
                     QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_table(table)
    , m_profileId(std::move(profileId))
    , m_combo(new QComboBox)
    , m_apply(barButton("presetApply", QStringLiteral("Apply"),
                        QStringLiteral("Replaces the optional and custom parameters with the preset's")))
    , m_save(barButton("presetSave", QStringLiteral("Save as preset…"),
                       QStringLiteral("Keeps the parameters you set (not state, nonce or the PKCE challenge) under a name, in the workspace")))
    , m_rename(barButton("presetRename", QStringLiteral("Rename…"), QStringLiteral("Renames the chosen preset")))
    , m_delete(barButton("presetDelete", QStringLiteral("Delete"),
                         QStringLiteral("Removes the chosen preset from the workspace (reopen the workspace without saving to get it back)")))
    , m_variables(barButton("variablesButton", QStringLiteral("Variables…"),
                            QStringLiteral("The profile's {{name}} variables, usable in any parameter value")))
{
    setObjectName(QStringLiteral("presetBar"));
    m_combo->setObjectName(QStringLiteral("presetCombo"));
    m_combo->setAccessibleName(QStringLiteral("Authorize parameter preset"));
    // A long preset name neither widens the bar nor the window (the list shows it whole).
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(12);

    // Two rows, so that the flow page's middle column fits a 1280-pixel screen: what acts on the
    // chosen preset, then what makes one and the profile's variables.
    layout::attach(this, layout::column({layout::row({typeLabel(Type::Caption, QStringLiteral("Preset")), layout::Item(m_combo, 1), m_apply,
                                                      m_rename, m_delete},
                                                     {.margins = layout::kFlush, .spacing = 6}),
                                         layout::row({m_save, layout::Stretch{}, m_variables}, {.margins = layout::kFlush, .spacing = 6})},
                                        {.margins = layout::kFlush, .spacing = 6}));

    connect(m_apply, &QPushButton::clicked, this, &PresetBar::apply);
    connect(m_save, &QPushButton::clicked, this, [this] {
        askName(QStringLiteral("Save as preset"), QStringLiteral("Preset name (an existing one is replaced):"), m_combo->currentText(),
                [this](const QString &name) { saveAs(name); });
    });
    connect(m_rename, &QPushButton::clicked, this, [this] {
        askName(QStringLiteral("Rename preset"), QStringLiteral("New name:"), m_combo->currentText(),
                [this](const QString &name) { rename(name); });
    });
    connect(m_delete, &QPushButton::clicked, this, &PresetBar::removeCurrent);
    connect(m_variables, &QPushButton::clicked, this, &PresetBar::editVariables);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &PresetBar::updateButtons);
    connect(&m_workspace, &WorkspaceController::presetsChanged, this, &PresetBar::reload);
    reload();
}

void PresetBar::reload()
{
    const QString chosen = m_combo->currentText();
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    for (const oidc::workspace::AuthorizePreset &preset : m_workspace.presets()) {
        m_combo->addItem(preset.name);
        m_combo->setItemData(m_combo->count() - 1, plainToolTip(describe(preset)), Qt::ToolTipRole);
    }
    m_combo->setPlaceholderText(QStringLiteral("No presets"));
    m_combo->setCurrentIndex(std::max(0, m_combo->findText(chosen)));
    if (m_combo->count() == 0)
        m_combo->setCurrentIndex(-1);
    updateButtons();
}

void PresetBar::updateButtons()
{
    const bool chosen = m_combo->currentIndex() >= 0;
    m_apply->setEnabled(chosen);
    m_rename->setEnabled(chosen);
    m_delete->setEnabled(chosen);
    m_combo->setEnabled(m_combo->count() > 0);
}

void PresetBar::apply()
{
    const int index = m_combo->currentIndex();
    const QList<oidc::workspace::AuthorizePreset> &presets = m_workspace.presets();
    if (index >= 0 && index < presets.size())
        m_table.applyPreset(presets[index].parameters);
}

void PresetBar::askName(const QString &title, const QString &label, const QString &initial, std::function<void(const QString &)> done)
{
    auto *dialog = new QInputDialog(window());
    dialog->setObjectName(QStringLiteral("presetNameDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setTextValue(initial);
    connect(dialog, &QInputDialog::textValueSelected, this, [done = std::move(done)](const QString &text) {
        const QString name = text.simplified();
        if (!name.isEmpty())
            done(name);
    });
    dialog->open();
}

void PresetBar::saveAs(const QString &name)
{
    QList<oidc::workspace::AuthorizePreset> presets = m_workspace.presets();
    const oidc::workspace::AuthorizePreset preset{name, m_table.presetParameters()};
    const auto same = std::find_if(presets.begin(), presets.end(), [&name](const auto &existing) { return existing.name == name; });
    if (same != presets.end())
        *same = preset;
    else
        presets.append(preset);
    m_workspace.setPresets(presets);
    m_combo->setCurrentIndex(m_combo->findText(name));
}

void PresetBar::rename(const QString &name)
{
    const int index = m_combo->currentIndex();
    QList<oidc::workspace::AuthorizePreset> presets = m_workspace.presets();
    if (index < 0 || index >= presets.size() || presets[index].name == name)
        return;
    // Names tell presets apart: a taken one is asked again, never merged away.
    if (std::any_of(presets.cbegin(), presets.cend(), [&name](const auto &other) { return other.name == name; })) {
        askName(QStringLiteral("Rename preset"), QStringLiteral("“%1” is taken. New name:").arg(name), presets[index].name,
                [this](const QString &again) { rename(again); });
        return;
    }
    presets[index].name = name;
    m_workspace.setPresets(presets);
    m_combo->setCurrentIndex(m_combo->findText(name));
}

void PresetBar::removeCurrent()
{
    const int index = m_combo->currentIndex();
    QList<oidc::workspace::AuthorizePreset> presets = m_workspace.presets();
    if (index < 0 || index >= presets.size())
        return;
    presets.removeAt(index);
    m_workspace.setPresets(presets);
}

void PresetBar::editVariables()
{
    const QString profileId = m_profileId();
    auto *dialog = new VariablesDialog(m_workspace, profileId, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace ui

#include "moc_PresetBar.cpp"
