namespace Lowering;

/// <summary>Thrown when a model file cannot be lowered; carries every problem found, in file order.</summary>
public sealed class ModelException : Exception
{
    /// <summary>Creates the exception for one error.</summary>
    public ModelException(ModelError error) : this([error]) { }

    /// <summary>Creates the exception for several errors.</summary>
    public ModelException(IReadOnlyList<ModelError> errors)
        : base(errors.Count == 0 ? "invalid model" : errors[0].ToString())
    {
        Errors = errors;
    }

    /// <summary>The problems found.</summary>
    public IReadOnlyList<ModelError> Errors { get; }
}
