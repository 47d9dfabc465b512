using Lowering.Json;

namespace Lowering.Model;

/// <summary>Collects the problems of one model file, so that a user sees all of them in one run.</summary>
public sealed class ErrorList(string file)
{
    private readonly List<ModelError> _errors = [];

    /// <summary>The file the errors are about.</summary>
    public string File { get; } = file;

    /// <summary>Whether anything was reported.</summary>
    public bool Any => _errors.Count > 0;

    /// <summary>Records a problem at a value.</summary>
    public void Add(Node at, string code, string message) =>
        _errors.Add(new ModelError(File, at.Line, at.Column, at.Path, code, message));

    /// <summary>Records a problem at an object member's name (unknown property).</summary>
    public void Add(Member at, string path, string code, string message) =>
        _errors.Add(new ModelError(File, at.Line, at.Column, path, code, message));

    /// <summary>Throws a <see cref="ModelException"/> with every error, in file order, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new ModelException(_errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        }
    }
}
