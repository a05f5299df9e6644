#pragma once

// Every command of the menu bar and its keyboard shortcut, in one table: the menus are built from
// it (WindowActions) and the Keyboard Shortcuts window lists it, so the two cannot disagree.
// A command uses the platform's standard key (QKeySequence::StandardKey) where one exists, plus
// an explicit one where the standard key is missing on some platforms or where people press
// another key for it (Ctrl+= for zoom in on a US keyboard).

#include <QKeySequence>
#include <QList>
#include <QString>

#include <span>

namespace ui {

enum class Command {
    // File
    NewWorkspace,
    OpenWorkspace,
    SaveWorkspace,
    SaveWorkspaceAs,
    OpenHar,
    ExportHar,
    OpenRecording,
    StartRecording,
    StopRecording,
    Quit,
    // Edit
    Copy,
    CopyAsCurl,
    CopyToken,
    Find,
    Preferences,
    // View: the first nine areas, then zoom, the side panes and presentation mode
    ShowArea1,
    ShowArea2,
    ShowArea3,
    ShowArea4,
    ShowArea5,
    ShowArea6,
    ShowArea7,
    ShowArea8,
    ShowArea9,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleAreaList,
    ToggleTokensPane,
    TogglePresentation,
    // Flow (the Authorization Code page's runner)
    RunAll,
    NextStep,
    CancelFlow,
    ResetFlow,
    RefreshTokens,
    // Help
    KeyboardShortcuts,
    Tour,
    About,
};

enum class Menu { File, Edit, View, Flow, Help };

struct CommandSpec final {
    Command command;
    Menu menu;
    const char *objectName;  // the QAction's object name ("runAllAction")
    const char *text;        // the menu text, with its mnemonic
    QKeySequence::StandardKey standardKey; // UnknownKey: none
    const char *keys;        // explicit keys in PortableText, ';'-separated ("" when none)
    const char *description; // what the Keyboard Shortcuts window and the accessible description say
    bool checkable;
};

[[nodiscard]] std::span<const CommandSpec> commandTable();
[[nodiscard]] const CommandSpec &commandSpec(Command command);
// The standard key's bindings on this platform, then the explicit keys, without repeats.
[[nodiscard]] QList<QKeySequence> shortcutsOf(const CommandSpec &spec);
[[nodiscard]] QString menuTitle(Menu menu);
// ShowArea1 … ShowArea9 for index 0 … 8.
[[nodiscard]] Command showAreaCommand(int index);

} // namespace ui
