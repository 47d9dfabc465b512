using System.Collections;
using Microsoft.Build.Framework;

namespace MiniMalloc.Build.Tests.Infrastructure;

/// <summary>One logged event as MSBuild would show it: severity, code, file(line,col) and the final message text.</summary>
public sealed record LoggedEvent(string Kind, string? Code, string? File, int Line, int Column, string Message,
    string? HelpLink, MessageImportance Importance)
{
    public override string ToString() => $"{Kind} {Code} {File}({Line},{Column}): {Message}";
}

/// <summary>A build engine that keeps every event with its code and position, so tests can assert on them.</summary>
public sealed class RecordingBuildEngine : IBuildEngine
{
    private readonly List<LoggedEvent> _events = [];

    public IReadOnlyList<LoggedEvent> Events => _events;
    public IEnumerable<LoggedEvent> Errors => _events.Where(e => e.Kind == "error");
    public IEnumerable<LoggedEvent> Warnings => _events.Where(e => e.Kind == "warning");
    public IEnumerable<LoggedEvent> Messages => _events.Where(e => e.Kind == "message");

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode => "test.proj";

    public void LogErrorEvent(BuildErrorEventArgs e) =>
        _events.Add(new LoggedEvent("error", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? "", e.HelpLink, MessageImportance.High));

    public void LogWarningEvent(BuildWarningEventArgs e) =>
        _events.Add(new LoggedEvent("warning", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? "", e.HelpLink, MessageImportance.High));

    public void LogMessageEvent(BuildMessageEventArgs e) =>
        _events.Add(new LoggedEvent("message", e.Code, e.File, e.LineNumber, e.ColumnNumber, e.Message ?? "", null, e.Importance));

    public void LogCustomEvent(CustomBuildEventArgs e) =>
        _events.Add(new LoggedEvent("custom", null, null, 0, 0, e.Message ?? "", null, MessageImportance.Low));

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("The task under test must not build projects.");

    public string Describe() => string.Join(Environment.NewLine, _events);
}
