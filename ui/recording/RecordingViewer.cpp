#include "RecordingViewer.h"

#include "ui/CheckListView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ReadOnlyText.h"
#include "ui/widgets/RecordTable.h"
#include "ui/widgets/ToneLabel.h"

#include "oidc/Async.h"
#include "oidc/recording/DescopeDemoReplay.h"
#include "oidc/recording/RecordingJson.h"
#include "oidc/recording/ReplayComparison.h"

#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>

#include <utility>

namespace ui {

namespace {

using namespace oidc::recording;

oidc::jwt::CheckOutcome recordedOutcomeOf(const std::string &outcome)
{
    if (outcome == "pass")
        return oidc::jwt::CheckOutcome::Pass;
    if (outcome == "fail")
        return oidc::jwt::CheckOutcome::Fail;
    return oidc::jwt::CheckOutcome::Skip;
}

QString recordedStepOutcome(const RecordedStep &step)
{
    if (step.ok)
        return QStringLiteral("ok");
    return QStringLiteral("failed %1 %2").arg(QString::fromStdString(step.errorCategory), QString::fromStdString(step.errorCode)).trimmed();
}

// A HAR entry's headers, one "Name: value" per line.
QString recordedHeaders(const oidc::Json &headers)
{
    QString text;
    if (!headers.is_array())
        return text;
    for (const oidc::Json &header : headers)
        text += QString::fromStdString(header.value("name", std::string()) + ": " + header.value("value", std::string())) + QLatin1Char('\n');
    return text;
}

// A recorded exchange (a HAR entry, redacted when it was recorded) as a person reads it.
QString recordedExchangeText(const oidc::Json &entry)
{
    const oidc::Json request = entry.value("request", oidc::Json::object());
    const oidc::Json response = entry.value("response", oidc::Json::object());
    QString text = QString::fromStdString(request.value("method", std::string()) + " " + request.value("url", std::string())) + QLatin1Char('\n');
    text += recordedHeaders(request.value("headers", oidc::Json()));
    if (request.contains("postData"))
        text += QLatin1Char('\n') + QString::fromStdString(request["postData"].value("text", std::string())) + QLatin1Char('\n');
    text += QStringLiteral("\n— response: HTTP %1 —\n").arg(response.value("status", 0));
    text += recordedHeaders(response.value("headers", oidc::Json()));
    const oidc::Json content = response.value("content", oidc::Json::object());
    text += QLatin1Char('\n') + QString::fromStdString(content.value("text", std::string()));
    if (entry.contains("_redacted"))
        text += QStringLiteral("\n\n(redacted when recorded: %1)").arg(QString::fromStdString(entry["_redacted"].dump()));
    return text;
}

QString recordingInfoText(const Recording &recording, const QString &name)
{
    QStringList lines;
    lines << QStringLiteral("%1 — %2, recorded %3 with %4")
                 .arg(name, recording.kind == kKindDescopeDemo ? QStringLiteral("a Descope demo") : QStringLiteral("an OIDC code flow"),
                      QString::fromStdString(recording.createdAt), QString::fromStdString(recording.tool));
    const std::string issuer = recording.profile.value("issuer", std::string());
    if (!issuer.empty())
        lines << QStringLiteral("Provider %1, client %2")
                     .arg(QString::fromStdString(issuer), QString::fromStdString(recording.profile.value("clientId", std::string())));
    if (!recording.loginId.empty())
        lines << QStringLiteral("Signed in as %1").arg(QString::fromStdString(recording.loginId));
    if (recording.sandbox.is_object()) {
        QStringList faults;
        for (const oidc::Json &fault : recording.sandbox.value("faults", oidc::Json::array()))
            faults << QString::fromStdString(fault.value("kind", std::string()) + (fault.value("path", std::string()).empty() ? "" : " on " + fault["path"].get<std::string>()));
        lines << (faults.isEmpty() ? QStringLiteral("Sandbox faults: none") : QStringLiteral("Sandbox faults: %1").arg(faults.join(QStringLiteral(", "))));
    }
    if (recording.outcome)
        lines << (recording.outcome->ok ? QStringLiteral("Outcome: ok")
                                        : QStringLiteral("Outcome: failed %1 %2")
                                              .arg(QString::fromStdString(recording.outcome->errorCategory), QString::fromStdString(recording.outcome->errorCode)));
    return lines.join(QLatin1Char('\n'));
}

// How long a replay's each call may take (a poll's whole wait included).
constexpr int kReplayTimeoutMs = 60000;

QString faultText(const oidc::Json &fault)
{
    return QString::fromStdString(fault.value("kind", std::string()) + (fault.value("path", std::string()).empty() ? "" : " on " + fault["path"].get<std::string>()));
}

} // namespace

RecordingViewer::RecordingViewer(sandbox::SandboxHost *sandbox, QWidget *parent)
    : QWidget(parent)
    , m_info(toneLabel(QStringLiteral("recordingInfo"), Tone::Neutral, QStringLiteral("Open a recording to step through it.")))
    , m_steps(new QStandardItemModel(0, 3, this))
    , m_stepTable(new QTableView)
    , m_stepSummary(plainLabel({}))
    , m_checks(new CheckListView(QStringLiteral("recordingChecks"), {.detailPane = true, .ruleColumn = false}))
    , m_exchanges(new QStandardItemModel(0, 3, this))
    , m_exchangeTable(new QTableView)
    , m_exchangeText(readOnlyText(QStringLiteral("recordingExchangeText"), QStringLiteral("The selected exchange, as recorded (redacted)")))
    , m_replayButton(new QPushButton(QStringLiteral("Replay against the sandbox")))
    , m_cancelReplayButton(new QPushButton(QStringLiteral("Cancel replay")))
    , m_replayInfo(toneLabel(QStringLiteral("replayInfo"), Tone::Neutral, {}))
    , m_replaySteps(new QStandardItemModel(0, 4, this))
    , m_replayTable(new QTableView)
    , m_sandbox(sandbox)
{
    setObjectName(QStringLiteral("recordingViewer"));
    auto *open = new QPushButton(QStringLiteral("Open recording…"));
    open->setObjectName(QStringLiteral("openRecordingButton"));
    connect(open, &QPushButton::clicked, this, &RecordingViewer::chooseFile);
    m_replayButton->setObjectName(QStringLiteral("replayButton"));
    m_replayButton->setToolTip(QStringLiteral("Run this Descope demo again against the built-in sandbox, with its recorded faults on, "
                                              "and compare each step with the recording"));
    connect(m_replayButton, &QPushButton::clicked, this, &RecordingViewer::replayAgainstSandbox);
    m_cancelReplayButton->setObjectName(QStringLiteral("cancelReplayButton"));
    connect(m_cancelReplayButton, &QPushButton::clicked, this, &RecordingViewer::cancelReplay);
    m_header = new PanelHeader(Type::Title, QStringLiteral("Recording"),
                               QStringLiteral("A recorded flow or Descope demo, step by step: its checks and exchanges as they were"),
                               {m_replayButton, m_cancelReplayButton, open});
    m_replayInfo->setWordWrap(true);
    m_replayInfo->hide();
    m_replaySteps->setHorizontalHeaderLabels({QStringLiteral("Step"), QStringLiteral("Replay"), QStringLiteral("Recorded → replayed"),
                                              QStringLiteral("What differed")});
    m_replayTable->setObjectName(QStringLiteral("replayTable"));
    m_replayTable->setModel(m_replaySteps);
    setUpRecordTable(m_replayTable);
    m_replayTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_replayTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_replayTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_replayTable->horizontalHeader()->setStretchLastSection(true);
    m_replayTable->setMaximumHeight(240);
    m_replayTable->hide();
    updateReplayButtons();

    m_steps->setHorizontalHeaderLabels({QStringLiteral("#"), QStringLiteral("Step"), QStringLiteral("Outcome")});
    m_stepTable->setObjectName(QStringLiteral("recordingStepTable"));
    m_stepTable->setModel(m_steps);
    setUpRecordTable(m_stepTable);
    m_stepTable->horizontalHeader()->setStretchLastSection(false);
    m_stepTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_stepTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_stepTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_exchanges->setHorizontalHeaderLabels({QStringLiteral("Method"), QStringLiteral("URL"), QStringLiteral("Status")});
    m_exchangeTable->setObjectName(QStringLiteral("recordingExchangeTable"));
    m_exchangeTable->setModel(m_exchanges);
    setUpRecordTable(m_exchangeTable);
    m_exchangeTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_stepSummary->setObjectName(QStringLiteral("recordingStepSummary"));
    m_stepSummary->setWordWrap(true);
    connect(m_stepTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        showStep(current.isValid() ? current.row() : -1);
    });
    connect(m_exchangeTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        showExchange(current.isValid() ? current.row() : -1);
    });

    auto *detail = new QWidget;
    layout::attach(detail, layout::column({typeLabel(Type::Section, QStringLiteral("Step")), m_stepSummary, layout::Item(m_checks, 2),
                                           typeLabel(Type::Section, QStringLiteral("Exchanges")), layout::Item(m_exchangeTable, 1),
                                           layout::Item(m_exchangeText, 2)},
                                          {.margins = layout::kFlush, .spacing = 6}));
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("recordingSplitter"));
    splitter->addWidget(m_stepTable);
    splitter->addWidget(detail);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({380, 760});
    layout::attach(this, layout::column({m_header, m_info, layout::Item(splitter, 1), m_replayInfo, m_replayTable},
                                        {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));
}

