#include "CommandTable.h"

#include <QStringList>

#include <array>

namespace ui {

namespace {

using SK = QKeySequence::StandardKey;

// Flow keys: Ctrl+R runs all (as "run" in IDEs), F10 the next step (a debugger's "step over"),
// Esc cancels (only while a step runs: a disabled action leaves Esc to the focused widget),
// Ctrl+Shift+R resets. Ctrl+Shift+C copies the selected token, Ctrl+Alt+C the exchange as curl.
// Workspaces take the standard New, Save and Save As keys; Ctrl+O stays "Open HAR…" (people
// drop and open captures all day), so opening a workspace is Ctrl+Shift+O.
constexpr std::array kCommands = {
    CommandSpec{Command::NewWorkspace, Menu::File, "newWorkspaceAction", "&New workspace", SK::New, "Ctrl+N",
                "Start an empty workspace (asks about unsaved changes first)", false},
    CommandSpec{Command::OpenWorkspace, Menu::File, "openWorkspaceAction", "Open &workspace…", SK::UnknownKey, "Ctrl+Shift+O",
                "Open a workspace file: provider profiles, flow settings, parameter presets and variables", false},
    CommandSpec{Command::SaveWorkspace, Menu::File, "saveWorkspaceAction", "&Save workspace", SK::Save, "Ctrl+S",
                "Save the workspace to its file (secrets stay in the keychain, never in the file)", false},
    CommandSpec{Command::SaveWorkspaceAs, Menu::File, "saveWorkspaceAsAction", "Save workspace &as…", SK::SaveAs, "Ctrl+Shift+S",
                "Save the workspace to a new file", false},
    CommandSpec{Command::OpenHar, Menu::File, "openHarAction", "&Open HAR…", SK::Open, "", "Open a HAR file in the HAR Analysis area", false},
    CommandSpec{Command::ExportHar, Menu::File, "exportHarAction", "&Export exchange log as HAR…", SK::UnknownKey, "Ctrl+E",
                "Export all or the selected exchanges as HAR 1.2, redacted unless you confirm otherwise", false},
    CommandSpec{Command::OpenRecording, Menu::File, "openRecordingAction", "Open &recording…", SK::UnknownKey, "",
                "Open a recorded flow or Descope demo and step through it in the Recording area", false},
    CommandSpec{Command::StartRecording, Menu::File, "startRecordingAction", "&Start recording…", SK::UnknownKey, "",
                "Record the flow's steps, checks and exchanges (redacted) and the Descope areas' exchanges from now on", false},
    CommandSpec{Command::StopRecording, Menu::File, "stopRecordingAction", "Stop recording and sa&ve…", SK::UnknownKey, "",
                "Stop recording and save it as a file to open here or replay with oidcplay-cli replay", false},
    CommandSpec{Command::Quit, Menu::File, "quitAction", "&Quit", SK::Quit, "Ctrl+Q", "Quit OIDC Playground", false},

    CommandSpec{Command::Copy, Menu::Edit, "copyAction", "&Copy", SK::Copy, "", "Copy the selection of the focused field", false},
    CommandSpec{Command::CopyAsCurl, Menu::Edit, "copyAsCurlAction", "Copy as c&url", SK::UnknownKey, "Ctrl+Alt+C",
                "Copy the selected exchange of the Exchange Log as a curl command (redacted unless revealed)", false},
    CommandSpec{Command::CopyToken, Menu::Edit, "copyTokenAction", "Copy selected &token", SK::UnknownKey, "Ctrl+Shift+C",
                "Copy the token the current area shows (the Tokens pane's tab, the JWT Inspector's token)", false},
    CommandSpec{Command::Find, Menu::Edit, "findAction", "&Find in Exchange Log…", SK::Find, "", "Show the Exchange Log and focus its filter", false},
    CommandSpec{Command::Preferences, Menu::Edit, "preferencesAction", "&Preferences…", SK::Preferences, "Ctrl+,", "Open the Preferences", false},

    CommandSpec{Command::ShowArea1, Menu::View, "showArea1Action", "", SK::UnknownKey, "Ctrl+1", "Show the first area", false},
    CommandSpec{Command::ShowArea2, Menu::View, "showArea2Action", "", SK::UnknownKey, "Ctrl+2", "Show the second area", false},
    CommandSpec{Command::ShowArea3, Menu::View, "showArea3Action", "", SK::UnknownKey, "Ctrl+3", "Show the third area", false},
    CommandSpec{Command::ShowArea4, Menu::View, "showArea4Action", "", SK::UnknownKey, "Ctrl+4", "Show the fourth area", false},
    CommandSpec{Command::ShowArea5, Menu::View, "showArea5Action", "", SK::UnknownKey, "Ctrl+5", "Show the fifth area", false},
    CommandSpec{Command::ShowArea6, Menu::View, "showArea6Action", "", SK::UnknownKey, "Ctrl+6", "Show the sixth area", false},
    CommandSpec{Command::ShowArea7, Menu::View, "showArea7Action", "", SK::UnknownKey, "Ctrl+7", "Show the seventh area", false},
    CommandSpec{Command::ShowArea8, Menu::View, "showArea8Action", "", SK::UnknownKey, "Ctrl+8", "Show the eighth area", false},
    CommandSpec{Command::ShowArea9, Menu::View, "showArea9Action", "", SK::UnknownKey, "Ctrl+9", "Show the ninth area", false},
    CommandSpec{Command::ZoomIn, Menu::View, "zoomInAction", "Zoom &in", SK::ZoomIn, "Ctrl+=", "Larger text, app-wide (the font size preference)", false},
    CommandSpec{Command::ZoomOut, Menu::View, "zoomOutAction", "Zoom &out", SK::ZoomOut, "Ctrl+-", "Smaller text, app-wide", false},
    CommandSpec{Command::ZoomReset, Menu::View, "zoomResetAction", "&Reset zoom", SK::UnknownKey, "Ctrl+0", "The platform's text size", false},
    CommandSpec{Command::ToggleAreaList, Menu::View, "toggleAreaListAction", "&Area list", SK::UnknownKey, "Ctrl+Shift+L",
                "Show or hide the list of areas", true},
    CommandSpec{Command::ToggleTokensPane, Menu::View, "toggleTokensPaneAction", "&Tokens pane", SK::UnknownKey, "Ctrl+Shift+T",
                "Show or hide the flow page's Tokens pane", true},
    // Not F5 (the platform's Refresh, bound to Refresh tokens) and not Esc alone (Cancel): Esc also
    // leaves presentation mode, but only while no step runs for it to cancel (MainWindow).
    CommandSpec{Command::TogglePresentation, Menu::View, "togglePresentationAction", "&Presentation mode", SK::UnknownKey, "Ctrl+Shift+P",
                "A clean window for a demo: larger text, secrets always hidden, the current step in one sentence (Esc leaves)", true},

    CommandSpec{Command::RunAll, Menu::Flow, "runAllAction", "&Run all", SK::UnknownKey, "Ctrl+R", "Run steps 1–9 of the Authorization Code flow", false},
    CommandSpec{Command::NextStep, Menu::Flow, "nextStepAction", "&Next step", SK::UnknownKey, "F10", "Run the next step of the flow", false},
    CommandSpec{Command::CancelFlow, Menu::Flow, "cancelFlowAction", "&Cancel", SK::Cancel, "", "Cancel the running step", false},
    CommandSpec{Command::ResetFlow, Menu::Flow, "resetFlowAction", "R&eset", SK::UnknownKey, "Ctrl+Shift+R",
                "Every step back to pending (the session's tokens are kept)", false},
    CommandSpec{Command::RefreshTokens, Menu::Flow, "refreshTokensAction", "Re&fresh tokens", SK::Refresh, "", "Use the refresh token now", false},

    CommandSpec{Command::KeyboardShortcuts, Menu::Help, "keyboardShortcutsAction", "&Keyboard shortcuts", SK::UnknownKey, "Ctrl+/",
                "List every keyboard shortcut", false},
    CommandSpec{Command::Tour, Menu::Help, "tourAction", "The README's &tour", SK::HelpContents, "", "A guided tour of the areas", false},
    CommandSpec{Command::About, Menu::Help, "aboutAction", "&About OIDC Playground", SK::UnknownKey, "",
                "Versions of the app, Qt, OpenSSL and the build", false},
};

} // namespace

std::span<const CommandSpec> commandTable()
{
    return kCommands;
}

const CommandSpec &commandSpec(Command command)
{
    for (const CommandSpec &spec : kCommands)
        if (spec.command == command)
            return spec;
    return kCommands.front(); // unreachable: every Command has a row (the tests walk them)
}

QList<QKeySequence> shortcutsOf(const CommandSpec &spec)
{
    QList<QKeySequence> keys;
    if (spec.standardKey != SK::UnknownKey)
        keys = QKeySequence::keyBindings(spec.standardKey);
    const QString explicitKeys = QString::fromLatin1(spec.keys);
    for (const QString &text : explicitKeys.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QKeySequence sequence = QKeySequence::fromString(text, QKeySequence::PortableText);
        if (!keys.contains(sequence))
            keys.append(sequence);
    }
    return keys;
}

QString menuTitle(Menu menu)
{
    switch (menu) {
    case Menu::File: return QStringLiteral("&File");
    case Menu::Edit: return QStringLiteral("&Edit");
    case Menu::View: return QStringLiteral("&View");
    case Menu::Flow: return QStringLiteral("F&low");
    case Menu::Help: return QStringLiteral("&Help");
    }
    return {};
}

Command showAreaCommand(int index)
{
    return static_cast<Command>(static_cast<int>(Command::ShowArea1) + index);
}

} // namespace ui
