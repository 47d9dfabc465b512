namespace MiniMalloc.Cli.Tests;

// The native build runs a representative subset of the end-to-end tests on every test run: solving, outputs,
// formats, timeouts and the fallback, Ctrl+C, usage and bad input. All of them run against it with
// MINIMALLOC_CLI=DIR/minimalloc (see CliProgram).

/// <summary><see cref="SolveTests"/> against the native build.</summary>
[Collection(NativeCliCollection.Name)]
public sealed class NativeSolveTests(NativeCliFixture native) : SolveTests
{
    internal override CliProgram Tool => native.Program;
}

/// <summary><see cref="HeaderReportAndJsonTests"/> against the native build.</summary>
[Collection(NativeCliCollection.Name)]
public sealed class NativeHeaderReportAndJsonTests(NativeCliFixture native) : HeaderReportAndJsonTests
{
    internal override CliProgram Tool => native.Program;
}

/// <summary><see cref="UsageTests"/> against the native build.</summary>
[Collection(NativeCliCollection.Name)]
public sealed class NativeUsageTests(NativeCliFixture native) : UsageTests
{
    internal override CliProgram Tool => native.Program;
}

/// <summary><see cref="BadInputTests"/> against the native build.</summary>
[Collection(NativeCliCollection.Name)]
public sealed class NativeBadInputTests(NativeCliFixture native) : BadInputTests
{
    internal override CliProgram Tool => native.Program;
}