RecordingViewer::~RecordingViewer()
{
    if (m_replay)
        m_replay->cancel();
    if (m_sandbox && !m_replayFaultIds.empty())
        m_sandbox->removeFaults(m_replayFaultIds);
}

void RecordingViewer::updateReplayButtons()
{
    const bool running = m_replay != nullptr;
    m_replayButton->setEnabled(!running && m_sandbox && m_recording.has_value());
    m_cancelReplayButton->setVisible(running);
}

void RecordingViewer::replayRefused(const QString &why)
{
    m_replayInfo->setText(why);
    updateTone(m_replayInfo, Tone::Bad);
    m_replayInfo->show();
    Q_EMIT replayFinished(false, false);
}

void RecordingViewer::replayAgainstSandbox()
{
    if (!m_recording || m_replay || !m_sandbox)
        return;
    if (m_recording->kind != kKindDescopeDemo) {
        replayRefused(QStringLiteral("This area replays Descope demos. A code flow replays with oidcplay-cli replay FILE, which signs in "
                                     "through the sandbox's login page itself."));
        return;
    }
    if (auto replayable = DescopeDemoReplay::checkReplayable(*m_recording); !replayable) {
        replayRefused(QString::fromStdString(replayable.error().summary()));
        return;
    }
    m_replaySteps->removeRows(0, m_replaySteps->rowCount());
    m_replayTable->hide();
    if (m_sandbox->isRunning()) {
        startReplay(*m_recording);
        return;
    }
    // The sandbox starts first; the replay follows once it answers.
    m_replayInfo->setText(QStringLiteral("Starting the sandbox…"));
    updateTone(m_replayInfo, Tone::Neutral);
    m_replayInfo->show();
    auto started = std::make_shared<QMetaObject::Connection>();
    auto failed = std::make_shared<QMetaObject::Connection>();
    *started = connect(m_sandbox, &sandbox::SandboxHost::started, this, [this, started, failed, recording = *m_recording] {
        disconnect(*started);
        disconnect(*failed);
        startReplay(recording);
    });
    *failed = connect(m_sandbox, &sandbox::SandboxHost::startFailed, this, [this, started, failed](const QString &message) {
        disconnect(*started);
        disconnect(*failed);
        replayRefused(QStringLiteral("The sandbox did not start: %1").arg(message));
    });
    m_sandbox->start();
}

