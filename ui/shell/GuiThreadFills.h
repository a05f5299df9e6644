#pragma once

// Qt 6.4's raster engine splits a fill of more than 96 spans (a scroll bar's gradient, a tall
// viewport's background) into parts, hands them to QThreadPool::globalInstance() and waits for
// them — unless the painting thread belongs to that pool. On the GUI thread each such fill is a
// hand-over to other threads and back (futex wake-ups, ~3 per frame during a flow), and the frame
// waits for pool threads to be scheduled, behind whatever else the pool or the machine runs; the
// fills themselves take microseconds. keepFillsOnGuiThread() makes the GUI thread count as one of
// the global pool's own for that test, so its fills are done where they are asked for (issue 12:
// bench/gui's p99 lateness ~3.5 → ~3.0 ms in paired runs). It is done by defining
// QThreadPool::contains in this program, exported to the libraries (GuiThreadFills.list, linked
// through the oidcplay_gui_thread_fills target): the answer changes only for the global pool asked
// about the GUI thread once this was called; every other question gets Qt's own answer.
// OIDCPLAY_PARALLEL_FILLS=1 leaves Qt's behaviour (for comparison).

namespace ui {

// Call on the GUI thread, after QApplication exists. Returns whether it took effect (false when
// OIDCPLAY_PARALLEL_FILLS=1, or when this program does not export the definition to Qt).
bool keepFillsOnGuiThread();

// Whether the GUI thread's fills stay on it (for tests).
[[nodiscard]] bool fillsStayOnGuiThread();

} // namespace ui
