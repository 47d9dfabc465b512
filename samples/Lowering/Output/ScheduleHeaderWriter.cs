using System.Globalization;
using System.Text;
using Lowering.Lifetimes;

namespace Lowering.Output;

/// <summary>
/// Renders the schedule header that the firmware includes beside the planner's offsets header: the step
/// count, the operator of every step, the gaps of every buffer (the planner's buffer table has only
/// lifespans; without the gaps the firmware could not tell a legitimately reused gap from corruption), and the
/// buffers that share bytes and why (without them it could not tell a view or an in-place output from corruption).
/// Lists are X-macros, so the header needs no types of its own and stays valid C99 and C++.
/// </summary>
public static class ScheduleHeaderWriter
{
    /// <summary>Returns the header's text; <paramref name="prefix"/> is the upper-case symbol prefix.</summary>
    public static string Render(LoweredModel model, string prefix)
    {
        var text = new StringBuilder();
        string guard = prefix + "_SCHEDULE_H";
        text.Append(CultureInfo.InvariantCulture, $"""
            /*
             * {prefix.ToLowerInvariant()}_schedule.h: the operator schedule of model "{model.Name}", lowered from {model.SourceFile}.
             * Written by the sample lowering step (samples/Lowering). Do not edit: it is rewritten when the model changes.
             */
            #ifndef {guard}
            #define {guard}

            /* Number of steps: step i runs the i-th operator below. */
            #define {prefix}_STEP_COUNT {model.Steps.Count}

            /* X(step, operator name, operator type) for every step, in execution order. */
            #define {prefix}_SCHEDULE_STEPS(X) \

            """);
        for (int step = 0; step < model.Steps.Count; step++)
        {
            var op = model.Steps[step];
            text.Append(CultureInfo.InvariantCulture, $"    X({step}, {CString(op.Name)}, {CString(op.Type)}) \\\n");
        }

        text.Append("    /* end of steps */\n\n");
        text.Append(CultureInfo.InvariantCulture, $"""
            /*
             * X(buffer id, first step, end step, window lower, window upper) for every gap of a planned buffer: during
             * steps [first, end) the buffer occupies only bytes [lower, upper) of its space; lower == upper: none of it.
             */
            #define {prefix}_SCHEDULE_GAPS(X) \

            """);
        foreach (var buffer in model.Buffers)
        {
            foreach (var gap in buffer.Gaps)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"    X({CString(buffer.Id)}, {gap.Start}, {gap.End}, {gap.WindowLower ?? 0}, {gap.WindowUpper ?? 0}) \\\n");
            }
        }

        text.Append("    /* end of gaps */\n\n");
        text.Append(CultureInfo.InvariantCulture, $"""
            /*
             * X(buffer id, owner id, offset, kind) for every buffer that lives in another's bytes, from byte offset of the
             * owner on. kind: "view" (nothing is written: the bytes are the owner's), "in-place" (written over the owner at
             * the step the owner dies), "slice" (a Concat input produced into its slice of the owner, the Concat output).
             */
            #define {prefix}_SCHEDULE_ALIASES(X) \

            """);
        foreach (var buffer in model.Buffers)
        {
            if (buffer.Alias is { } alias)
            {
                string kind = alias.Kind switch { AliasKind.View => "view", AliasKind.InPlace => "in-place", _ => "slice" };
                text.Append(CultureInfo.InvariantCulture, $"    X({CString(buffer.Id)}, {CString(alias.Owner)}, {alias.Offset}, {CString(kind)}) \\\n");
            }
        }

        text.Append("    /* end of aliases */\n\n");
        text.Append(CultureInfo.InvariantCulture, $"#endif /* {guard} */\n");
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>A C string literal; escapes what C needs (names come from a JSON file and may hold anything).</summary>
    private static string CString(string value)
    {
        var text = new StringBuilder("\"");
        Span<byte> utf8 = stackalloc byte[4];
        foreach (Rune rune in value.EnumerateRunes())
        {
            if (rune.Value is '"' or '\\')
            {
                text.Append('\\').Append((char)rune.Value);
            }
            else if (rune.Value is >= ' ' and <= '~' and not '?')
            {
                text.Append((char)rune.Value);
            }
            else
            {
                // Octal escapes for everything else: control characters, UTF-8 bytes, and '?' (no trigraphs).
                int length = rune.EncodeToUtf8(utf8);
                foreach (byte b in utf8[..length])
                {
                    text.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                }
            }
        }

        return text.Append('"').ToString();
    }
}