void RecordingViewer::startReplay(const Recording &recording)
{
    // The recorded faults on, on top of those already on; the replay starts when every one is.
    const oidc::Json faults = recording.sandbox.is_object() ? recording.sandbox.value("faults", oidc::Json::array()) : oidc::Json::array();
    QStringList names;
    std::vector<sandbox::Fault> parsed;
    for (const oidc::Json &fault : faults) {
        auto read = sandbox::FaultInjector::fromJson(fault);
        if (!read) {
            replayRefused(QStringLiteral("The recorded fault %1 cannot be switched on: %2").arg(faultText(fault), QString::fromStdString(read.error().summary())));
            return;
        }
        parsed.push_back(std::move(read).value());
        names << faultText(fault);
    }
    m_replay = std::make_shared<DescopeDemoReplay>(m_sandbox->baseUrl(), m_sandbox->projectId());
    m_replayFaultIds.clear();
    updateReplayButtons();
    if (parsed.empty()) {
        runReplay(recording, names);
        return;
    }
    auto pending = std::make_shared<size_t>(parsed.size());
    for (sandbox::Fault &fault : parsed) {
        m_sandbox->addFault(std::move(fault), this, [this, pending, recording, names](int id) {
            m_replayFaultIds.push_back(id);
            if (--*pending == 0)
                runReplay(recording, names);
        });
    }
}

