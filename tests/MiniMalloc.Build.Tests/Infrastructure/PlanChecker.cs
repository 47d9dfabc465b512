using System.Text.RegularExpressions;

namespace MiniMalloc.Build.Tests.Infrastructure;

/// <summary>
/// What a firmware team would do with the header: a C program that includes it with the buffer table defined,
/// and checks at run time, through the table, that no two buffers whose lifespans overlap share a byte; then
/// simulates every step in a real arena (each live buffer filled with its own byte, then read back) so that an
/// overlap would show as a clobbered buffer. Compiled with -std=c99 -Wall -Wextra -Werror.
/// </summary>
public static partial class PlanChecker
{
    /// <summary>The checker's source for a header whose macros start with <paramref name="prefix"/> (upper case).</summary>
    public static string Source(string headerFileName, string prefix)
    {
        var lower = prefix.ToLowerInvariant();
        return $$"""
            #define {{prefix}}_DEFINE_BUFFER_TABLE
            #include "{{headerFileName}}"
            #include <stdio.h>
            #include <string.h>

            static unsigned char arena[{{prefix}}_ARENA_SIZE];

            int main(void)
            {
                unsigned long long i, j, pairs = 0;
                long long step, first = 0, last = 0;
                int failures = 0;
                for (i = 0; i < {{prefix}}_BUFFER_COUNT; i++) {
                    const {{lower}}_buffer_info *a = &{{lower}}_buffers[i];
                    if (a->offset + a->size > {{prefix}}_ARENA_SIZE) { printf("OUTSIDE %s\n", a->name); failures++; }
                    if (i == 0 || a->start < first) first = a->start;
                    if (i == 0 || a->end > last) last = a->end;
                    for (j = i + 1; j < {{prefix}}_BUFFER_COUNT; j++) {
                        const {{lower}}_buffer_info *b = &{{lower}}_buffers[j];
                        int live_together = a->start < b->end && b->start < a->end;
                        int share_a_byte = a->offset < b->offset + b->size && b->offset < a->offset + a->size;
                        if (live_together) pairs++;
                        if (live_together && share_a_byte) { printf("OVERLAP %s %s\n", a->name, b->name); failures++; }
                    }
                }
                for (step = first; step < last; step++) {
                    for (i = 0; i < {{prefix}}_BUFFER_COUNT; i++) {
                        const {{lower}}_buffer_info *a = &{{lower}}_buffers[i];
                        if (a->start <= step && step < a->end) memset(arena + a->offset, (int)(i + 1), (size_t)a->size);
                    }
                    for (i = 0; i < {{prefix}}_BUFFER_COUNT; i++) {
                        const {{lower}}_buffer_info *a = &{{lower}}_buffers[i];
                        unsigned long long k;
                        if (!(a->start <= step && step < a->end)) continue;
                        for (k = 0; k < a->size; k++) {
                            if (arena[a->offset + k] != (unsigned char)(i + 1)) {
                                printf("CLOBBERED %s at step %lld\n", a->name, step);
                                failures++;
                                break;
                            }
                        }
                    }
                }
                printf("buffers=%llu pairs_live_together=%llu failures=%d\n",
                       (unsigned long long){{prefix}}_BUFFER_COUNT, pairs, failures);
                return failures == 0 ? 0 : 1;
            }
            """;
    }

    /// <summary>
    /// Compiles and runs the checker against <paramref name="headerPath"/>; asserts it ran clean and returns the
    /// number of buffer pairs it found live together (so a test can insist the check was not vacuous).
    /// </summary>
    public static int Check(string headerPath, string prefix, string workFolder)
    {
        Directory.CreateDirectory(workFolder);
        var source = Path.Combine(workFolder, "check_plan.c");
        File.WriteAllText(source, Source(Path.GetFileName(headerPath), prefix));
        var run = Gcc.CompileAndRun(source, Path.GetDirectoryName(headerPath)!, workFolder);
        Assert.True(run.Succeeded, $"The C checker failed on {headerPath}:\n{run}\n{File.ReadAllText(headerPath)}");
        var summary = SummaryPattern().Match(run.Output);
        Assert.True(summary.Success, run.ToString());
        Assert.Equal("0", summary.Groups["failures"].Value);
        return int.Parse(summary.Groups["pairs"].Value);
    }

    /// <summary>The offsets of a header by macro name (PREFIX_ID), from its #define PREFIX_ID_OFFSET lines.</summary>
    public static IReadOnlyDictionary<string, long> Offsets(string headerPath) =>
        OffsetPattern().Matches(File.ReadAllText(headerPath))
            .ToDictionary(m => m.Groups["name"].Value, m => long.Parse(m.Groups["value"].Value));

    [GeneratedRegex(@"buffers=\d+ pairs_live_together=(?<pairs>\d+) failures=(?<failures>\d+)")]
    private static partial Regex SummaryPattern();

    [GeneratedRegex(@"^#define (?<name>\w+)_OFFSET (?<value>\d+)u?$", RegexOptions.Multiline)]
    private static partial Regex OffsetPattern();
}
