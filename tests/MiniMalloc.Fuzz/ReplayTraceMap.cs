using System.Runtime.InteropServices;

namespace MiniMalloc.Fuzz;

/// <summary>
/// Replaying inputs without afl-fuzz: the libraries that <c>sharpfuzz</c> instrumented write every branch into
/// AFL's shared trace map, which only a run under afl-fuzz maps (an instrumented library replayed without it fails
/// with an access violation at its first branch). Outside afl-fuzz they get a map of their own, never read.
/// </summary>
internal static unsafe class ReplayTraceMap
{
    // AFL's map size (MAP_SIZE), which the instrumentation's branch ids index.
    private const int Size = 1 << 16;

    public static void Install()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null) SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(Size);
    }
}