void RecordingViewer::runReplay(const Recording &recording, const QStringList &faultNames)
{
    const QString against = m_sandbox->issuer();
    m_replayInfo->setText(QStringLiteral("Replaying against the sandbox %1%2…")
                              .arg(against, faultNames.isEmpty() ? QStringLiteral(", no faults recorded")
                                                                 : QStringLiteral(" with the recorded faults on: ") + faultNames.join(QStringLiteral(", "))));
    updateTone(m_replayInfo, Tone::Neutral);
    m_replayInfo->show();
    std::function<oidc::Result<Recording>()> work = [replay = m_replay, recording] () -> oidc::Result<Recording> {
        Recorder replayed{std::string(kKindDescopeDemo)};
        if (auto ran = replay->run(recording, replayed, kReplayTimeoutMs); !ran)
            return ran.error();
        return replayed.recording();
    };
    QElapsedTimer clock;
    clock.start();
    oidc::runOffThread<oidc::Result<Recording>>(this, std::move(work), [this, recording, against, faultNames, clock](oidc::Result<Recording> replayed) {
        const bool cancelled = m_replay && m_replay->isCancelled();
        m_replay.reset();
        if (m_sandbox)
            m_sandbox->removeFaults(std::exchange(m_replayFaultIds, {}));
        updateReplayButtons();
        if (!replayed) {
            replayRefused(QString::fromStdString(replayed.error().summary()));
            return;
        }
        ReplayReport report = compareRuns(recording, *replayed);
        report.against = "sandbox " + against.toStdString();
        m_replaySteps->removeRows(0, m_replaySteps->rowCount());
        for (const StepComparison &step : report.steps) {
            QString differences;
            for (const std::string &difference : step.differences)
                differences += (differences.isEmpty() ? QString() : QStringLiteral("; ")) + QString::fromStdString(difference);
            m_replaySteps->appendRow({new QStandardItem(QString::fromStdString(step.title)), new QStandardItem(QString::fromStdString(verdictName(step.verdict))),
                                      new QStandardItem(QStringLiteral("%1 → %2").arg(QString::fromStdString(step.recorded.empty() ? "—" : step.recorded),
                                                                                     QString::fromStdString(step.replayed.empty() ? "—" : step.replayed))),
                                      new QStandardItem(differences)});
        }
        m_replayTable->show();
        const QString faults = faultNames.isEmpty() ? QStringLiteral("no faults recorded")
                                                    : QStringLiteral("recorded faults on for the replay, off again: ") + faultNames.join(QStringLiteral(", "));
        QString verdict = report.allMatch() ? QStringLiteral("Every step gave the recorded outcome")
                                            : QStringLiteral("%1 step(s) differ from the recording; the first: %2")
                                                  .arg(report.mismatchCount())
                                                  .arg(QString::fromStdString(report.firstMismatch()->title));
        if (cancelled)
            verdict = QStringLiteral("Cancelled. ") + verdict;
        m_replayInfo->setText(QStringLiteral("%1 — against the sandbox %2 (%3), in %4 ms").arg(verdict, against, faults).arg(clock.elapsed()));
        updateTone(m_replayInfo, report.allMatch() ? Tone::Good : Tone::Bad);
        Q_EMIT replayFinished(true, report.allMatch());
    });
}

void RecordingViewer::cancelReplay()
{
    if (m_replay)
        m_replay->cancel();
}

