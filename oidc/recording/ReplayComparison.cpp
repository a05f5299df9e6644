#include "ReplayComparison.h"

#include <algorithm>

namespace oidc::recording {

namespace {

std::string stepOutcomeText(const RecordedStep &step)
{
    if (step.ok)
        return "ok";
    std::string text = "failed";
    if (!step.errorCategory.empty())
        text += " " + step.errorCategory;
    if (!step.errorCode.empty())
        text += " " + step.errorCode;
    return text;
}

std::string checkOutcomeText(const RecordedCheck &check)
{
    return check.outcome == "fail" && !check.code.empty() ? check.outcome + " " + check.code : check.outcome;
}

std::string runOutcomeText(const std::optional<RecordedOutcome> &outcome)
{
    if (!outcome)
        return "unfinished";
    if (outcome->ok)
        return "ok";
    return "failed " + outcome->errorCategory + " " + outcome->errorCode;
}

StepComparison compareStep(const RecordedStep &recorded, const RecordedStep &replayed)
{
    StepComparison row;
    row.step = recorded.step;
    row.title = recorded.title;
    row.recorded = stepOutcomeText(recorded);
    row.replayed = stepOutcomeText(replayed);
    if (row.recorded != row.replayed)
        row.differences.push_back("the step " + row.recorded + " when recorded and " + row.replayed + " in the replay");
    // Checks by id, in the recorded order, then the replay's new ones.
    for (const RecordedCheck &check : recorded.checks) {
        const auto same = std::find_if(replayed.checks.begin(), replayed.checks.end(), [&](const RecordedCheck &c) { return c.id == check.id; });
        CheckComparison compared{check.id, checkOutcomeText(check), same == replayed.checks.end() ? std::string() : checkOutcomeText(*same)};
        if (!compared.matches())
            row.differences.push_back("check " + check.id + ": " + compared.recorded + " when recorded, "
                                      + (compared.replayed.empty() ? std::string("not run") : compared.replayed) + " in the replay");
        row.checks.push_back(std::move(compared));
    }
    for (const RecordedCheck &check : replayed.checks) {
        const bool known = std::any_of(recorded.checks.begin(), recorded.checks.end(), [&](const RecordedCheck &c) { return c.id == check.id; });
        if (known)
            continue;
        CheckComparison compared{check.id, {}, checkOutcomeText(check)};
        row.differences.push_back("check " + check.id + ": not run when recorded, " + compared.replayed + " in the replay");
        row.checks.push_back(std::move(compared));
    }
    row.verdict = row.differences.empty() ? StepComparison::Verdict::Match : StepComparison::Verdict::Mismatch;
    return row;
}

// A step only one of the runs has: Missing (the recording's) or Extra (the replay's).
StepComparison unpairedStep(const RecordedStep &step, StepComparison::Verdict verdict)
{
    StepComparison row;
    row.step = step.step;
    row.title = step.title;
    row.verdict = verdict;
    if (verdict == StepComparison::Verdict::Missing) {
        row.recorded = stepOutcomeText(step);
        row.differences.push_back("the replay did not reach this step (recorded: " + row.recorded + ")");
    } else {
        row.replayed = stepOutcomeText(step);
        row.differences.push_back("the replay ran this step, the recording did not (replay: " + row.replayed + ")");
    }
    return row;
}

} // namespace

bool ReplayReport::allMatch() const
{
    return mismatchCount() == 0;
}

int ReplayReport::mismatchCount() const
{
    return static_cast<int>(std::count_if(steps.begin(), steps.end(), [](const StepComparison &s) { return s.verdict != StepComparison::Verdict::Match; }));
}

const StepComparison *ReplayReport::firstMismatch() const
{
    const auto it = std::find_if(steps.begin(), steps.end(), [](const StepComparison &s) { return s.verdict != StepComparison::Verdict::Match; });
    return it == steps.end() ? nullptr : &*it;
}

std::string verdictName(StepComparison::Verdict verdict)
{
    switch (verdict) {
    case StepComparison::Verdict::Match: return "match";
    case StepComparison::Verdict::Mismatch: return "mismatch";
    case StepComparison::Verdict::Missing: return "missing";
    case StepComparison::Verdict::Extra: return "extra";
    }
    return "mismatch";
}

ReplayReport compareRuns(const Recording &recorded, const Recording &replayed)
{
    ReplayReport report;
    const size_t paired = std::min(recorded.steps.size(), replayed.steps.size());
    size_t index = 0;
    // Pair in order while the keys agree; from the first step that differs, the rest of the
    // recording is missing and the rest of the replay extra (a flow that took another turn).
    for (; index < paired && recorded.steps[index].step == replayed.steps[index].step; ++index)
        report.steps.push_back(compareStep(recorded.steps[index], replayed.steps[index]));
    for (size_t i = index; i < recorded.steps.size(); ++i)
        report.steps.push_back(unpairedStep(recorded.steps[i], StepComparison::Verdict::Missing));
    for (size_t i = index; i < replayed.steps.size(); ++i)
        report.steps.push_back(unpairedStep(replayed.steps[i], StepComparison::Verdict::Extra));
    StepComparison outcome;
    outcome.step = "outcome";
    outcome.title = "outcome";
    outcome.recorded = runOutcomeText(recorded.outcome);
    outcome.replayed = runOutcomeText(replayed.outcome);
    if (outcome.recorded != outcome.replayed) {
        outcome.verdict = StepComparison::Verdict::Mismatch;
        outcome.differences.push_back("the run ended " + outcome.recorded + " when recorded and " + outcome.replayed + " in the replay");
    }
    report.steps.push_back(std::move(outcome));
    return report;
}

} // namespace oidc::recording
