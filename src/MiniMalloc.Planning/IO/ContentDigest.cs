using System.Security.Cryptography;

namespace MiniMalloc.Planning;

/// <summary>
/// The SHA-256 of an input file's bytes, computed on first use. Only the header's banner names it, and the first
/// hash of a process loads the platform's cryptography library (OpenSSL on Linux: several milliseconds), which
/// a run that writes no header, like most runs of the command-line tool, need not pay.
/// </summary>
internal sealed class ContentDigest(byte[] content)
{
    private string? _hex;

    /// <summary>The digest in lower-case hex (64 digits).</summary>
    public string Hex => _hex ??= Convert.ToHexStringLower(SHA256.HashData(content));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ContentDigest other && other.Hex == Hex;

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Hex);

    /// <inheritdoc />
    public override string ToString() => Hex;
}