void RecordingViewer::chooseFile()
{
    auto *dialog = new QFileDialog(this, QStringLiteral("Open a recording"), QString(), QStringLiteral("Recordings (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &RecordingViewer::openRecording);
    dialog->open();
}

void RecordingViewer::openRecording(const QString &path)
{
    const int generation = ++m_readGeneration;
    m_info->setText(QStringLiteral("Reading %1…").arg(QFileInfo(path).fileName()));
    updateTone(m_info, Tone::Neutral);
    oidc::runOffThread<oidc::Result<Recording>>(
        this, [path] { return readRecordingFile(path); },
        [this, generation, name = QFileInfo(path).fileName()](oidc::Result<Recording> read) {
            if (generation != m_readGeneration)
                return; // a later file was asked for
            if (!read) {
                m_info->setText(QStringLiteral("%1 cannot be opened: %2").arg(name, QString::fromStdString(read.error().summary())));
                updateTone(m_info, Tone::Bad);
                Q_EMIT opened(false);
                return;
            }
            showRecording(std::move(read).value(), name);
            Q_EMIT opened(true);
        });
}

void RecordingViewer::showRecording(Recording recording, const QString &name)
{
    m_recording = std::move(recording);
    m_replaySteps->removeRows(0, m_replaySteps->rowCount());
    m_replayTable->hide();
    m_replayInfo->hide();
    updateReplayButtons();
    m_info->setText(recordingInfoText(*m_recording, name));
    updateTone(m_info, !m_recording->outcome || m_recording->outcome->ok ? Tone::Neutral : Tone::Warning);
    m_steps->removeRows(0, m_steps->rowCount());
    int number = 1;
    for (const RecordedStep &step : m_recording->steps) {
        QList<QStandardItem *> row = {new QStandardItem(QString::number(number++)), new QStandardItem(QString::fromStdString(step.title)),
                                      new QStandardItem(recordedStepOutcome(step))};
        m_steps->appendRow(row);
    }
    if (m_steps->rowCount() > 0)
        m_stepTable->setCurrentIndex(m_steps->index(0, 1));
    else
        showStep(-1);
}

void RecordingViewer::showStep(int row)
{
    m_exchanges->removeRows(0, m_exchanges->rowCount());
    m_stepExchanges.clear();
    m_exchangeText->clear();
    if (!m_recording || row < 0 || row >= static_cast<int>(m_recording->steps.size())) {
        m_stepSummary->clear();
        m_checks->clear();
        return;
    }
    const RecordedStep &step = m_recording->steps[static_cast<size_t>(row)];
    m_stepSummary->setText(QStringLiteral("%1: %2 — %3").arg(QString::fromStdString(step.title), recordedStepOutcome(step), QString::fromStdString(step.summary)));
    std::vector<oidc::jwt::ClaimCheck> checks;
    for (const RecordedCheck &check : step.checks)
        checks.push_back({check.id, check.rule, recordedOutcomeOf(check.outcome), check.detail, check.code});
    m_checks->setChecks(std::move(checks));

    // The step's exchanges: a flow step's by their tag (a step run twice shows both runs'); a Descope
    // action's by its index (Recorder::addStep); an older recording's Descope step is the n-th
    // exchange no flow step tagged.
    const oidc::Json &exchanges = m_recording->exchanges;
    if (!stepFromKey(step.step) && step.step != "descope") {
        for (size_t i = 0; i < exchanges.size(); ++i)
            if (exchanges[i].value("_stepIndex", -1) == row)
                m_stepExchanges.push_back(static_cast<int>(i));
    } else if (step.step == "descope") {
        int nth = 0;
        for (int i = 0; i < row; ++i)
            nth += m_recording->steps[static_cast<size_t>(i)].step == "descope" ? 1 : 0;
        for (size_t i = 0; i < exchanges.size(); ++i)
            if (!exchanges[i].contains("_step") && nth-- == 0) {
                m_stepExchanges.push_back(static_cast<int>(i));
                break;
            }
    } else {
        for (size_t i = 0; i < exchanges.size(); ++i)
            if (exchanges[i].value("_step", std::string()) == step.step)
                m_stepExchanges.push_back(static_cast<int>(i));
    }
    for (const int index : m_stepExchanges) {
        const oidc::Json &entry = exchanges[static_cast<size_t>(index)];
        const oidc::Json request = entry.value("request", oidc::Json::object());
        m_exchanges->appendRow({new QStandardItem(QString::fromStdString(request.value("method", std::string()))),
                                new QStandardItem(QString::fromStdString(request.value("url", std::string()))),
                                new QStandardItem(QString::number(entry.value("response", oidc::Json::object()).value("status", 0)))});
    }
    if (m_exchanges->rowCount() > 0)
        m_exchangeTable->setCurrentIndex(m_exchanges->index(0, 0));
}

void RecordingViewer::showExchange(int row)
{
    if (!m_recording || row < 0 || row >= static_cast<int>(m_stepExchanges.size())) {
        m_exchangeText->clear();
        return;
    }
    m_exchangeText->setPlainText(recordedExchangeText(m_recording->exchanges[static_cast<size_t>(m_stepExchanges[static_cast<size_t>(row)])]));
}

} // namespace ui

#include "moc_RecordingViewer.cpp"
