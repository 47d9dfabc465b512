using System.Globalization;
using System.Text;

namespace MiniMalloc.Onnx.Output;

/// <summary>
/// Renders the schedule as a C header for firmware that walks it (the sample firmware's arena check does): the step
/// count, the node of every step, the gaps of every buffer (none: ONNX values are live from write to last read), and
/// the buffers that share bytes and why (without them a firmware could not tell a view or an in-place output from
/// corruption). The lists are X-macros, so the header declares no types and stays valid C99 and C++. Macros are
/// <c>PREFIX_STEP_COUNT</c>, <c>PREFIX_SCHEDULE_STEPS(X)</c> with <c>X(step, name, type)</c>,
/// <c>PREFIX_SCHEDULE_GAPS(X)</c> and <c>PREFIX_SCHEDULE_ALIASES(X)</c> with <c>X(buffer, owner, offset, kind)</c>
/// (the sample lowering's lists, so one firmware reads both), where PREFIX is the model name upper-cased: the same prefix as the planner's
/// offsets header for the same lifetimes file.
/// </summary>
public static class ScheduleHeaderWriter
{
    /// <summary>Returns the header's text.</summary>
    public static string Render(LoweredModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string prefix = model.Name.ToUpperInvariant();
        string guard = prefix + "_SCHEDULE_H";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            /*
             * {model.Name.ToLowerInvariant()}_schedule.h: the schedule of model "{model.Name}", lowered from {Comment(model.SourceFile)} by minimalloc-onnx.
             * Do not edit: it is rewritten when the model changes.
             */
            #ifndef {guard}
            #define {guard}

            /* Number of steps: step i runs the i-th node below. */
            #define {prefix}_STEP_COUNT {model.Steps.Count}

            /* X(step, node name, operator) for every step, in execution order. */
            #define {prefix}_SCHEDULE_STEPS(X) \

            """);
        foreach (var step in model.Steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"    X({step.Index}, {CString(step.Name)}, {CString(step.OpType)}) \\\n");
        }
        text.Append("    /* end of steps */\n\n");
        text.Append(CultureInfo.InvariantCulture, $"""
            /*
             * X(buffer id, first step, end step, window lower, window upper) for every gap of a buffer. An ONNX value
             * occupies all its bytes from the step that writes it to the last step that reads it: no gaps.
             */
            #define {prefix}_SCHEDULE_GAPS(X) \

            """);
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
            if (buffer.Alias is not { } alias) continue;
            text.Append(CultureInfo.InvariantCulture, $"    X({CString(buffer.Id)}, {CString(alias.Owner)}, {alias.Offset}, {CString(alias.KindWord)}) \\\n");
        }
        text.Append("    /* end of aliases */\n\n");
        text.Append(CultureInfo.InvariantCulture, $"#endif /* {guard} */\n");
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>Text safe inside a C comment: no "*/" or "/*", printable ASCII only.</summary>
    private static string Comment(string value)
    {
        var text = new StringBuilder();
        foreach (char ch in value) text.Append(ch is >= ' ' and <= '~' and not '*' ? ch : '_');
        return text.ToString();
    }

    /// <summary>A C string literal of any text: quotes and backslashes escaped; every byte outside printable ASCII,
    /// and '?' (no trigraphs), as a three-digit octal escape of its UTF-8 encoding.</summary>
    private static string CString(string value)
    {
        var text = new StringBuilder("\"");
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (byte)'"' or (byte)'\\') text.Append('\\').Append((char)b);
            else if (b is >= (byte)' ' and <= (byte)'~' and not (byte)'?') text.Append((char)b);
            else text.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
        }
        return text.Append('"').ToString();
    }
}
