# The sandbox panels (Inbox, Faults). Paths are relative to ui/; a target outside ui/ prepends
# ${PROJECT_SOURCE_DIR}/ui/ (list(TRANSFORM … PREPEND …)). They need the `sandbox` library and
# oidcplay_ui_widgets (ui/widgets).
set(OIDCPLAY_UI_SANDBOX_SOURCES
    sandbox/InboxModel.h sandbox/InboxModel.cpp
    sandbox/InboxPanel.h sandbox/InboxPanel.cpp
    sandbox/FaultText.h sandbox/FaultText.cpp
    sandbox/FaultsPanel.h sandbox/FaultsPanel.cpp
)
