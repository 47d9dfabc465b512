using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MiniMalloc.Build.Tasks;
using MiniMalloc.Build.Tests.Infrastructure;

namespace MiniMalloc.Build.Tests.TaskTests;

/// <summary>Builds MiniMallocPlan items the way the targets pass them and runs the task on a recording engine.</summary>
public sealed class TaskRunner : IDisposable
{
    public TempFolder Folder { get; } = new("task");
    public RecordingBuildEngine Engine { get; private set; } = new();

    public string Header(string name = "kws.h") => Folder.Combine("include", name);

    public string WriteModel(string json, string name = "kws.lifetimes.json") => Folder.Write(name, json);

    /// <summary>An item as the targets resolve it: full input path, HeaderFile and warm-start file set.</summary>
    public TaskItem Item(string input, string? header = null, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(input);
        item.SetMetadata("HeaderFile", header ?? Header());
        item.SetMetadata("PreviousPlanFile", Folder.Combine("obj", Path.GetFileName(input) + ".plan"));
        foreach (var (name, value) in metadata) item.SetMetadata(name, value);
        return item;
    }

    public PlanMemoryLayout Task(params ITaskItem[] plans)
    {
        Engine = new RecordingBuildEngine();
        return new PlanMemoryLayout { BuildEngine = Engine, Plans = plans };
    }

    public void Dispose() => Folder.Dispose();
}
